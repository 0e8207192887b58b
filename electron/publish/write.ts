/**
 * Writes a built edition (a map of relative path to content, from
 * edition/publish/html) into a folder on disk.
 *
 * Paths come from the builder, but a document's key ends up in a file name, so
 * every path is checked before anything is written: relative, forward slashes,
 * no `.` or `..` segments, nothing that would leave the folder. The folder may
 * exist; files the edition does not name are left alone, files it names are
 * replaced.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { SiglumError } from '../../edition/errors.ts';

const SEGMENT = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;

/** Throws a RangeError for a path that is not a plain relative path inside the folder. */
export function checkRelativePath(path: string): void {
  const segments = path.split('/');
  if (path === '' || segments.some((s) => !SEGMENT.test(s) || s === '.' || s === '..')) {
    throw new RangeError(`Refusing to write "${path}": edition files must be plain relative paths`);
  }
}

/**
 * Writes every file of `files` under `folder` (created if missing). Resolves with
 * the number of files written. A path that would leave the folder is a RangeError
 * (a bug in the builder); a folder that cannot be written is a SiglumError('io')
 * whose sentence names the folder.
 */
export async function writeEditionFolder(
  folder: string,
  files: ReadonlyMap<string, string | Uint8Array>,
): Promise<number> {
  const root = resolve(folder);
  for (const path of files.keys()) {
    checkRelativePath(path);
    if (!resolve(root, path).startsWith(root + sep))
      throw new RangeError(`Refusing to write "${path}" outside ${root}`);
  }
  try {
    const dirs = new Set([...files.keys()].map((p) => dirname(join(root, p))));
    for (const dir of dirs) await mkdir(dir, { recursive: true });
    for (const [path, content] of files) await writeFile(join(root, path), content);
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    throw new SiglumError(
      'io',
      `Could not write the edition into ${root}: ${reason}. Choose a folder you can write to.`,
    );
  }
  return files.size;
}
