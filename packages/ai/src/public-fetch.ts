// A fetch for user-supplied base URLs that cannot be turned against the server's own network (Node only;
// `@arbor/ai/node`). isPrivateHost only sees the name: a public name may resolve to 127.0.0.1 or
// 169.254.169.254, or resolve to a public address when checked and to a private one when the request
// connects (DNS rebinding). So the host is resolved once per request, every address is checked, and the
// connection is made to those checked addresses (a `lookup` that answers with them), never re-resolved.
// TLS still verifies the certificate against the name in the URL.

import { lookup as dnsLookup } from 'node:dns/promises';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { Readable } from 'node:stream';
import { AiError } from './errors.ts';
import { isPrivateHost } from './url.ts';

export interface ResolvedAddress {
  address: string;
  /** 4 or 6. */
  family: number;
}

/** Every address a host name resolves to (the system resolver by default; tests give their own). */
export type HostResolver = (hostname: string) => Promise<ResolvedAddress[]>;

export interface PublicFetchOptions {
  /** Loopback and private addresses are allowed too (the operator's ARBOR_AI_ALLOW_PRIVATE=1). */
  allowPrivate?: boolean;
  resolve?: HostResolver;
}

const systemResolver: HostResolver = (hostname) => dnsLookup(hostname, { all: true, verbatim: true });

function privateAddress(hostname: string, address?: string): AiError {
  const where = address && address !== hostname ? `${hostname.slice(0, 100)} → ${address}` : hostname.slice(0, 100);
  return new AiError(
    'invalid-config',
    `模型服务地址指向本机或内网，管理员未允许 (the base URL's host ${where} is a loopback, private or link-local address; the admin can allow it with ARBOR_AI_ALLOW_PRIVATE=1)`,
  );
}

/**
 * Resolves `hostname` once and returns its addresses; refuses (AiError `invalid-config`) a private
 * name or literal, or a name any of whose addresses is private, unless `allowPrivate`.
 */
export async function resolvePublicHost(hostname: string, options: PublicFetchOptions = {}): Promise<ResolvedAddress[]> {
  const host = hostname.replace(/^\[|\]$/g, '');
  if (!options.allowPrivate && isPrivateHost(host)) throw privateAddress(hostname);
  const literal = isIP(host);
  if (literal) return [{ address: host, family: literal }];
  let addresses: ResolvedAddress[];
  try {
    addresses = await (options.resolve ?? systemResolver)(host);
  } catch {
    addresses = [];
  }
  if (!addresses.length) throw new AiError('network', `无法解析模型服务的域名 (cannot resolve the host ${host.slice(0, 100)})`);
  if (!options.allowPrivate) {
    const bad = addresses.find((a) => isPrivateHost(a.address));
    if (bad) throw privateAddress(hostname, bad.address);
  }
  return addresses;
}

/** A `lookup` for net.connect that answers with `addresses` whatever it is asked. */
function pinnedLookup(addresses: ResolvedAddress[]): LookupFunction {
  return (_hostname, options, callback) => {
    if (options.all) callback(null, addresses);
    else callback(null, (addresses[0] as ResolvedAddress).address, (addresses[0] as ResolvedAddress).family);
  };
}

function headerPairs(res: IncomingMessage): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(res.headers)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v);
  }
  return headers;
}

/** One HTTP(S) request to `url` over a connection to the given addresses, answered as a fetch Response. */
function send(url: URL, init: RequestInit, addresses: ResolvedAddress[]): Promise<Response> {
  const signal = init.signal ?? undefined;
  if (init.body != null && typeof init.body !== 'string') return Promise.reject(new TypeError('publicFetch sends string bodies only'));
  const body = init.body ?? undefined;
  const method = (init.method ?? 'GET').toUpperCase();
  const headers = Object.fromEntries(new Headers(init.headers));
  if (body !== undefined) headers['content-length'] = String(Buffer.byteLength(body));
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => req.destroy(signal?.reason instanceof Error ? signal.reason : new Error('aborted'));
    const req = (url.protocol === 'https:' ? httpsRequest : httpRequest)(
      url,
      // No shared agent: its pooled sockets were not opened to these addresses.
      { method, headers, lookup: pinnedLookup(addresses), agent: false },
      (res) => {
        const status = res.statusCode ?? 0;
        res.once('close', () => signal?.removeEventListener('abort', onAbort));
        if (init.redirect === 'error' && status >= 300 && status < 400 && res.headers.location) {
          res.destroy();
          return reject(new TypeError(`redirect refused (HTTP ${status})`));
        }
        try {
          const empty = method === 'HEAD' || status === 204 || status === 304;
          const stream = empty ? null : (Readable.toWeb(res) as unknown as ReadableStream<Uint8Array>);
          resolve(new Response(stream, { status, statusText: res.statusMessage ?? '', headers: headerPairs(res) }));
        } catch (err) {
          res.destroy();
          reject(err);
        }
      },
    );
    signal?.addEventListener('abort', onAbort, { once: true });
    req.once('error', (err) => {
      signal?.removeEventListener('abort', onAbort);
      reject(err);
    });
    req.end(body);
  });
}

/**
 * A `fetch` (for ChatOptions.fetch) whose every request resolves its host once, refuses private
 * addresses unless allowed, and connects only to the addresses it checked. Follows no redirects.
 */
export function publicFetch(options: PublicFetchOptions = {}): typeof fetch {
  const run = async (input: string | URL | Request, init: RequestInit = {}): Promise<Response> => {
    if (input instanceof Request) throw new TypeError('publicFetch takes a URL, not a Request');
    const url = new URL(input);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new TypeError(`unsupported protocol ${url.protocol}`);
    return send(url, init, await resolvePublicHost(url.hostname, options));
  };
  return run as typeof fetch;
}
