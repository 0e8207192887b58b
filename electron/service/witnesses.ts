/**
 * The witnesses part of the service: a document's witnesses, its collation settings,
 * collating it, and reading a witness back out of its apparatus. Writes go through the
 * store's one door and end in a 'witnesses-changed' event for the document.
 */
import { Buffer } from 'node:buffer';
import { extname, basename } from 'node:path';
import type { DocJSON, DocumentMeta, ImportFile } from '../../edition/api.ts';
import type { DocumentCollation, WitnessApi, WitnessEdit } from '../../edition/apparatus/api.ts';
import {
  checkCollationSettings,
  checkSiglum,
  collationInputs,
  collateOptionsOf,
  DEFAULT_COLLATION_SETTINGS,
  collateWitnesses,
  documentText,
  entryFromVariant,
  findEntries,
  witnessText,
  witnessTextFromPlain,
  type CollationSettings,
  type WitnessInfo,
  type WitnessOrigin,
} from '../../edition/apparatus/index.ts';
import { apparatusEntries, toCollateXJson } from '../../edition/collation/index.ts';
import { SiglumError } from '../../edition/errors.ts';
import { addListWit, readListWit, witnessTextFromTei } from '../../edition/tei/apparatus.ts';
import { exportDocumentTei, type TeiImport } from '../../edition/tei/index.ts';
import { schema } from '../../edition/schema.ts';
import { Node } from 'prosemirror-model';
import { parseXml } from '../../edition/xml/parse.ts';
import { serializeXml } from '../../edition/xml/serialize.ts';
import { getDocument } from '../../db/documents.ts';
import { rowId } from '../../db/ids.ts';
import type { Store, Tx } from '../../db/store.ts';
import {
  deleteWitness,
  getCollationSettings,
  getWitness,
  insertWitness,
  listWitnesses,
  putCollationSettings,
  updateWitness,
} from '../../db/witnesses.ts';
import { argsObject, optionalString, requireString } from './args.ts';
import type { CollabAuthority } from './authority.ts';
import { checkImportFiles } from '../../edition/import-files.ts';
import { isTeiImport, type FileParser } from './formats.ts';

/** The longest witness text accepted (UTF-16 units): a long book, well past a chapter in six editions. */
const MAX_TEXT = 20_000_000;

function bad(message: string): SiglumError {
  return new SiglumError('bad-input', message);
}

function checkText(text: unknown, what: string): string {
  if (typeof text !== 'string') throw bad(`${what} must be text.`);
  if (text.length > MAX_TEXT)
    throw new SiglumError(
      'too-large',
      `${what} is longer than ${MAX_TEXT.toLocaleString('en')} characters. Split the witness.`,
    );
  return text;
}

function checkEdits(value: unknown, text: string): string {
  if (!Array.isArray(value)) throw bad('updateWitness needs "edits" as a list of { from, to, text }.');
  let out = text;
  value.forEach((raw: unknown, i) => {
    const e = raw as Partial<WitnessEdit> | null;
    const ok =
      e !== null &&
      typeof e === 'object' &&
      Number.isSafeInteger(e.from) &&
      Number.isSafeInteger(e.to) &&
      typeof e.text === 'string';
    if (!ok || e.from! < 0 || e.from! > e.to! || e.to! > out.length) {
      throw bad(
        `Edit ${i + 1} of updateWitness is not { from, to, text } within the witness's ${out.length} characters.`,
      );
    }
    out = out.slice(0, e.from) + e.text! + out.slice(e.to);
  });
  return checkText(out, "The witness's text");
}

/**
 * A witness's text from a file: plain text as it is; TEI as the text witness `siglum`
 * reads in it (its readings where the file's apparatus names it, nested apps included,
 * the running text elsewhere; the file's own text when it has no apparatus).
 */
async function textOfFile(
  file: ImportFile,
  siglum: string,
  parse: FileParser,
): Promise<{ text: string; origin: WitnessOrigin }> {
  const ext = extname(file.name).toLowerCase();
  if (ext === '.xml' || ext === '.tei') {
    const parsed = await parse(file);
    if (!isTeiImport(parsed)) throw bad(`${file.name} is not a TEI file.`);
    // The imported documents, written back (lossless) and read with the apparatus in view.
    const texts = parsed.documents.map((d) =>
      witnessTextFromTei(parseXml(exportDocumentTei(d.doc, d.meta)).root, siglum),
    );
    return { text: checkText(texts.join('\n\n'), file.name), origin: 'tei' };
  }
  const text = file.text ?? Buffer.from(file.base64 ?? '', 'base64').toString('utf8');
  return { text: plainWitness(checkText(text.replace(/^\uFEFF/u, ''), file.name), file.name), origin: 'text' };
}

/** A plain-text witness read as plain-text import reads a document (edition/apparatus `witnessTextFromPlain`). */
function plainWitness(text: string, name: string): string {
  return text.trim() === '' ? text : witnessTextFromPlain(text, name);
}

