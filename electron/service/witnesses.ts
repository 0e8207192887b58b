/**
 * The witnesses part of the service: a document's witnesses, its collation settings,
 * collating it, and reading a witness back out of its apparatus. Writes go through the
 * store's one door and end in a 'witnesses-changed' event for the document.
 */
import { Buffer } from 'node:buffer';
import { extname, basename } from 'node:path';
import type { DocumentMeta, ImportFile } from '../../edition/api.ts';
import {
  checkWitnessText,
  WITNESS_ARGS,
  type DocumentCollation,
  type WitnessEdit,
} from '../../edition/apparatus/api.ts';
import {
  checkCollationSettings,
  checkSiglum,
  collateDocumentTexts,
  DEFAULT_COLLATION_SETTINGS,
  documentText,
  entryFromVariant,
  dropSiglum,
  findEntries,
  renameSiglum,
  witnessText,
  witnessTextFromPlain,
  type WitnessOrigin,
} from '../../edition/apparatus/index.ts';
import { toCollateXJson } from '../../edition/collation/index.ts';
import { SiglumError } from '../../edition/errors.ts';
import { readListWit, witnessTextFromTei } from '../../edition/tei/apparatus.ts';
import { documentTeiTree, type TeiImport } from '../../edition/tei/index.ts';
import { schema } from '../../edition/schema.ts';
import { Node } from 'prosemirror-model';
import { Transform } from 'prosemirror-transform';
import { parseXml } from '../../edition/xml/parse.ts';
import { getDocument } from '../../db/documents.ts';
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
import type { CollabAuthority } from './authority.ts';
import { docText, isTeiImport, type FileParser } from './formats.ts';
import { existingDocument, type Rows } from './table.ts';

function bad(message: string): SiglumError {
  return new SiglumError('bad-input', message);
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
  return checkWitnessText(out, "The witness's text");
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
    // The imported documents, written back as a tree (lossless) and read with the apparatus in view.
    const texts = parsed.documents.map((d) => witnessTextFromTei(documentTeiTree(d.doc, d.meta).root, siglum));
    return { text: checkWitnessText(texts.join('\n\n'), file.name), origin: 'tei' };
  }
  const text = file.text ?? Buffer.from(file.base64 ?? '', 'base64').toString('utf8');
  return {
    text: plainWitness(checkWitnessText(text.replace(/^\uFEFF/u, ''), file.name), file.name),
    origin: 'text',
  };
}

/** A plain-text witness read as plain-text import reads a document (edition/apparatus `witnessTextFromPlain`). */
function plainWitness(text: string, name: string): string {
  return text.trim() === '' ? text : witnessTextFromPlain(text, name);
}

/** The client id of the steps that change the sigla in the apparatus (a witness renamed or removed). */
const RENAME_CLIENT = 'siglum-rename';

/**
 * Changes the document's apparatus entries by `change`, as steps through the authority
 * (open editors receive them). Called inside the write that renames or removes the
 * witness, which holds the store's write lock, so no other process can be ahead of it.
 */
function changeEntries(authority: CollabAuthority, documentId: number, change: (tr: Transform) => Transform): void {
  const { doc, version } = authority.document(documentId);
  const tr = change(new Transform(doc));
  if (tr.steps.length === 0) return;
  const result = authority.push(
    documentId,
    version,
    tr.steps.map((s) => s.toJSON()),
    RENAME_CLIENT,
  );
  if (!result.ok) throw new Error(`the apparatus of document ${documentId} changed while its sigla were changed`);
}

type WitnessMethod = keyof typeof WITNESS_ARGS;

