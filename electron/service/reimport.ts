/**
 * Importing a file whose volume the project already holds.
 *
 * A volume is known by its TEI header: the `publicationStmt/idno` values (FRUS's
 * `<idno type="frus">frus1952-54Guat</idno>`, ISBNs...), or, for a file whose header
 * has none, its file name; and a file whose text is the very one last read is the
 * same volume under any name (SHA-256 of its bytes). Volumes imported before Siglum
 * kept this (schema 5) are known by the idnos of their stored header.
 *
 * Then the import needs the editor's choice: a new volume beside the old one (with
 * an identity of its own, so that the file read again still finds the old one),
 * replace the old one's documents, or update them. Either way the volume's register
 * entries are kept, matched by xml:id, never doubled.
 */
import { createHash } from 'node:crypto';
import { Node, Slice } from 'prosemirror-model';
import { ReplaceStep } from 'prosemirror-transform';
import type { DocJSON, DocumentMeta, ImportFile, VolumeInProject, VolumeUpdate } from '../../edition/api.ts';
import { schema } from '../../edition/schema.ts';
import type { TeiDocument } from '../../edition/tei/index.ts';
import { replaceVolumeSource, volumeSources } from '../../db/collections.ts';
import {
  deleteDocument,
  getDocument,
  insertDocument,
  listDocuments,
  orderDocuments,
  setDocumentPlace,
  setDocumentVersion,
  setSourceDoc,
  sourceDoc,
  updateMeta,
} from '../../db/documents.ts';
import { listedEntities, unlistEntities } from '../../db/entities.ts';
import { apiId } from '../../db/ids.ts';
import { putSnapshot } from '../../db/snapshots.ts';
import { appendSteps } from '../../db/steps.ts';
import type Database from 'better-sqlite3';
import type { Tx } from '../../db/store.ts';
import type { CollabAuthority } from './authority.ts';
import { importRegister, linkImportedMentions } from './entities.ts';
import type { TeiImport } from './formats.ts';
import { fileBytes } from '../workers/fileBytes.ts';

/** The client id of the steps an update writes into documents. */
export const IMPORT_CLIENT = 'siglum-import';

/** A file's identity as a volume, and the hash of its bytes. */
export interface VolumeIdentity {
  key: string;
  hash: string;
}

/** The idnos of a header's metadata (`extra['idno:TYPE']`), as one key; null when it has none. */
function idnoKey(meta: DocumentMeta): string | null {
  const idnos = Object.entries(meta.extra)
    .filter(([k]) => k.startsWith('idno:'))
    .map(([k, v]) => `${k}=${v}`)
    .sort();
  return idnos.length === 0 ? null : idnos.join('\n');
}

/**
 * The identity of an imported file's volume. `part` is the volume's place in a
 * teiCorpus (from 1; null for a file of one volume): the volumes of one corpus file
 * share its name and bytes, so a volume without idnos is known by its place.
 */
export function volumeIdentity(file: ImportFile, meta: DocumentMeta, part: number | null = null): VolumeIdentity {
  const hash = createHash('sha256').update(fileBytes(file));
  if (part !== null) hash.update(`#${part}`);
  return {
    key: idnoKey(meta) ?? (part === null ? `file:${file.name}` : `file:${file.name}#${part}`),
    hash: hash.digest('hex'),
  };
}

/** The oldest volume of the project that is this file's: same identity or the same text. */
export function volumeOf(
  db: Database.Database,
  identity: VolumeIdentity,
): { id: number; title: string; identical: boolean } | null {
  for (const v of volumeSources(db)) {
    const key = v.sourceKey ?? idnoKey(v.meta);
    if (key === identity.key || v.sourceHash === identity.hash) {
      return { id: v.id, title: v.title, identical: v.sourceHash === identity.hash };
    }
  }
  return null;
}

/** The file's volume in the project, as the import reports it. */
export function inProject(file: string, found: { id: number; title: string; identical: boolean }): VolumeInProject {
  return { file, collectionId: apiId(found.id), title: found.title, identical: found.identical };
}

/**
 * An identity of its own for a copy imported as a new volume, and its title: the
 * first `KEY#copy-N` no volume has, and the title with " (N)".
 */
export function copyIdentity(db: Database.Database, key: string, title: string): { key: string; title: string } {
  const keys = new Set(volumeSources(db).map((v) => v.sourceKey));
  let n = 2;
  while (keys.has(`${key}#copy-${n}`)) n++;
  return { key: `${key}#copy-${n}`, title: `${title} (${n})` };
}

