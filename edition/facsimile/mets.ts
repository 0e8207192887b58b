/**
 * METS as OCR workflows write it (OCR-D, Transkribus, the DFG viewer): the physical
 * structure map's pages in order, each with its image and its transcription (PAGE
 * preferred, else ALTO). Only reads the METS file; the caller opens the files it names.
 */
import { SiglumError } from '../errors.ts';
import { parseXml } from '../xml/parse.ts';
import { childElements, getAttr, localName, textContent, type XmlElement } from '../xml/tree.ts';

export const METS_NS = 'http://www.loc.gov/METS/';
const XLINK_NS = 'http://www.w3.org/1999/xlink';

/** True when the parsed root is METS. */
export function isMetsRoot(root: XmlElement): boolean {
  return root.uri === METS_NS && localName(root.name) === 'mets';
}

/** A file of the METS fileSec. */
export interface MetsFile {
  id: string;
  /** `FLocat/@xlink:href` as written: relative to the METS file's folder, or a URL. */
  href: string;
  mimeType: string | null;
  /** The `USE` of its file group (`OCR-D-IMG`, `DEFAULT`, `FULLTEXT`...). */
  use: string | null;
}

/** One page of the physical structure map. */
export interface MetsPage {
  /** The page div's `ID`. */
  id: string;
  /** `ORDERLABEL`, else `LABEL`: the printed page number when the METS gives one. */
  label: string | null;
  image: MetsFile | null;
  transcription: (MetsFile & { format: 'page' | 'alto' }) | null;
}

export interface MetsDocument {
  /** The MODS title, or null. */
  title: string | null;
  pages: MetsPage[];
  /** Every file of the fileSec (a page's other transcriptions too), in file order. */
  files: MetsFile[];
}

function descendants(el: XmlElement, name: string, out: XmlElement[] = []): XmlElement[] {
  for (const c of childElements(el)) {
    if (c.uri === METS_NS && localName(c.name) === name) out.push(c);
    descendants(c, name, out);
  }
  return out;
}

function href(file: XmlElement): string | null {
  for (const c of childElements(file)) {
    if (localName(c.name) !== 'FLocat') continue;
    for (const a of c.attrs) if (a.uri === XLINK_NS && localName(a.name) === 'href') return a.value;
  }
  return null;
}

/** How good a file is as the page's image: higher is better, null for not an image. */
function imageRank(f: MetsFile): number | null {
  const use = (f.use ?? '').toUpperCase();
  const mime = (f.mimeType ?? '').toLowerCase();
  // The media type decides when it is given; the group's name only when it is not.
  const isImage = mime !== '' ? mime.startsWith('image/') : /IMG|IMAGE/.test(use);
  if (!isImage) return null;
  if (/THUMB|MIN/.test(use)) return 0;
  if (/MAX|ORIG|MASTER/.test(use)) return 3;
  if (/IMG|IMAGE/.test(use)) return 2;
  return 1;
}

function transcriptionFormat(f: MetsFile): 'page' | 'alto' | null {
  const mime = (f.mimeType ?? '').toLowerCase();
  const use = (f.use ?? '').toUpperCase();
  if (mime.startsWith('image/')) return null;
  if (mime.includes('page+xml') || /(^|[-_])PAGE($|[-_])/.test(use)) return 'page';
  if (mime.includes('alto') || /ALTO|FULLTEXT/.test(use)) return 'alto';
  return null;
}

/**
 * Reads a METS file.
 *
 * @throws SiglumError('bad-input') when it is not METS or has no physical structure map with pages.
 */
export function readMets(xml: string, fileName?: string): MetsDocument {
  const root = parseXml(xml, fileName === undefined ? {} : { fileName }).root;
  const label = fileName ?? 'The file';
  if (!isMetsRoot(root)) throw new SiglumError('bad-input', `${label} is not METS (its root is not mets:mets).`);

  const files = new Map<string, MetsFile>();
  for (const group of descendants(root, 'fileGrp')) {
    for (const f of childElements(group)) {
      if (localName(f.name) !== 'file') continue;
      const id = getAttr(f, 'ID');
      const h = href(f);
      if (id === null || h === null) continue;
      files.set(id, { id, href: h, mimeType: getAttr(f, 'MIMETYPE'), use: getAttr(group, 'USE') });
    }
  }

  const physical = descendants(root, 'structMap').find((s) => (getAttr(s, 'TYPE') ?? '').toUpperCase() === 'PHYSICAL');
  if (physical === undefined) {
    throw new SiglumError(
      'bad-input',
      `${label} has no physical structure map (structMap TYPE="PHYSICAL"), so its pages are not known.`,
    );
  }
  const pageDivs = descendants(physical, 'div').filter((d) => (getAttr(d, 'TYPE') ?? '').toLowerCase() === 'page');
  if (pageDivs.length === 0) throw new SiglumError('bad-input', `${label} lists no pages (div TYPE="page").`);
  // ORDER says the sequence where it is given; otherwise the order of the divs.
  const ordered = pageDivs
    .map((div, i) => ({ div, i, order: Number(getAttr(div, 'ORDER') ?? NaN) }))
    .sort((a, b) => (Number.isNaN(a.order) || Number.isNaN(b.order) ? a.i - b.i : a.order - b.order || a.i - b.i));

  const pages = ordered.map(({ div, i }): MetsPage => {
    const pointed: MetsFile[] = [];
    for (const fptr of descendants(div, 'fptr').concat(descendants(div, 'area'))) {
      const f = files.get(getAttr(fptr, 'FILEID') ?? '');
      if (f !== undefined && !pointed.includes(f)) pointed.push(f);
    }
    let image: MetsFile | null = null;
    let best = -1;
    for (const f of pointed) {
      const rank = imageRank(f);
      if (rank !== null && rank > best) {
        image = f;
        best = rank;
      }
    }
    const page = pointed.find((f) => transcriptionFormat(f) === 'page');
    const alto = pointed.find((f) => transcriptionFormat(f) === 'alto');
    const transcription =
      page !== undefined
        ? { ...page, format: 'page' as const }
        : alto !== undefined
          ? { ...alto, format: 'alto' as const }
          : null;
    return {
      id: getAttr(div, 'ID') ?? `page${i + 1}`,
      label: getAttr(div, 'ORDERLABEL') ?? getAttr(div, 'LABEL'),
      image,
      transcription,
    };
  });

  const titleEl = descendantsAny(root, 'title')[0];
  const title = titleEl === undefined ? null : textContent(titleEl).trim() || null;
  return { title, pages, files: [...files.values()] };
}

/** Elements of any namespace with this local name (MODS inside METS). */
function descendantsAny(el: XmlElement, name: string, out: XmlElement[] = []): XmlElement[] {
  for (const c of childElements(el)) {
    if (localName(c.name) === name) out.push(c);
    descendantsAny(c, name, out);
  }
  return out;
}