/** The witnesses' and collation's rows. */
export const witnessRows: Rows<WitnessMethod> = {
  listWitnesses: {
    args: WITNESS_ARGS.listWitnesses,
    run: (ctx, { documentId }) => listWitnesses(ctx.store.db, existingDocument(ctx, documentId)),
  },

  addWitness: {
    args: WITNESS_ARGS.addWitness,
    run: async (ctx, args) => {
      const documentId = existingDocument(ctx, args.documentId);
      const file = args.file ?? null;
      const fileName = file?.name ?? null;
      const siglum = checkSiglum(
        args.siglum ?? (fileName === null ? undefined : basename(fileName, extname(fileName))),
      );
      let text: string;
      let origin: WitnessOrigin = 'typed';
      if (file !== null) ({ text, origin } = await textOfFile(file, siglum, ctx.parse));
      else text = plainWitness(args.text ?? '', 'the pasted text');
      const description = args.description ?? '';
      return ctx.store.write((tx) => insertWitness(tx, { documentId, siglum, description, text, origin, fileName }));
    },
  },

  updateWitness: {
    args: WITNESS_ARGS.updateWitness,
    run: ({ store, authority }, args) => {
      const w = getWitness(store.db, args.id);
      const change: { siglum?: string; description?: string; text?: string } = {};
      if (args.siglum !== undefined) change.siglum = checkSiglum(args.siglum);
      if (args.description !== undefined) change.description = args.description;
      if (args.text !== undefined) change.text = args.text;
      if (args.edits !== undefined) change.text = checkEdits(args.edits, w.text);
      return store.write((tx) => {
        const updated = updateWitness(tx, Number(w.id), change);
        if (updated.siglum !== w.siglum)
          changeEntries(authority, Number(w.documentId), (tr) => renameSiglum(tr, w.siglum, updated.siglum));
        return updated;
      });
    },
  },

  removeWitness: {
    args: WITNESS_ARGS.removeWitness,
    run: ({ store, authority }, { id }) => {
      const w = getWitness(store.db, id);
      // Its readings leave the apparatus with it: no entry goes on citing a witness that is gone.
      store.write((tx) => {
        deleteWitness(tx, Number(w.id));
        changeEntries(authority, Number(w.documentId), (tr) => dropSiglum(tr, w.siglum));
      });
      return { id: w.id };
    },
  },

  setBase: {
    args: WITNESS_ARGS.setBase,
    run: (ctx, { documentId, witnessId }) => {
      const id = existingDocument(ctx, documentId);
      const current = getCollationSettings(ctx.store.db, id);
      const settings = checkCollationSettings({ ...current, base: witnessId });
      return ctx.store.write((tx) => putCollationSettings(tx, id, settings));
    },
  },

  getCollationSettings: {
    args: WITNESS_ARGS.getCollationSettings,
    run: (ctx, { documentId }) => getCollationSettings(ctx.store.db, existingDocument(ctx, documentId)),
  },

  updateCollationSettings: {
    args: WITNESS_ARGS.updateCollationSettings,
    run: (ctx, { documentId, settings: g }) => {
      const id = existingDocument(ctx, documentId);
      const current = getCollationSettings(ctx.store.db, id);
      const settings = checkCollationSettings({
        ...current,
        ...g,
        normalise: { ...current.normalise, ...(g.normalise ?? {}) },
      });
      return ctx.store.write((tx) => {
        const saved = putCollationSettings(tx, id, settings);
        if (saved.documentSiglum !== current.documentSiglum)
          changeEntries(ctx.authority, id, (tr) => renameSiglum(tr, current.documentSiglum, saved.documentSiglum));
        return saved;
      });
    },
  },

  collateDocument: {
    args: WITNESS_ARGS.collateDocument,
    run: (ctx, { documentId }) => collateDocument(ctx.store, ctx.authority, existingDocument(ctx, documentId)),
  },

  extractWitness: {
    args: WITNESS_ARGS.extractWitness,
    run: (ctx, args) => {
      const documentId = existingDocument(ctx, args.documentId);
      const siglum = checkSiglum(args.siglum);
      const { doc, meta } = ctx.store.read(() => ({
        doc: ctx.authority.peek(documentId),
        meta: getDocument(ctx.store.db, documentId).meta,
      }));
      return { siglum, text: witnessReader(doc, meta)(siglum) };
    },
  },
};

/** Collates the document's own text (at its current version) with its witnesses, the base first. */
export function collateDocument(store: Store, authority: CollabAuthority, documentId: number): DocumentCollation {
  // The settings, the document and its witnesses as of one commit.
  const { settings, doc, version, witnesses } = store.read(() => ({
    settings: getCollationSettings(store.db, documentId),
    ...authority.document(documentId),
    witnesses: listWitnesses(store.db, documentId),
  }));
  const own = documentText(doc);
  const collated = collateDocumentTexts(own.text, witnesses, settings);
  const ordered = collated.inputs;
  const baseIsDocument = ordered[0]!.id === null;
  const variants = collated.entries;
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
  const root = documentTeiTree(doc, meta).root;
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
    const json = docText(d);
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
