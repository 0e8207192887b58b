/**
 * The files an import (or a witness read from a file) receives over the wire, checked
 * for their shape before anything reads them.
 */
import type { ImportFile } from './types.ts';
import { SiglumError } from './errors.ts';

/** The most files one import may carry. */
const MAX_FILES = 1000;

/** Checks the shape of an import file received over the wire. */
export function checkImportFiles(files: unknown[]): ImportFile[] {
  if (files.length === 0) throw new SiglumError('bad-input', 'Choose at least one file to import.');
  if (files.length > MAX_FILES) {
    throw new SiglumError(
      'too-large',
      `One import may hold at most ${MAX_FILES} files. Import them in smaller groups.`,
    );
  }
  return files.map((f, i) => {
    const o = (typeof f === 'object' && f !== null ? f : {}) as Record<string, unknown>;
    const name = o['name'];
    if (typeof name !== 'string' || name === '')
      throw new SiglumError('bad-input', `File ${i + 1} of the import has no name.`);
    if (name.length > 1000)
      throw new SiglumError('bad-input', `File ${i + 1} of the import has a name longer than 1,000 characters.`);
    const text = o['text'];
    const base64 = o['base64'];
    if (typeof text === 'string') return { name, text };
    if (typeof base64 === 'string') return { name, base64 };
    throw new SiglumError('bad-input', `${name}: the file has no content.`);
  });
}
