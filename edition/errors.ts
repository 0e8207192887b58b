/**
 * Errors that cross the API. Bad input throws a `SiglumError` with a code and a
 * sentence a user can act on; bugs throw whatever they throw. Expected failures
 * (a collab push that is behind, say) are values in the API's result types, not
 * errors.
 */

/** What kind of bad input or refusal an error reports. */
export type ErrorCode =
  | 'bad-input'
  | 'not-found'
  | 'parse-error'
  | 'invalid-tei'
  | 'not-a-project'
  | 'newer-version'
  | 'too-large'
  | 'timeout'
  | 'forbidden'
  | 'io'
  | 'internal'
  /** A project file that SQLite's check finds broken, or that is empty. */
  | 'damaged';

/** The wire form of an error: what survives IPC and HTTP. */
export interface ErrorPayload {
  readonly name: string;
  readonly code: ErrorCode;
  readonly message: string;
}

export class SiglumError extends Error {
  override readonly name: string = 'SiglumError';
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }

  toPayload(): ErrorPayload {
    return { name: this.name, code: this.code, message: this.message };
  }

  /** Rebuilds an error received over the wire, keeping its name, code and message. */
  static fromPayload(p: ErrorPayload): SiglumError {
    const e = new SiglumError(p.code, p.message);
    Object.defineProperty(e, 'name', { value: p.name });
    return e;
  }
}

/** An XML or text that could not be read: carries where (1-based line and column). */
export class ParseError extends SiglumError {
  override readonly name = 'ParseError';
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
    readonly file?: string,
  ) {
    super('parse-error', `${file ? `${file}:` : ''}${line}:${column}: ${message}`);
  }
}

/** Turns anything thrown into a payload; unknown errors become 'internal'. */
export function toErrorPayload(e: unknown): ErrorPayload {
  if (e instanceof SiglumError) return e.toPayload();
  const message = e instanceof Error ? e.message : String(e);
  return { name: 'InternalError', code: 'internal', message: `Siglum hit an internal error: ${message}` };
}

/** Checks that a value received over the wire is an error payload. */
export function isErrorPayload(v: unknown): v is ErrorPayload {
  if (typeof v !== 'object' || v === null) return false;
  const o = v as Record<string, unknown>;
  return typeof o['name'] === 'string' && typeof o['code'] === 'string' && typeof o['message'] === 'string';
}
