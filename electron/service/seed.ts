/** The sample despatch a new project starts with, so that a newcomer sees a real document. */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ImportFile } from '../../edition/api.ts';
import { SiglumError } from '../../edition/errors.ts';

/** Where the sample lives in a source checkout (hosts may pass another path when packaged). */
export const DEFAULT_SEED_FILE = fileURLToPath(
  new URL('../../resources/sample/frus1933v03-d63-grew-256.txt', import.meta.url),
);

export function seedFile(path: string = DEFAULT_SEED_FILE): ImportFile {
  try {
    return { name: basename(path), text: readFileSync(path, 'utf8') };
  } catch {
    throw new SiglumError('internal', `Siglum's sample document is missing (${path}). Reinstall Siglum.`);
  }
}
