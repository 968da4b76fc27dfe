// One error type for everything that can go wrong talking to a model: a stable `code` the server
// maps to an HTTP status / SSE error event, and a message a person understands (简体中文 first).

export type AiErrorCode =
  | 'not-configured' // no base URL / model
  | 'invalid-config' // a base URL that is not http(s), a private address, …
  | 'auth-failed' // 401/403 from the provider
  | 'model-not-found' // 404 from the provider
  | 'rate-limited' // 429 after every retry
  | 'provider-error' // another 4xx/5xx
  | 'network' // could not connect
  | 'timeout' // no answer within the timeout
  | 'stalled' // the stream stopped sending
  | 'stream-too-long' // the stream went on past the output limit
  | 'stream-interrupted' // the connection dropped mid-stream
  | 'malformed-stream' // nothing in the stream could be read
  | 'no-outline' // the model answered with prose, not an outline
  | 'input-too-large'
  | 'budget-exceeded' // the user's daily token budget is spent
  | 'aborted';

export class AiError extends Error {
  override readonly name = 'AiError';
  constructor(
    readonly code: AiErrorCode,
    message: string,
    /** HTTP status of the provider's answer, when there was one. */
    readonly status?: number,
  ) {
    super(message);
  }
}

export const isAiError = (e: unknown): e is AiError => e instanceof AiError;
