/** The sample despatch a new project starts with, so that a newcomer sees a real document. */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ImportFile } from '../../edition/api.ts';
import { SiglumError } from '../../edition/errors.ts';

/**
 * Where the sample lives in a source checkout. Computed on use, since a bundled build
 * has no module URL to resolve it from: hosts that bundle pass `seedFile` instead.
 */
export function defaultSeedFile(): string {
  return fileURLToPath(new URL('../../resources/sample/frus1933v03-d63-grew-256.txt', import.meta.url));
}

/** The sample as a file to import. */
export function seedFile(path?: string): ImportFile {
  try {
    path ??= defaultSeedFile();
    return { name: basename(path), text: readFileSync(path, 'utf8') };
  } catch {
    throw new SiglumError(
      'internal',
      `Siglum's sample document is missing (${path ?? 'resources/sample'}). Reinstall Siglum.`,
    );
  }
}
