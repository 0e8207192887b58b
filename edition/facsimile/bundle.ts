/**
 * Which files of one import belong together: a METS file and the images and PAGE or
 * ALTO files it names, a PAGE or ALTO file and its image. Files are known by their
 * names, which for these sources are paths relative to one folder (`mets.xml`,
 * `OCR-D-IMG/INPUT_0017.tif`): the command line names them so, and a METS or PAGE file
 * names its parts relative to its own folder. A browser's file picker gives bare names
 * instead (`INPUT_0017.tif`): a named path no file has is then found by its base name,
 * when only one file has it. Pure: it looks only at names.
 */

/** Image files Siglum keeps, by extension. */
export const IMAGE_EXTENSIONS = /\.(tiff?|jpe?g|png|webp|jp2)$/i;

/** True for a name that is an image's. */
export function isImageName(name: string): boolean {
  return IMAGE_EXTENSIONS.test(name);
}

/** True for an address that is not a path relative to a folder (`http:`, `file:`, an absolute path). */
export function isExternalRef(ref: string): boolean {
  return /^[a-z][a-z0-9+.-]*:/i.test(ref) || ref.startsWith('/') || ref.startsWith('\\');
}

/** A `/`-separated path with `.` and `..` resolved; null when `..` climbs above the top. */
export function normalizePath(path: string): string | null {
  const out: string[] = [];
  for (const part of path.replace(/\\/g, '/').split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length === 0) return null;
      out.pop();
    } else out.push(part);
  }
  return out.join('/');
}

/**
 * A path relative to a file's folder as one name: `/`-separated, `.` and `..` resolved,
 * the `..`s that climb out of the folder kept in front (`../images/p1.jpg`); null for an
 * external address (`isExternalRef`), which is never read as a path.
 */
export function relativePath(ref: string): string | null {
  if (isExternalRef(ref)) return null;
  const out: string[] = [];
  for (const part of ref.replace(/\\/g, '/').split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..' && out.length > 0 && out.at(-1) !== '..') out.pop();
    else out.push(part);
  }
  return out.join('/');
}

/** The folder part of a name (`a/b/c.xml` -> `a/b`, `c.xml` -> ''). */
export function folderOf(name: string): string {
  const n = name.replace(/\\/g, '/');
  const i = n.lastIndexOf('/');
  return i < 0 ? '' : n.slice(0, i);
}

/** `ref` read relative to the folder of the file `from`; null for an external address or one above the top. */
export function resolveRef(from: string, ref: string): string | null {
  if (isExternalRef(ref)) return null;
  const folder = folderOf(from);
  return normalizePath(folder === '' ? ref : `${folder}/${ref}`);
}

/**
 * Where a PAGE or ALTO file's image may be, best first: as it names it relative to its
 * own folder, relative to the folder above (a METS layout: `OCR-D-GT-PAGE/x.xml` naming
 * `OCR-D-IMG/x.tif`), and its bare name beside the file.
 */
export function imageCandidates(from: string, imageRef: string): string[] {
  if (isExternalRef(imageRef)) return [];
  const folder = folderOf(from);
  const base = imageRef.replace(/\\/g, '/').split('/').pop() ?? imageRef;
  const out = [
    resolveRef(from, imageRef),
    normalizePath(folder === '' ? `../${imageRef}` : `${folder}/../${imageRef}`),
    resolveRef(from, base),
  ];
  return [...new Set(out.filter((p): p is string => p !== null))];
}

/** The last part of a path (`OCR-D-IMG/INPUT_0017.tif` -> `INPUT_0017.tif`). */
export function baseName(path: string): string {
  return path.replace(/\\/g, '/').split('/').pop() ?? path;
}

/** What a path named in a METS, PAGE or ALTO file finds among an import's files. */
export type NamedFile =
  | { found: string }
  /** No file has the path, and several have its base name: which one is meant cannot be told. */
  | { ambiguous: string[] }
  | { missing: true };

/**
 * Finds the files a source names among an import's file names: by the whole relative
 * path, else by its base name when exactly one file has it. A file picker hands over
 * bare names (`INPUT_0017.tif`), while a METS names `OCR-D-IMG/INPUT_0017.tif`; two
 * files of that base name (from two folders) are ambiguous, and neither is taken.
 */
export function fileFinder(names: readonly string[]): (path: string) => NamedFile {
  const exact = new Set(names.map((n) => normalizePath(n) ?? n));
  const byBase = new Map<string, string[]>();
  for (const n of exact) {
    const base = baseName(n);
    byBase.set(base, [...(byBase.get(base) ?? []), n]);
  }
  return (path) => {
    if (exact.has(path)) return { found: path };
    const same = byBase.get(baseName(path)) ?? [];
    if (same.length === 1) return { found: same[0]! };
    return same.length === 0 ? { missing: true } : { ambiguous: same };
  };
}

/** The warning for a path that several imported files may be (`fileFinder`'s `ambiguous`). */
export function ambiguousWarning(source: string, path: string, names: readonly string[]): string {
  return `${source} names ${path}, and ${names.length} of the imported files are called ${baseName(path)} (${names.join(', ')}), so none was used: import the files with their folders, or only the one it means.`;
}
