// Every import failure is an ImportError with a message a person understands (DESIGN §5).

export type ImportErrorCode =
  | 'unknown-format'
  | 'malformed'
  | 'too-large'
  | 'too-deep'
  | 'unsafe'
  | 'encoding'
  | 'missing-part'
  | 'unsupported';

export class ImportError extends Error {
  override readonly name = 'ImportError';
  constructor(
    readonly code: ImportErrorCode,
    message: string,
    /** Format being read when it failed, e.g. `xmind`. */
    readonly format?: string,
  ) {
    super(message);
  }
}

/** Thrown by serializers when a document cannot be written in the requested format. */
export class ExportError extends Error {
  override readonly name = 'ExportError';
}