/** The witnesses methods of the service over `store`; `call` runs a body once the project is ready. */
export function witnessMethods(
  store: Store,
  authority: CollabAuthority,
  parse: FileParser,
  call: <T>(body: () => T | Promise<T>) => Promise<T>,
): WitnessApi {
  const documentOf = (o: Record<string, unknown>, method: string): number => {
    const id = rowId(requireString(o, 'documentId', method), 'document');
    getDocument(store.db, id); // 'not-found' when it is not there
    return id;
  };
  const witnessOf = (o: Record<string, unknown>, method: string): WitnessInfo => {
    const id = requireString(o, 'id', method);
    if (!/^[1-9][0-9]{0,15}$/.test(id))
      throw new SiglumError(
        'not-found',
        `There is no witness with id "${id}". List the document's witnesses to find it.`,
      );
    return getWitness(store.db, Number(id));
  };

  return {
    listWitnesses: (args) =>
      call(() => listWitnesses(store.db, documentOf(argsObject(args, 'listWitnesses'), 'listWitnesses'))),

    addWitness: (args) =>
      call(async () => {
        const o = argsObject(args, 'addWitness');
        const documentId = documentOf(o, 'addWitness');
        const description = optionalString(o, 'description', 'addWitness') ?? '';
        let text: string;
        let origin: WitnessOrigin = 'typed';
        const file = o['file'] === undefined ? null : checkImportFiles([o['file']])[0]!;
        const fileName = file?.name ?? null;
        const siglum = checkSiglum(
          o['siglum'] ?? (fileName === null ? undefined : basename(fileName, extname(fileName))),
        );
        if (file !== null) ({ text, origin } = await textOfFile(file, siglum, parse));
        else text = plainWitness(checkText(o['text'] ?? '', "The witness's text"), 'the pasted text');
        return store.write((tx) => insertWitness(tx, { documentId, siglum, description, text, origin, fileName }));
      }),

    updateWitness: (args) =>
      call(() => {
        const o = argsObject(args, 'updateWitness');
        const w = witnessOf(o, 'updateWitness');
        const change: { siglum?: string; description?: string; text?: string } = {};
        if (o['siglum'] !== undefined) change.siglum = checkSiglum(o['siglum']);
        const description = optionalString(o, 'description', 'updateWitness');
        if (description !== undefined) change.description = description;
        if (o['text'] !== undefined && o['edits'] !== undefined)
          throw bad('updateWitness takes "text" or "edits", not both.');
        if (o['text'] !== undefined) change.text = checkText(o['text'], "The witness's text");
        if (o['edits'] !== undefined) change.text = checkEdits(o['edits'], w.text);
        return store.write((tx) => updateWitness(tx, Number(w.id), change));
      }),

    removeWitness: (args) =>
      call(() => {
        const w = witnessOf(argsObject(args, 'removeWitness'), 'removeWitness');
        store.write((tx) => deleteWitness(tx, Number(w.id)));
        return { id: w.id };
      }),

    setBase: (args) =>
      call(() => {
        const o = argsObject(args, 'setBase');
        const documentId = documentOf(o, 'setBase');
        const witnessId = o['witnessId'] ?? null;
        if (witnessId !== null && typeof witnessId !== 'string')
          throw bad('setBase needs "witnessId" as a witness id, or null for the document\'s own text.');
        const current = getCollationSettings(store.db, documentId);
        const settings = checkCollationSettings({ ...current, base: witnessId });
        return store.write((tx) => putCollationSettings(tx, documentId, settings));
      }),

    getCollationSettings: (args) =>
      call(() =>
        getCollationSettings(store.db, documentOf(argsObject(args, 'getCollationSettings'), 'getCollationSettings')),
      ),

    updateCollationSettings: (args) =>
      call(() => {
        const o = argsObject(args, 'updateCollationSettings');
        const documentId = documentOf(o, 'updateCollationSettings');
        const given = o['settings'];
        if (typeof given !== 'object' || given === null || Array.isArray(given))
          throw bad('updateCollationSettings needs "settings" as an object.');
        const current = getCollationSettings(store.db, documentId);
        const g = given as Partial<CollationSettings>;
        const settings = checkCollationSettings({
          ...current,
          ...g,
          normalise: { ...current.normalise, ...(g.normalise ?? {}) },
        });
        return store.write((tx) => putCollationSettings(tx, documentId, settings));
      }),

    collateDocument: (args) =>
      call(() => collateDocument(store, authority, documentOf(argsObject(args, 'collateDocument'), 'collateDocument'))),

    extractWitness: (args) =>
      call(() => {
        const o = argsObject(args, 'extractWitness');
        const documentId = documentOf(o, 'extractWitness');
        const siglum = checkSiglum(o['siglum']);
        const { doc, meta } = store.read(() => ({
          doc: authority.peek(documentId),
          meta: getDocument(store.db, documentId).meta,
        }));
        return { siglum, text: witnessReader(doc, meta)(siglum) };
      }),
  };
}

