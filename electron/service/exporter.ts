/**
 * Exporting TEI: one document, one collection or the whole project, through
 * edition/tei's writers. A volume is its frame with each document put back at its
 * placeholder; documents without one (created in Siglum, imported from plain text)
 * go into a new frame, or at the end of their volume's body.
 */
import type { DocJSON, ExportTarget, TeiExport } from '../../edition/api.ts';
import {
  exportCollectionTei,
  exportDocumentTei,
  exportProjectTei,
  newFrame,
  type ExportRegister,
} from '../../edition/tei/index.ts';
import { collectionIds, getCollection } from '../../db/collections.ts';
import { getDocument, listDocuments } from '../../db/documents.ts';
import { getProject } from '../../db/project.ts';
import { rowId } from '../../db/ids.ts';
import { emptyMeta } from '../../db/meta.ts';
import type { Store } from '../../db/store.ts';
import type { CollabAuthority } from './authority.ts';
import { loadContentAt } from '../../db/content.ts';
import { withListWit } from './witnesses.ts';
import { mentionRefs, type RegisterScope } from './entities.ts';

/** The project register as an export of some scope writes it (see EntityService.exportRegister). */
export type RegisterForExport = (scope: RegisterScope) => ExportRegister;

/** The entity ids the documents mention. */
function mentionedIn(docs: Iterable<DocJSON>): Set<string> {
  const refs = new Set<string>();
  for (const doc of docs) for (const ref of mentionRefs(doc)) refs.add(ref);
  return refs;
}

/** A file name made from a title: letters, digits and dashes. */
export function fileNameOf(title: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .toLowerCase();
  return `${slug || 'siglum-export'}.xml`;
}

/** A collection as edition/tei's writers take it: a frame and its documents by key. */
function volume(
  store: Store,
  authority: CollabAuthority,
  collectionId: number | null,
  title: string,
): { frame: string; docs: Map<string, DocJSON> } {
  const docs = new Map<string, DocJSON>();
  for (const info of listDocuments(store.db, collectionId)) {
    const id = Number(info.id);
    // Documents without a placeholder get a key of their own; the writer appends them.
    docs.set(getDocument(store.db, id).frameKey ?? `siglum-${id}`, authority.peek(id).toJSON() as DocJSON);
  }
  const frame = collectionId === null ? null : getCollection(store.db, collectionId).frame;
  return { frame: frame ?? newFrame(emptyMeta(title), [...docs.keys()]), docs };
}

/**
 * With `register`, mentions point at the register entries' xml:ids and the file
 * carries the entries its own frame does not define as a standOff (see
 * EntityService.exportRegister for which).
 */
export function exportTei(
  store: Store,
  authority: CollabAuthority,
  target: ExportTarget,
  register?: RegisterForExport,
  /** For one document: the version to export (default: the current one). */
  at?: number,
): TeiExport {
  if ('documentId' in target) {
    const id = rowId(target.documentId, 'document');
    const record = getDocument(store.db, id);
    const doc = (at === undefined ? authority.peek(id) : loadContentAt(store.db, id, at)).toJSON() as DocJSON;
    const collectionId = record.info.collectionId === null ? null : Number(record.info.collectionId);
    const frame = collectionId === null ? null : getCollection(store.db, collectionId).frame;
    const entities = register?.({ collectionId, mentioned: mentionedIn([doc]), unmentioned: false });
    const context = frame !== null && record.frameKey !== null ? { frame, key: record.frameKey } : {};
    return {
      fileName: fileNameOf(record.info.title),
      xml: withListWit(
        store,
        id,
        exportDocumentTei(doc, record.meta, entities === undefined ? context : { ...context, register: entities }),
      ),
    };
  }
  if ('collectionId' in target) {
    const collection = getCollection(store.db, rowId(target.collectionId, 'collection'));
    const { frame, docs } = volume(store, authority, collection.id, collection.title);
    const entities = register?.({
      collectionId: collection.id,
      mentioned: mentionedIn(docs.values()),
      unmentioned: true,
    });
    return { fileName: fileNameOf(collection.title), xml: exportCollectionTei(frame, docs, entities) };
  }
  const title = getProject(store.db)?.title ?? 'Siglum project';
  const collections = collectionIds(store.db).map((id) =>
    volume(store, authority, id, getCollection(store.db, id).title),
  );
  if (listDocuments(store.db, null).length > 0) collections.push(volume(store, authority, null, title));
  return { fileName: fileNameOf(title), xml: exportProjectTei(collections, title, register?.({ project: true })) };
}