/** Whether two documents are the same: stored JSON and the schema's toJSON write keys in one order. */
function sameDoc(a: DocJSON, b: DocJSON): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Replaces a document's whole content by `doc`, as one logged step (open editors receive it). */
function replaceContent(tx: Tx, authority: CollabAuthority, id: number, doc: DocJSON): void {
  const current = authority.peek(id);
  const next = Node.fromJSON(schema, doc);
  const step = new ReplaceStep(0, current.content.size, new Slice(next.content, 0, 0));
  const version = getDocument(tx.db, id).version;
  appendSteps(tx, id, version, [step.toJSON() as { stepType: string }], IMPORT_CLIENT);
  setDocumentVersion(tx, id, version + 1);
}

/**
 * Reads a volume's file again into the volume `collectionId`, inside the import's
 * transaction. `replace` gives every document the file's text (documents the file no
 * longer has are removed); `update` does so only where the editor has not changed
 * the document since the source last gave it, keeps the editor's text where both
 * changed (and says so), keeps what the source did not change, adds the file's new
 * documents and removes those it dropped unless the editor changed them.
 */
export function rereadVolume(
  tx: Tx,
  authority: CollabAuthority,
  collectionId: number,
  tei: TeiImport,
  identity: VolumeIdentity,
  choice: 'replace' | 'update',
  file: string,
  storeWitnesses: (documentId: number, doc: TeiDocument) => void,
): { report: VolumeUpdate; documents: Array<{ id: string; title: string }>; removed: number[] } {
  const listed = listedEntities(tx.db, collectionId);
  const refs = importRegister(tx, tei.register ?? [], collectionId, listed);
  unlistEntities(tx, collectionId, new Set(refs.values()));
  replaceVolumeSource(tx, collectionId, {
    title: tei.collection.title,
    frame: tei.collection.frame,
    meta: tei.collection.meta,
    sourceKey: identity.key,
    sourceHash: identity.hash,
  });

  const stored = new Map<string, number>();
  const untracked: number[] = [];
  for (const info of listDocuments(tx.db, collectionId)) {
    const key = getDocument(tx.db, Number(info.id)).frameKey;
    if (key === null) untracked.push(Number(info.id));
    else stored.set(key, Number(info.id));
  }
  const report: VolumeUpdate = {
    file,
    collectionId: apiId(collectionId),
    title: tei.collection.title,
    choice,
    unchanged: 0,
    fromSource: 0,
    added: 0,
    removed: 0,
    changedOnBothSides: [],
  };
  const documents: Array<{ id: string; title: string }> = [];
  const removed: number[] = [];
  const order: number[] = [];
  const editedSince = (id: number, source: DocJSON | null): boolean =>
    source === null || !sameDoc(authority.peek(id).toJSON() as DocJSON, source);

  for (const d of tei.documents) {
    const doc = linkImportedMentions(d.doc, refs);
    const id = stored.get(d.key);
    if (id === undefined) {
      const info = insertDocument(tx, {
        collectionId,
        kind: d.kind,
        title: d.title,
        n: d.n,
        frameKey: d.key,
        meta: d.meta,
      });
      putSnapshot(tx, Number(info.id), 0, doc);
      storeWitnesses(Number(info.id), d);
      report.added++;
      documents.push({ id: info.id, title: info.title });
      order.push(Number(info.id));
      continue;
    }
    stored.delete(d.key);
    order.push(id);
    documents.push({ id: apiId(id), title: d.title });
    const source = sourceDoc(tx.db, id);
    const current = authority.peek(id).toJSON() as DocJSON;
    if (sameDoc(current, doc) || (choice === 'update' && source !== null && sameDoc(source, doc))) {
      if (source === null || !sameDoc(source, doc)) setSourceDoc(tx, id, doc);
      report.unchanged++;
      continue;
    }
    if (choice === 'update' && editedSince(id, source)) {
      report.changedOnBothSides.push({ documentId: apiId(id), title: getDocument(tx.db, id).info.title });
    } else {
      replaceContent(tx, authority, id, doc);
      updateMeta(tx, id, d.meta);
      setDocumentPlace(tx, id, d.n, d.kind);
      report.fromSource++;
    }
    // What the source now says is what later updates compare with.
    setSourceDoc(tx, id, doc);
  }
  for (const [, id] of stored) {
    if (choice === 'update' && editedSince(id, sourceDoc(tx.db, id))) {
      // Dropped by the source but edited here: kept, at the end of the body, and reported.
      report.changedOnBothSides.push({ documentId: apiId(id), title: getDocument(tx.db, id).info.title });
      untracked.push(id);
      continue;
    }
    deleteDocument(tx, id);
    removed.push(id);
    report.removed++;
  }
  orderDocuments(tx, [...order, ...untracked]);
  return { report, documents, removed };
}
