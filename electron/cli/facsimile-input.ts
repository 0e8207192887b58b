/**
 * The files a facsimile import needs besides those named on the command line: the
 * images and PAGE or ALTO files a METS names, and the image a PAGE or ALTO file names
 * (found beside it, or relative to the folder above, as in a METS layout), and the images
 * a TEI file's `<graphic url>`s name relative to it. They go to
 * the service as import files whose names are paths relative to one common folder, so
 * that the service ties them together by name alone (edition/facsimile/bundle.ts); each
 * is read from disk only when the import needs it (a volume's images one or two at a
 * time, never all at once).
 */
import { existsSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { MAX_IMAGE_BYTES } from '../../edition/facsimile/api.ts';
import { facsimileXmlKind, readMets } from '../../edition/facsimile/index.ts';
import { isExternalRef, isImageName, relativePath } from '../../edition/facsimile/bundle.ts';
import { readFacsimile } from '../../edition/facsimile/tei.ts';
import { TEI_NS, childElements, type XmlElement } from '../../edition/xml/tree.ts';
import { readPageRoot, isPageRoot } from '../../edition/facsimile/page.ts';
import { readAltoRoot, isAltoRoot } from '../../edition/facsimile/alto.ts';
import { parseXml } from '../../edition/xml/parse.ts';
import type { SourceFile } from '../service/import-source.ts';
import { diskFile, readInputFile } from './input.ts';

/** A file to send, by absolute path. */
interface Wanted {
  path: string;
  /** Part of a facsimile source: named by its path relative to the common folder. */
  facsimile: boolean;
  /** The name it goes by, when a TEI file names it (its `<graphic url>`). */
  name?: string;
}

function isFile(path: string): boolean {
  try {
    return existsSync(path) && statSync(path).isFile();
  } catch {
    return false;
  }
}

/** The image a PAGE or ALTO file at `path` names, if it is on disk beside it or in the folder above. */
function imageBeside(path: string, xml: string): string | null {
  let ref: string | null = null;
  try {
    const root = parseXml(xml, { fileName: path }).root;
    if (isPageRoot(root)) ref = readPageRoot(root, path).imageRef;
    else if (isAltoRoot(root)) ref = readAltoRoot(root, path)[0]?.imageRef ?? null;
  } catch {
    return null; // The service reports what is wrong with the file itself.
  }
  if (ref === null || isExternalRef(ref)) return null;
  const folder = dirname(path);
  const base = ref.split(/[\\/]/).pop() ?? ref;
  for (const candidate of [join(folder, ref), join(folder, '..', ref), join(folder, base)]) {
    if (isFile(candidate)) return resolve(candidate);
  }
  return null;
}

/**
 * The images a TEI file at `path` names in the `<graphic url>`s of the pages Siglum reads
 * (edition/facsimile/tei.ts), that are on disk relative to its folder (`../images/p1.jpg`
 * too, as a METS's parts are): each with the url's path as its name, which is how the
 * service finds a graphic's image. An absolute path or an address with a scheme
 * (`file:`, `https:`) is never read, and only image files are.
 */
function graphicsBeside(path: string, xml: string): Array<{ path: string; name: string }> {
  let root;
  try {
    root = parseXml(xml, { fileName: path }).root;
  } catch {
    return []; // The service reports what is wrong with the file itself.
  }
  const teis = root.uri === TEI_NS && root.name === 'teiCorpus' ? teiElements(root) : [root];
  const out: Array<{ path: string; name: string }> = [];
  for (const tei of teis) {
    for (const facsimile of childElements(tei).filter((c) => c.uri === TEI_NS && c.name === 'facsimile')) {
      for (const s of readFacsimile(facsimile).surfaces) {
        const name = s.graphic === null ? null : relativePath(s.graphic.url);
        const image = name === null ? null : join(dirname(path), ...name.split('/'));
        if (name !== null && image !== null && isImageName(name) && isFile(image)) out.push({ path: image, name });
      }
    }
  }
  return out;
}

/** The TEI elements of a teiCorpus, nested corpora included. */
function teiElements(corpus: XmlElement): XmlElement[] {
  return childElements(corpus).flatMap((c) =>
    c.uri !== TEI_NS ? [] : c.name === 'TEI' ? [c] : c.name === 'teiCorpus' ? teiElements(c) : [],
  );
}

/**
 * The files named on the command line, with the parts of each facsimile source among
 * them, to be read when the import needs them. TEI and plain-text files are named by
 * their base name, as always; facsimile files (METS, PAGE, ALTO, images and what they
 * name) by their path relative to the folder that holds them all. Only the files named
 * on the command line that are not images are read here (to find the parts they name).
 */
export async function importSourceFiles(files: readonly string[]): Promise<SourceFile[]> {
  const wanted: Wanted[] = [];
  const add = (path: string, facsimile: boolean, name?: string): void => {
    const abs = resolve(path);
    const given = wanted.find((w) => w.path === abs);
    if (given === undefined) wanted.push({ path: abs, facsimile, ...(name === undefined ? {} : { name }) });
    // An image given before the TEI file whose graphic names it goes by the graphic's url.
    else if (name !== undefined && given.name === undefined) given.name = name;
  };
  for (const file of files) {
    const abs = resolve(file);
    if (isImageName(file)) {
      add(abs, true);
      continue;
    }
    const bytes = await readInputFile(file);
    const head = bytes.subarray(0, 4096).toString('utf8');
    const kind = /\.xml$/i.test(file) || head.trimStart().startsWith('<') ? facsimileXmlKind(head) : null;
    add(abs, kind !== null);
    if (kind === 'mets') {
      const mets = readMets(bytes.toString('utf8'), file);
      for (const page of mets.pages) {
        for (const part of [page.image, page.transcription]) {
          if (part === null || isExternalRef(part.href)) continue;
          const member = join(dirname(abs), part.href);
          // A part that is missing is the service's to report (a page without its image or text).
          if (isFile(member)) add(member, true);
        }
      }
    } else if (kind === 'page' || kind === 'alto') {
      const image = imageBeside(abs, bytes.toString('utf8'));
      if (image !== null) add(image, true);
    } else if (kind === null && head.trimStart().startsWith('<') && bytes.includes('facsimile')) {
      for (const image of graphicsBeside(abs, bytes.toString('utf8'))) add(image.path, false, image.name);
    }
  }

  const facsimile = wanted.filter((w) => w.facsimile).map((w) => w.path);
  let common = facsimile.length === 0 ? '' : dirname(facsimile[0]!);
  for (const path of facsimile) {
    while (common !== dirname(common) && !(path.startsWith(common + sep) || path === common)) common = dirname(common);
  }
  return wanted.map((w) => {
    const name = w.name ?? (w.facsimile ? relative(common, w.path).split(sep).join('/') : w.path.split(sep).pop()!);
    return diskFile(w.path, name, isImageName(w.path) ? MAX_IMAGE_BYTES : undefined);
  });
}
