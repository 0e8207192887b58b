/**
 * The facsimile sources among an import's files: METS files with the images and PAGE
 * or ALTO files they name, PAGE or ALTO files with their image, and images on their
 * own (all of an import's loose images make one document, when it holds no TEI or text
 * file whose `<graphic url>`s they may be). Each becomes a
 * `FacsimileImport` and, per surface, the image file to keep (null when it is missing:
 * the surface then has no graphic, and a warning says so). Files that are none of
 * these are left for the TEI and plain-text import.
 */
import { SiglumError } from '../../edition/errors.ts';
import {
  buildFacsimile,
  facsimileXmlKind,
  fileStem,
  buildMets,
  importOcrFile,
  readMets,
  readMetsPage,
  type AltoImageInfo,
  type FacsimileImport,
  type PageInput,
} from '../../edition/facsimile/index.ts';
import {
  ambiguousWarning,
  fileFinder,
  imageCandidates,
  isImageName,
  normalizePath,
  resolveRef,
} from '../../edition/facsimile/bundle.ts';
import { MAX_IMPORT_BYTES } from '../workers/index.ts';
import { fileText } from '../workers/parseFile.ts';
import type { SourceFile } from './import-source.ts';

/** What the importer knows of an image once it has looked at it (its size and resolution). */
export type ImageProbe = (file: SourceFile) => Promise<AltoImageInfo>;

/** One facsimile source made ready for the store. */
export interface FacsimileSource {
  /** The file it was read from (the METS, the PAGE or ALTO file, the first image). */
  file: string;
  result: FacsimileImport;
  /** Per surface, in order: the image file to keep, or null when the source names none that was given. */
  images: Array<SourceFile | null>;
}

/** True for a file this module reads: an image by its name, or XML whose root is METS, PAGE or ALTO. */
async function kindOf(file: SourceFile): Promise<'image' | 'mets' | 'page' | 'alto' | null> {
  if (isImageName(file.name)) return 'image';
  if (!/\.xml$/i.test(file.name) && /\.(txt|text|md|tei)$/i.test(file.name)) return null;
  return facsimileXmlKind(await file.head());
}

/** A METS, PAGE or ALTO file's text, read now (the file is not kept). */
async function textOf(file: SourceFile): Promise<string> {
  return fileText(await file.file());
}

/** Runs `probe` on each file in turn (an image is read only while it is looked at); `{}` for null. */
async function probeEach(files: ReadonlyArray<SourceFile | null>, probe: ImageProbe): Promise<AltoImageInfo[]> {
  const out: AltoImageInfo[] = [];
  for (const f of files) out.push(f === null ? {} : await probe(f));
  return out;
}

/**
 * Splits an import's files into facsimile sources and the rest. `probe` tells an
 * image's size and resolution (ALTO files measured in mm10 or inch1200 need them).
 * `onImages` hears of each source's images (the array its source will hold) as soon as
 * they are known, before the source's transcriptions are read, so that keeping them may
 * begin meanwhile.
 *
 * @throws SiglumError for a source that cannot be read (named, with what to do).
 */
