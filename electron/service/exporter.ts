/** Exporting TEI: one document, one volume or the whole project, through edition/tei's writers. */
import type { DocJSON, ExportTarget, TeiExport } from '../../edition/api.ts';
import { SiglumError } from '../../edition/errors.ts';
import { collectionIds, getCollection } from '../../db/collections.ts';
import { getDocument, listDocuments } from '../../db/documents.ts';
import { getProject } from '../../db/project.ts';
import { rowId } from '../../db/ids.ts';
import type { Store } from '../../db/store.ts';
import type { CollabAuthority } from './authority.ts';
import type { TeiWriters } from './formats.ts';

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

function volumeDocs(store: Store, authority: CollabAuthority, collectionId: number): Map<string, DocJSON> {
  const docs = new Map<string, DocJSON>();
  for (const info of listDocuments(store.db, collectionId)) {
    const record = getDocument(store.db, Number(info.id));
    if (record.frameKey === null) continue;
    docs.set(record.frameKey, authority.peek(Number(info.id)).toJSON() as DocJSON);
  }
  return docs;
}

export function exportTei(store: Store, authority: CollabAuthority, writers: TeiWriters, target: ExportTarget): TeiExport {
  if ('documentId' in target) {
    const id = rowId(target.documentId, 'document');
    const record = getDocument(store.db, id);
    const doc = authority.peek(id).toJSON() as DocJSON;
    const context: { frame?: string; key?: string } = {};
    if (record.info.collectionId !== null && record.frameKey !== null) {
      const frame = getCollection(store.db, Number(record.info.collectionId)).frame;
      if (frame !== null) {
        context.frame = frame;
        context.key = record.frameKey;
      }
    }
    return { fileName: fileNameOf(record.info.title), xml: writers.exportDocumentTei(doc, record.meta, context) };
  }
  if ('collectionId' in target) {
    const collection = getCollection(store.db, rowId(target.collectionId, 'collection'));
    if (collection.frame === null) {
      throw new SiglumError(
        'bad-input',
        `"${collection.title}" is a folder, not an imported volume. Export its documents one by one, or the whole project.`,
      );
    }
    const xml = writers.exportCollectionTei(collection.frame, volumeDocs(store, authority, collection.id));
    return { fileName: fileNameOf(collection.title), xml };
  }
  const volumes: Array<{ frame: string; docs: Map<string, DocJSON> }> = [];
  for (const id of collectionIds(store.db)) {
    const c = getCollection(store.db, id);
    if (c.frame !== null) volumes.push({ frame: c.frame, docs: volumeDocs(store, authority, id) });
  }
  const title = getProject(store.db)?.title ?? 'siglum-project';
  return { fileName: fileNameOf(title), xml: writers.exportProjectTei(volumes) };
}
