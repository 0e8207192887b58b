/**
 * How a project lies in a Git repository, each part in a readable file that diffs well:
 *
 *   siglum.json                 the manifest: the project's title, its volumes (folders)
 *                               and documents (files) in order
 *   register.json               the register, one entry per xml:id, sorted, one field a line
 *   print-settings.json         the print settings
 *   VOLUME/DOCUMENT.xml         one TEI file per document, in its volume's folder
 *   VOLUME/DOCUMENT.witnesses.json   the document's witnesses, when it has any
 *   images/SHA256.EXT           each page image file as imported, named by its content: one
 *                               file however many pages show it; the TEI's graphic urls
 *                               point at it (`../images/...`), the manifest keeps its name
 *
 * A document keeps the path it was first given, so a renamed document does not move.
 */
import type { Entity } from '../entities/model.ts';

/** The manifest's file name. */
export const MANIFEST = 'siglum.json';
export const REGISTER_FILE = 'register.json';
export const PRINT_SETTINGS_FILE = 'print-settings.json';
/** The folder the page images are in. */
export const IMAGES_FOLDER = 'images';
/** The folder of documents that belong to no volume. */
export const LOOSE_FOLDER = 'documents';

export interface ManifestVolume {
  folder: string;
  title: string;
}

export interface ManifestDocument {
  /** The TEI file, relative to the repository's root. */
  path: string;
  title: string;
  /** The folder of its volume, or null for a document in no volume. */
  volume: string | null;
}

/** What `siglum.json` holds. */
export interface Manifest {
  format: 1;
  title: string;
  volumes: ManifestVolume[];
  documents: ManifestDocument[];
  /** The page images' names as imported, by their file in `images/` (absent when there are none). */
  images?: Record<string, string>;
}

/** A register entry as the repository keeps it: without the project's own row id. */
export type RegisterEntry = Omit<Entity, 'id'> & { xmlId: string };

/** A witness as the repository keeps it. */
export interface WitnessEntry {
  siglum: string;
  description: string;
  text: string;
}

/** JSON with two-space indent and a final line end: a change shows as the lines it touches. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, null, 2) + '\n';
}

/** A file or folder name made from a title: lower-case letters, digits and dashes. */
export function slug(title: string): string {
  const s = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .toLowerCase();
  return s === '' || s === LOOSE_FOLDER || s === IMAGES_FOLDER ? `untitled-${s || 'x'}` : s;
}

/** A name from `stem` that is not in `taken` (`stem`, `stem-2`, `stem-3`...), added to `taken`. */
export function freeName(stem: string, taken: Set<string>, suffix = ''): string {
  let name = `${stem}${suffix}`;
  for (let i = 2; taken.has(name); i++) name = `${stem}-${i}${suffix}`;
  taken.add(name);
  return name;
}

const EXTENSIONS: Readonly<Record<string, string>> = {
  'image/tiff': 'tif',
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
};

/**
 * The file in `images/` of an image file: its SHA-256 and the extension of its name
 * (else of its media type), so that the same bytes are one file and keep their name.
 */
export function imageFileName(sha256: string, name: string, mediaType: string): string {
  if (!/^[0-9a-f]{64}$/.test(sha256)) throw new RangeError(`"${sha256}" is not a SHA-256 in hex.`);
  const ext = /\.([A-Za-z0-9]{1,5})$/.exec(name)?.[1]?.toLowerCase() ?? EXTENSIONS[mediaType] ?? 'bin';
  return `${sha256}.${ext}`;
}

/** The graphic url by which a document's TEI file (one folder down) names a file of `images/`. */
export function imageUrl(file: string): string {
  return `../${IMAGES_FOLDER}/${file}`;
}

/** The path in the repository of a document file's graphic url, or null when it names no file of `images/`. */
export function imagePathOfUrl(url: string): string | null {
  const m = /^\.\.\/images\/([A-Za-z0-9._-]+)$/.exec(url);
  return m === null || m[1]!.startsWith('.') ? null : `${IMAGES_FOLDER}/${m[1]!}`;
}

/** The witnesses file beside a document's TEI file. */
export function witnessesPath(documentPath: string): string {
  return documentPath.replace(/\.xml$/, '') + '.witnesses.json';
}

/** The register as its file holds it: entries sorted by xml:id. */
export function registerFile(entries: readonly RegisterEntry[]): string {
  return stableJson([...entries].sort((a, b) => (a.xmlId < b.xmlId ? -1 : a.xmlId > b.xmlId ? 1 : 0)));
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Reads `siglum.json`; a RangeError naming what is wrong when it is not a manifest. */
export function readManifest(text: string): Manifest {
  const m = JSON.parse(text) as unknown;
  if (!isObject(m) || m['format'] !== 1 || !Array.isArray(m['volumes']) || !Array.isArray(m['documents'])) {
    throw new RangeError(`${MANIFEST} is not a Siglum manifest of format 1.`);
  }
  const volumes = m['volumes'].map((v: unknown): ManifestVolume => {
    if (!isObject(v) || typeof v['folder'] !== 'string' || typeof v['title'] !== 'string') {
      throw new RangeError(`${MANIFEST}: a volume needs a folder and a title.`);
    }
    return { folder: v['folder'], title: v['title'] };
  });
  const documents = m['documents'].map((d: unknown): ManifestDocument => {
    if (!isObject(d) || typeof d['path'] !== 'string' || typeof d['title'] !== 'string') {
      throw new RangeError(`${MANIFEST}: a document needs a path and a title.`);
    }
    if (!/^[A-Za-z0-9._-]+\/[A-Za-z0-9._-]+\.xml$/.test(d['path'])) {
      throw new RangeError(`${MANIFEST}: ${JSON.stringify(d['path'])} is not a document path (FOLDER/NAME.xml).`);
    }
    return { path: d['path'], title: d['title'], volume: typeof d['volume'] === 'string' ? d['volume'] : null };
  });
  const manifest: Manifest = {
    format: 1,
    title: typeof m['title'] === 'string' ? m['title'] : 'Siglum project',
    volumes,
    documents,
  };
  const images = m['images'];
  if (isObject(images)) {
    manifest.images = Object.fromEntries(
      Object.entries(images).filter((e): e is [string, string] => typeof e[1] === 'string'),
    );
  }
  return manifest;
}

/** Reads `register.json` into entries by xml:id. */
export function readRegister(text: string): Map<string, RegisterEntry> {
  const list = JSON.parse(text) as unknown;
  if (!Array.isArray(list)) throw new RangeError(`${REGISTER_FILE} must hold a list of entries.`);
  const out = new Map<string, RegisterEntry>();
  for (const e of list) {
    if (!isObject(e) || typeof e['xmlId'] !== 'string')
      throw new RangeError(`${REGISTER_FILE}: every entry needs an xmlId.`);
    out.set(e['xmlId'], e as unknown as RegisterEntry);
  }
  return out;
}

/** Reads a witnesses file. */
export function readWitnesses(text: string): WitnessEntry[] {
  const list = JSON.parse(text) as unknown;
  if (!Array.isArray(list)) throw new RangeError('A witnesses file must hold a list of witnesses.');
  return list.map((w: unknown) => {
    if (!isObject(w) || typeof w['siglum'] !== 'string' || typeof w['text'] !== 'string') {
      throw new RangeError('A witness needs a siglum and a text.');
    }
    return {
      siglum: w['siglum'],
      description: typeof w['description'] === 'string' ? w['description'] : '',
      text: w['text'],
    };
  });
}
