/**
 * Reading the command line's input files: the size is looked at before a byte is read,
 * so that a file too big to import is refused with a sentence rather than read whole
 * into memory first (a 500 MB file would need gigabytes before the import's own limit
 * saw it).
 */
import { statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { SiglumError } from '../../edition/errors.ts';
import { headOfFile, type SourceFile } from '../service/import-source.ts';
import { MAX_IMPORT_BYTES } from '../workers/index.ts';
import { withBytes } from '../workers/fileBytes.ts';

function megabytes(bytes: number): string {
  return `${Math.ceil(bytes / (1024 * 1024)).toLocaleString('en')} MB`;
}

/**
 * The bytes of `file`, once its size is known to be within `maxBytes` (default: the
 * import limit, 64 MB). Throws SiglumError: 'not-found' for a missing or unreadable
 * file or a folder, 'too-large' naming the size and the limit.
 */
export async function readInputFile(file: string, maxBytes = MAX_IMPORT_BYTES): Promise<Buffer> {
  checkInputFile(file, maxBytes);
  try {
    return await readFile(file);
  } catch {
    throw new SiglumError('not-found', `Cannot read ${file}: check the name and that you may read it.`);
  }
}

/**
 * The size of `file` in bytes, once it is known to be a file within `maxBytes`, without
 * reading it. Throws as `readInputFile` does.
 */
export function checkInputFile(file: string, maxBytes = MAX_IMPORT_BYTES): number {
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
  return size;
}

/**
 * The file at `path` as an import's file called `name`, read from disk each time the
 * import asks for it (and never before): its size is checked now, so that a file too
 * big is refused before the project is opened.
 */
export function diskFile(path: string, name: string, maxBytes = MAX_IMPORT_BYTES): SourceFile {
  const size = checkInputFile(path, maxBytes);
  const bytes = (): Promise<Buffer> => readInputFile(path, maxBytes);
  return {
    name,
    size,
    async head() {
      try {
        return await headOfFile(path);
      } catch {
        throw new SiglumError('not-found', `Cannot read ${path}: check the name and that you may read it.`);
      }
    },
    bytes,
    // As bytes, so that the service checks that the text is valid UTF-8 rather than a decoder here guessing.
    file: async () => {
      const read = await bytes();
      return withBytes({ name, base64: read.toString('base64') }, read);
    },
  };
}
