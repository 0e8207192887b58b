/**
 * Which files of one import belong together: a METS file and the images and PAGE or
 * ALTO files it names, a PAGE or ALTO file and its image. Files are known by their
 * names, which for these sources are paths relative to one folder (`mets.xml`,
 * `OCR-D-IMG/INPUT_0017.tif`): the command line names them so, and a METS or PAGE file
 * names its parts relative to its own folder. Pure: it looks only at names.
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
