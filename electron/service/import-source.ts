/**
 * The files of one import, each read only when the import needs it and dropped after,
 * so that a volume of a hundred page images is never in memory at once. Over the wire
 * (the window, the browser host) a file arrives as an `ImportFile` and is decoded from
 * its base64 text when its turn comes (`wireFile`), or was sent ahead and is read from
 * the service's own folder (staging.ts); the command line, running the service in its
 * own process, gives files it reads from disk (electron/cli/facsimile-input.ts). Only
 * in-process callers make `SourceFile`s: no method of the API takes a path to read.
 */
import { open } from 'node:fs/promises';
import type { ImportFile } from '../../edition/api.ts';

/** One file of an import, read when asked. */
export interface SourceFile {
  /** The name the import knows it by (for facsimile sources, a path relative to one folder). */
  readonly name: string;
  /** Its size in bytes. */
  readonly size: number;
  /** The SHA-256 of its bytes (hex), when known without reading them again (a staged file's). */
  readonly sha256?: string;
  /** Its first bytes (up to 4,096) as UTF-8 text: enough to see its root element. */
  head(): Promise<string>;
  /** Its bytes, read anew on each call: the caller drops them when done. */
  bytes(): Promise<Buffer>;
  /** The file as the parsers take it (`ImportFile`), read anew on each call. */
  file(): Promise<ImportFile>;
}

/** The first bytes `head` answers. */
export const HEAD_BYTES = 4096;

/** The first `HEAD_BYTES` of the file at `path` as UTF-8 text, read without the rest. */
export async function headOfFile(path: string): Promise<string> {
  const handle = await open(path);
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(HEAD_BYTES), 0, HEAD_BYTES, 0);
    return buffer.subarray(0, bytesRead).toString('utf8');
  } finally {
    await handle.close();
  }
}

/** An import file received over the wire, decoded only when it is read. */
export function wireFile(f: ImportFile): SourceFile {
  const { name, text, base64 } = f;
  if (typeof text === 'string') {
    return {
      name,
      size: Buffer.byteLength(text, 'utf8'),
      head: () => Promise.resolve(text.slice(0, HEAD_BYTES)),
      bytes: () => Promise.resolve(Buffer.from(text, 'utf8')),
      file: () => Promise.resolve(f),
    };
  }
  const encoded = base64 ?? '';
  return {
    name,
    size: Math.floor((encoded.length * 3) / 4),
    // 5,464 base64 characters are 4,098 bytes: the head, whole.
    head: () => Promise.resolve(Buffer.from(encoded.slice(0, 5464), 'base64').toString('utf8')),
    bytes: () => Promise.resolve(Buffer.from(encoded, 'base64')),
    file: () => Promise.resolve(f),
  };
}