export async function readFacsimileSources(
  files: readonly SourceFile[],
  probe: ImageProbe,
  onImages?: (images: FacsimileSource['images']) => void,
): Promise<{ sources: FacsimileSource[]; rest: SourceFile[] }> {
  const kinds = new Map<SourceFile, Awaited<ReturnType<typeof kindOf>>>();
  for (const f of files) kinds.set(f, await kindOf(f));
  // METS, PAGE and ALTO are read in this process: the import's size limit holds for them as in the worker.
  for (const [f, kind] of kinds) {
    const size = f.size;
    if (kind !== null && kind !== 'image' && size > MAX_IMPORT_BYTES) {
      throw new SiglumError(
        'too-large',
        `${f.name}: the file is ${Math.round(size / 1048576)} MB; Siglum imports files up to ${Math.round(MAX_IMPORT_BYTES / 1048576)} MB.`,
      );
    }
  }
  const byName = new Map(files.map((f) => [normalizePath(f.name) ?? f.name, f]));
  const find = fileFinder([...byName.keys()]);
  const used = new Set<SourceFile>();
  const sources: FacsimileSource[] = [];
  // A path found by its whole name, else by its base name (a browser's picker gives bare names).
  const lookUp = (from: string, path: string, warnings: string[] | null): SourceFile | null => {
    const hit = find(path);
    if ('found' in hit) return byName.get(hit.found) ?? null;
    if ('ambiguous' in hit) {
      // The files it may mean are the source's, not loose images of a document of their own.
      for (const name of hit.ambiguous) used.add(byName.get(name)!);
      if (warnings !== null) warnings.push(ambiguousWarning(from, path, hit.ambiguous));
    }
    return null;
  };
  const named = (from: string, ref: string | null, warnings: string[] | null): SourceFile | null => {
    const path = ref === null ? null : resolveRef(from, ref);
    return path === null ? null : lookUp(from, path, warnings);
  };

  for (const file of files) {
    if (kinds.get(file) !== 'mets') continue;
    used.add(file);
    const mets = readMets(await textOf(file), file.name);
    const warnings: string[] = [];
    const images = mets.pages.map((p) => named(file.name, p.image?.href ?? null, warnings));
    onImages?.(images);
    // Only ALTO needs the image's size and resolution (for mm10 and inch1200).
    const infos = await probeEach(
      images.map((f, i) => (mets.pages[i]?.transcription?.format === 'alto' ? f : null)),
      probe,
    );
    // The pages are read one at a time, each transcription's text read just before: between
    // two pages, the images begun above get their turns (a volume's pages take seconds to read).
    const texts = new Map<SourceFile, string>();
    const pageWarnings: string[] = [];
    const pages: PageInput[] = [];
    for (const [i, page] of mets.pages.entries()) {
      const t = named(file.name, page.transcription?.href ?? null, null);
      if (t !== null && !texts.has(t)) texts.set(t, await textOf(t));
      const read = (): { xml: string; image: AltoImageInfo } | null => {
        const found = named(file.name, page.transcription?.href ?? null, warnings);
        if (found === null) return null;
        used.add(found);
        return { xml: texts.get(found) ?? '', image: infos[i] ?? {} };
      };
      pages.push(readMetsPage(page, read, pageWarnings));
      await new Promise((resume) => setImmediate(resume));
    }
    texts.clear();
    const result = buildMets(mets, fileStem(file.name), pages, pageWarnings);
    for (const f of images) if (f !== null) used.add(f);
    // The files the METS names but does not use (the ALTO beside a PAGE file) are its too.
    for (const f of mets.files) {
      const member = named(file.name, f.href, null);
      if (member !== null) used.add(member);
    }
    result.warnings.push(...warnings, ...missingImages(result, images));
    sources.push({ file: file.name, result, images });
  }

  for (const file of files) {
    const kind = kinds.get(file);
    if ((kind !== 'page' && kind !== 'alto') || used.has(file)) continue;
    used.add(file);
    const text = await textOf(file);
    // The image first, for ALTO measured in mm10 or inch1200: its name comes from a first reading.
    const first = importOcrFile(text, file.name);
    const ref = first.surfaces[0]?.imageRef ?? null;
    const candidates = ref === null ? [] : imageCandidates(file.name, ref);
    const warnings: string[] = [];
    const image =
      candidates.map((c) => byName.get(c)).find((f) => f !== undefined) ??
      (candidates[0] === undefined ? null : lookUp(file.name, candidates[0], warnings));
    const result = image === null || kind === 'page' ? first : importOcrFile(text, file.name, await probe(image));
    if (image !== null) used.add(image);
    const images = result.surfaces.map(() => image);
    onImages?.(images);
    result.warnings.push(...warnings, ...missingImages(result, images));
    sources.push({ file: file.name, result, images });
  }

  // Images no METS, PAGE or ALTO file names make a document of their own, unless the import
  // also holds TEI or text: then they are the images a TEI file's <graphic url> names.
  const others = files.some((f) => kinds.get(f) === null);
  const loose = others ? [] : files.filter((f) => kinds.get(f) === 'image' && !used.has(f));
  if (loose.length > 0) {
    onImages?.(loose);
    const infos = await probeEach(loose, probe);
    const result = buildFacsimile(
      fileStem(loose[0]!.name),
      loose.map((f, i) => ({
        key: fileStem(f.name),
        n: null,
        layout: {
          imageRef: f.name,
          width: infos[i]?.width ?? null,
          height: infos[i]?.height ?? null,
          border: null,
          printSpace: null,
          regions: [],
          warnings: [],
        },
      })),
    );
    for (const f of loose) used.add(f);
    sources.push({ file: loose[0]!.name, result, images: loose });
  }

  const left = (f: SourceFile): boolean => kinds.get(f) === null || kinds.get(f) === 'image';
  const rest = files.filter((f) => !used.has(f) && left(f));
  const stray = files.find((f) => !used.has(f) && !left(f));
  if (stray !== undefined) throw new SiglumError('bad-input', `${stray.name} could not be read as a facsimile source.`);
  return { sources, rest };
}

/** A warning for each surface whose image was not among the files. */
function missingImages(result: FacsimileImport, images: ReadonlyArray<SourceFile | null>): string[] {
  return result.surfaces.flatMap((s, i) =>
    images[i] === null || images[i] === undefined
      ? [
          `The image of page ${s.n ?? i + 1} (${s.imageRef ?? 'not named'}) was not found, so the page has no image: add it later with "Add page images".`,
        ]
      : [],
  );
}
