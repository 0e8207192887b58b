/**
 * Page images and their transcriptions read into Siglum: PAGE XML, ALTO, METS and IIIF
 * (each its own module) into one shape, `FacsimileImport` (build.ts): a document whose
 * page and line breaks point at the zones of its surfaces.
 */
import { SiglumError } from '../errors.ts';
import { parseXml } from '../xml/parse.ts';
import { readAltoRoot, isAltoRoot, type AltoImageInfo } from './alto.ts';
import { buildFacsimile, type FacsimileImport, type PageInput } from './build.ts';
import type { IiifManifest } from './iiif.ts';
import { isMetsRoot, type MetsDocument, type MetsPage } from './mets.ts';
import type { LayoutPage } from './layout.ts';
import { isPageRoot, readPageRoot } from './page.ts';

export * from './build.ts';
export * from './layout.ts';
export { readPage, readPageRoot, isPageRoot, textEquiv, PAGE_NS_PREFIX } from './page.ts';
export { readAlto, readAltoRoot, isAltoRoot, type AltoImageInfo } from './alto.ts';
export { readMets, isMetsRoot, type MetsDocument, type MetsPage, type MetsFile } from './mets.ts';
export {
  readManifest,
  readImageInfo,
  imagePlan,
  imageService,
  languageString,
  type IiifManifest,
  type IiifCanvas,
  type ImageInfo,
  type ImageService,
  type ImagePlan,
} from './iiif.ts';

/** What kind of facsimile source an XML file is, from its root element; null for other XML. */
export function facsimileXmlKind(xml: string): 'page' | 'alto' | 'mets' | null {
  // Only the root matters: look at the first start tag that is not a declaration, comment or PI.
  const m = /<(?![?!])([\w.-]+:)?([\w.-]+)[\s>/]/.exec(xml);
  if (m === null) return null;
  const local = m[2];
  if (local === 'PcGts' && xml.includes('schema.primaresearch.org/PAGE')) return 'page';
  if (local === 'alto') return 'alto';
  if (local === 'mets' && xml.includes('http://www.loc.gov/METS/')) return 'mets';
  return null;
}

/** The file name without folders and its extension (and `.page`/`.alto` before an `.xml`). */
export function fileStem(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? name;
  return base.replace(/\.[^.]+$/, '').replace(/\.(page|alto)$/i, '') || base;
}

/**
 * One PAGE or ALTO file made into a document (title: the file's stem). `image` is what
 * the caller knows of the page image, for ALTO files not measured in pixels.
 *
 * @throws SiglumError('bad-input') when the file is neither PAGE nor ALTO.
 */
export function importOcrFile(xml: string, fileName: string, image: AltoImageInfo = {}): FacsimileImport {
  const root = parseXml(xml, { fileName }).root;
  const stem = fileStem(fileName);
  if (isPageRoot(root)) return buildFacsimile(stem, [{ layout: readPageRoot(root, fileName), key: stem, n: null }]);
  if (isAltoRoot(root)) {
    const layouts = readAltoRoot(root, fileName, image);
    return buildFacsimile(
      stem,
      layouts.map((layout, i) => ({ layout, key: layouts.length === 1 ? stem : `${stem}_${i + 1}`, n: null })),
    );
  }
  if (isMetsRoot(root)) {
    throw new SiglumError('bad-input', `${fileName} is METS: import it as a whole, with the files it names beside it.`);
  }
  throw new SiglumError('bad-input', `${fileName} is neither PAGE XML nor ALTO.`);
}

/** A IIIF manifest made into a document: one surface per canvas, no text but the page breaks. */
export function importManifest(manifest: IiifManifest): FacsimileImport {
  const pages: PageInput[] = manifest.canvases.map((c, i) => ({
    key: `canvas${i + 1}`,
    n: c.label,
    metadata: [...(c.label === null ? [] : [{ label: 'label', value: c.label }]), ...c.metadata],
    layout: {
      imageRef: c.service?.id ?? c.imageUrl,
      width: c.width > 0 ? c.width : null,
      height: c.height > 0 ? c.height : null,
      border: null,
      printSpace: null,
      regions: [],
      warnings: [],
    },
  }));
  return buildFacsimile(manifest.label, pages, {
    metadata: [{ label: 'label', value: manifest.label }, ...manifest.metadata],
  });
}

/** A page with no transcription: its image alone. */
function imageOnly(imageRef: string | null): LayoutPage {
  return { imageRef, width: null, height: null, border: null, printSpace: null, regions: [], warnings: [] };
}

/**
 * A METS file's pages made into one document (title: the METS title, else `fallbackTitle`).
 * `read` gives a page's transcription file (its text and what is known of the page's
 * image), or null when it cannot be read; the image named by the METS is the surface's
 * `imageRef` (relative to the METS file's folder, as METS writes it).
 */
export function importMets(
  mets: MetsDocument,
  fallbackTitle: string,
  read: (page: MetsPage) => { xml: string; image?: AltoImageInfo } | null,
): FacsimileImport {
  const warnings: string[] = [];
  const pages = mets.pages.map((page) => readMetsPage(page, read, warnings));
  return buildMets(mets, fallbackTitle, pages, warnings);
}

/**
 * One page of a METS file as `importMets` reads it (its transcription parsed), so that a
 * caller can read a volume's pages one at a time; what it cannot read goes to `warnings`.
 */
export function readMetsPage(
  page: MetsPage,
  read: (page: MetsPage) => { xml: string; image?: AltoImageInfo } | null,
  warnings: string[],
): PageInput {
  const imageRef = page.image?.href ?? null;
  const input = { key: page.id, n: page.label };
  if (page.transcription === null) {
    warnings.push(
      `Page ${page.label ?? page.id} of the METS has no PAGE or ALTO file; it is imported as an image alone.`,
    );
    return { ...input, layout: imageOnly(imageRef) };
  }
  const file = read(page);
  if (file === null) {
    warnings.push(
      `${page.transcription.href} (page ${page.label ?? page.id}) could not be read; the page is imported as an image alone.`,
    );
    return { ...input, layout: imageOnly(imageRef) };
  }
  const name = page.transcription.href;
  const root = parseXml(file.xml, { fileName: name }).root;
  let layout: LayoutPage;
  if (isPageRoot(root)) layout = readPageRoot(root, name);
  else if (isAltoRoot(root)) {
    const first = readAltoRoot(root, name, file.image ?? {})[0];
    if (first === undefined) throw new SiglumError('bad-input', `${name} has no page.`);
    layout = first;
  } else
    throw new SiglumError(
      'bad-input',
      `${name}, named by the METS for page ${page.label ?? page.id}, is neither PAGE XML nor ALTO.`,
    );
  return { ...input, layout: { ...layout, imageRef: imageRef ?? layout.imageRef } };
}

/** The document of a METS file's pages read by `readMetsPage`, with the warnings their reading gave first. */
export function buildMets(
  mets: MetsDocument,
  fallbackTitle: string,
  pages: readonly PageInput[],
  warnings: readonly string[],
): FacsimileImport {
  const result = buildFacsimile(mets.title ?? fallbackTitle, pages);
  return { ...result, warnings: [...warnings, ...result.warnings] };
}
export { withFreeIds } from './rename.ts';
