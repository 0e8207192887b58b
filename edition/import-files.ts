/**
 * The files an import (or a witness read from a file) receives over the wire, checked
 * for their shape before anything reads them.
 */
import type { ImportFile } from './types.ts';
import { SiglumError } from './errors.ts';
import { MAX_IMAGE_BYTES } from './facsimile/api.ts';

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
    const staged = o['staged'];
    if (typeof text === 'string') return { name, text };
    if (typeof base64 === 'string') return { name, base64 };
    if (typeof staged === 'string' && /^[0-9a-f-]{1,64}$/.test(staged)) return { name, staged };
    throw new SiglumError('bad-input', `${name}: the file has no content.`);
  });
}

/**
 * Checks a file sent ahead of its import (`stageImportFile`): a name, and base64 of at
 * most the largest page image a project takes.
 */
export function checkStagedFile(name: unknown, base64: unknown): { name: string; base64: string } {
  if (typeof name !== 'string' || name === '' || name.length > 1000)
    throw new SiglumError('bad-input', 'stageImportFile needs "name" as a file name of 1 to 1,000 characters.');
  if (typeof base64 !== 'string') throw new SiglumError('bad-input', `${name}: the file has no content.`);
  if (base64.length > Math.ceil(MAX_IMAGE_BYTES / 3) * 4) {
    throw new SiglumError(
      'too-large',
      `${name} is larger than ${MAX_IMAGE_BYTES / 1024 / 1024} MB, the most one imported file may be. Reduce it and import it again.`,
    );
  }
  return { name, base64 };
}