/** Collates the document's own text (at its current version) with its witnesses, the base first. */
export function collateDocument(store: Store, authority: CollabAuthority, documentId: number): DocumentCollation {
  // The settings, the document and its witnesses as of one commit.
  const { settings, doc, version, witnesses } = store.read(() => ({
    settings: getCollationSettings(store.db, documentId),
    ...authority.document(documentId),
    witnesses: listWitnesses(store.db, documentId),
  }));
  const own = documentText(doc);
  const ordered = collationInputs(own.text, witnesses, settings);
  const { normalise, nearMatch } = collateOptionsOf(settings);
  const collated = collateWitnesses(ordered, { base: 0, normalise, nearMatch });
  const baseIsDocument = ordered[0]!.id === null;
  const variants =
    ordered.length < 2
      ? []
      : apparatusEntries(collated.collation, collated.segmentation, {
          base: 0,
          regularisations: normalise.regularisations,
        });
  return {
    ...collated.view,
    documentId: String(documentId),
    version,
    settings,
    witnessIds: ordered.map((w) => w.id),
    placements: variants.map((v) => {
      const placed = baseIsDocument ? entryFromVariant(own, v, collated.view.sigla) : null;
      if (placed === null) return null;
      const existing = findEntries(doc).find((e) => e.from < placed.to && placed.from < e.to)?.id ?? null;
      return { ...placed, existing };
    }),
    collatex: toCollateXJson(collated.collation, collated.table),
  };
}

/** The witnesses a document's TEI lists: its own text (by its siglum) and each witness. */
export function listedWitnesses(store: Store, documentId: number): Array<{ siglum: string; description: string }> {
  const witnesses = listWitnesses(store.db, documentId);
  if (witnesses.length === 0) return [];
  const own = getCollationSettings(store.db, documentId).documentSiglum;
  return [
    { siglum: own, description: 'The text of this edition' },
    ...witnesses.map((w) => ({ siglum: w.siglum, description: w.description })),
  ];
}

/** A document's exported TEI with its witnesses listed in the header (unchanged when it has none). */
export function withListWit(store: Store, documentId: number, xml: string): string {
  const witnesses = listedWitnesses(store, documentId);
  if (witnesses.length === 0) return xml;
  const parsed = parseXml(xml, { fileName: 'export' });
  return serializeXml({ ...parsed, root: addListWit(parsed.root, witnesses) });
}

/**
 * Reads witnesses out of a document's apparatus. Entries the app mark holds give each
 * witness's text exactly as collation reads the document (edition/apparatus
 * `witnessText`); a document with nested apps (kept as generic elements) is read from
 * its TEI instead (`witnessTextFromTei`, in lines).
 */
function witnessReader(doc: Node, meta: DocumentMeta): (siglum: string) => string {
  let generic = false;
  doc.descendants((n) => {
    generic ||= n.attrs['name'] === 'app' || n.marks.some((m) => m.attrs['name'] === 'app');
    return !generic;
  });
  if (!generic) return (siglum) => witnessText(doc, siglum);
  const root = parseXml(exportDocumentTei(doc.toJSON() as DocJSON, meta)).root;
  return (siglum) => witnessTextFromTei(root, siglum);
}

/** What a TEI file's listWit and apparatus give one of its documents. */
export interface ImportedWitnesses {
  /** The listed witness that reads the document's own text (its lemmata), if one does. */
  own: string | null;
  witnesses: Array<{ siglum: string; description: string; text: string }>;
}

/**
 * The witnesses a TEI import brings, by document key: for each document with an
 * apparatus, every witness the file's `listWit` names, with the text the apparatus gives
 * it. The witness that reads exactly the document's own text becomes the siglum of the
 * document's text rather than a witness. Computed before the import's transaction.
 */
export function witnessesFromTei(tei: TeiImport): Map<string, ImportedWitnesses> {
  const found = new Map<string, ImportedWitnesses>();
  if (!tei.collection.frame.includes('listWit')) return found;
  const listed = readListWit(parseXml(tei.collection.frame, { fileName: 'frame' }).root);
  if (listed.length === 0) return found;
  for (const d of tei.documents) {
    const json = JSON.stringify(d.doc);
    if (!json.includes('"type":"app"') && !json.includes('"name":"app"')) continue;
    const read = witnessReader(Node.fromJSON(schema, d.doc), d.meta);
    // What a witness no reading names reads: the lemmata, i.e. the document's own text.
    const own = read('\u0000');
    const texts = listed.map((w) => ({ ...w, text: read(w.siglum) }));
    const ownSiglum = texts.find((w) => w.text === own)?.siglum ?? null;
    found.set(d.key, { own: ownSiglum, witnesses: texts.filter((w) => w.siglum !== ownSiglum) });
  }
  return found;
}

/** Stores what `witnessesFromTei` found for a document just imported (inside the import's transaction). */
export function storeImportedWitnesses(tx: Tx, documentId: number, found: ImportedWitnesses | undefined): void {
  if (found === undefined) return;
  let own = found.own ?? DEFAULT_COLLATION_SETTINGS.documentSiglum;
  while (found.witnesses.some((w) => w.siglum === own)) own = `${own}′`;
  putCollationSettings(tx, documentId, { ...DEFAULT_COLLATION_SETTINGS, documentSiglum: own });
  for (const w of found.witnesses) insertWitness(tx, { documentId, ...w, origin: 'tei', fileName: null });
}
