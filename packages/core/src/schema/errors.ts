// DocFormatError: a serialized document that cannot be read, naming where and why.

export class DocFormatError extends Error {
  override readonly name = 'DocFormatError';
  constructor(
    message: string,
    /** Where in the document, e.g. `topics.t3.parentId`; empty for the whole document. */
    readonly path: string,
    /** For JSON syntax errors: the position of the first bad character. */
    readonly position?: { offset: number; line: number; column: number },
  ) {
    super(message);
  }
}
