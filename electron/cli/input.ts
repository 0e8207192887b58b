/**
 * Reading the command line's input files: the size is looked at before a byte is read,
 * so that a file too big to import is refused with a sentence rather than read whole
 * into memory first (a 500 MB file would need gigabytes before the import's own limit
 * saw it).
 */
import { statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { SiglumError } from '../../edition/errors.ts';
import { MAX_IMPORT_BYTES } from '../workers/index.ts';

function megabytes(bytes: number): string {
  return `${Math.ceil(bytes / (1024 * 1024)).toLocaleString('en')} MB`;
}

/**
 * The bytes of `file`, once its size is known to be within `maxBytes` (default: the
 * import limit, 64 MB). Throws SiglumError: 'not-found' for a missing or unreadable
 * file or a folder, 'too-large' naming the size and the limit.
 */
export async function readInputFile(file: string, maxBytes = MAX_IMPORT_BYTES): Promise<Buffer> {
  let size: number;
  try {
    const stat = statSync(file);
    if (stat.isDirectory()) throw new SiglumError('not-found', `${file} is a folder: name the files instead.`);
    size = stat.size;
  } catch (e) {
    if (e instanceof SiglumError) throw e;
    throw new SiglumError('not-found', `Cannot read ${file}: check the name and that you may read it.`);
  }
  if (size > maxBytes) {
    throw new SiglumError(
      'too-large',
      `${file} is ${megabytes(size)}, and Siglum reads files of at most ${megabytes(maxBytes)}. Split it into smaller files (a TEI volume into parts) and try again.`,
    );
  }
  try {
    return await readFile(file);
  } catch {
    throw new SiglumError('not-found', `Cannot read ${file}: check the name and that you may read it.`);
  }
}
