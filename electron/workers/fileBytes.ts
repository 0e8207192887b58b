/**
 * The bytes behind an imported file's base64 (as the API carries files), where whoever
 * made the file still had them: the command line reads a 4 MB volume from disk, and
 * matching it with its parse under way and hashing it then need not decode the base64.
 */
import type { ImportFile } from '../../edition/api.ts';

/** The bytes each file's base64 holds, where whoever made the file still had them. */
const knownBytes = new WeakMap<ImportFile, Uint8Array>();

/**
 * `file`, noted as holding `bytes` (its base64 encodes them), so that what needs the bytes
 * (matching a file parsed ahead, the volume's hash) does not decode 4 MB of base64 again.
 */
export function withBytes<T extends ImportFile>(file: T, bytes: Uint8Array): T {
  knownBytes.set(file, bytes);
  return file;
}

/** The file's bytes: those its base64 holds, or its text as UTF-8. */
export function fileBytes(file: ImportFile): Uint8Array {
  const known = knownBytes.get(file);
  if (known !== undefined) return known;
  return typeof file.text === 'string' ? Buffer.from(file.text, 'utf8') : Buffer.from(file.base64 ?? '', 'base64');
}
