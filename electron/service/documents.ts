/**
 * The documents' and collections' rows: the project, its folders and volumes, each
 * document's text as steps (pushSteps, stepsSince, through the collab authority),
 * import and TEI export. Arguments arrive checked (edition/documents/api.ts `DOCUMENT_ARGS`).
 */
import { basename, extname } from 'node:path';
import type { DocJSON, ExistingVolumeChoice, ImportResult } from '../../edition/api.ts';
import { DOCUMENT_ARGS } from '../../edition/documents/api.ts';
import { SiglumError } from '../../edition/errors.ts';
import { schema } from '../../edition/schema.ts';
import { deleteCollection, getCollection, insertCollection, listCollections } from '../../db/collections.ts';
import {
  getDocument,
  insertDocument,
  listDocuments,
  moveDocument,
  renameDocument,
  updateMeta,
} from '../../db/documents.ts';
import { documentCount } from '../../db/backup.ts';
import { versionAtTime } from '../../db/history.ts';
import { emptyMeta } from '../../db/meta.ts';
import { getProject } from '../../db/project.ts';
import { putSnapshot } from '../../db/snapshots.ts';
import { trashDocument } from '../../db/trash.ts';
import { exportTei } from './exporter.ts';
import { importFiles } from './importer.ts';
import { wireFile, type SourceFile } from './import-source.ts';
import type { Rows, ServiceContext } from './table.ts';
import { validateDocument } from './validation.ts';

/** A project's title when it has none of its own: its file name. */
export function titleFromPath(path: string): string {
  return basename(path, extname(path)) || 'Untitled project';
}

/**
 * Imports `files`, each read when the import needs it (import-source.ts). An import into
 * a project with documents may be a re-import: the state before it is kept as a backup.
 */
export async function importSources(
  { store, authority, backups, parse, options }: ServiceContext,
  files: readonly SourceFile[],
  existing?: ExistingVolumeChoice,
): Promise<ImportResult> {
  if (options.backups?.beforeImport !== false && documentCount(store.db) > 0) await backups.take('before-import');
  return importFiles(store, authority, parse, files, existing);
}

/** The project's title. */
export function projectTitle(ctx: ServiceContext): string {
  return getProject(ctx.store.db)?.title ?? titleFromPath(ctx.path);
}

type DocumentMethod =
  | 'projectInfo'
  | 'listCollections'
  | 'listDocuments'
  | 'createDocument'
  | 'renameDocument'
  | 'openDocument'
  | 'pushSteps'
  | 'stepsSince'
  | 'importFiles'
  | 'stageImportFile'
  | 'exportTei'
  | 'createCollection'
  | 'updateMeta'
  | 'moveDocument'
  | 'deleteDocument'
  | 'deleteCollection'
  | 'validateDocument';

export const documentRows: Rows<DocumentMethod> = {
  projectInfo: {
    args: DOCUMENT_ARGS.projectInfo,
    run: (ctx) => ({
      path: ctx.path,
      title: projectTitle(ctx),
      schemaVersion: ctx.store.schemaVersion(),
      ...(ctx.options.exportFolders?.[0] !== undefined ? { exportFolder: ctx.options.exportFolders[0] } : {}),
    }),
  },

  listCollections: { args: DOCUMENT_ARGS.listCollections, run: (ctx) => listCollections(ctx.store.db) },

  listDocuments: {
    args: DOCUMENT_ARGS.listDocuments,
    run: ({ store }, { collectionId }) =>
      collectionId === undefined
        ? listDocuments(store.db)
        : listDocuments(store.db, getCollection(store.db, collectionId).id),
  },

  createDocument: {
    args: DOCUMENT_ARGS.createDocument,
    run: ({ store }, { title, collectionId }) => {
      const collection = collectionId === undefined ? null : getCollection(store.db, collectionId).id;
      const doc = schema.node('doc', null, [schema.node('paragraph')]).toJSON() as DocJSON;
      return store.write((tx) => {
        const info = insertDocument(tx, {
          collectionId: collection,
          kind: 'document',
          title,
          n: null,
          frameKey: null,
          meta: emptyMeta(title),
        });
        putSnapshot(tx, Number(info.id), 0, doc);
        return info;
      });
    },
  },

  renameDocument: {
    args: DOCUMENT_ARGS.renameDocument,
    run: ({ store }, { id, title }) => {
      store.write((tx) => renameDocument(tx, id, title));
      return getDocument(store.db, id).info;
    },
  },

  openDocument: {
    args: DOCUMENT_ARGS.openDocument,
    run: ({ store, authority }, { id }) => {
      // The row and the content as of one commit, even while another process writes.
      const { record, doc, version } = store.read(() => ({
        record: getDocument(store.db, id),
        ...authority.document(id),
      }));
      return { info: record.info, meta: record.meta, doc: doc.toJSON() as DocJSON, version };
    },
  },

  pushSteps: {
    args: DOCUMENT_ARGS.pushSteps,
    run: ({ authority }, a) => authority.push(a.documentId, a.version, a.steps, a.clientID),
  },

  stepsSince: {
    args: DOCUMENT_ARGS.stepsSince,
    run: ({ authority }, { documentId, version }) => authority.stepsSince(documentId, version),
  },

  importFiles: {
    args: DOCUMENT_ARGS.importFiles,
    // Files staged ahead are read from disk, the others decoded from the call, each when its turn comes.
    run: async (ctx, { files, existing }) => {
      const staged = files.flatMap((f) => (f.staged === undefined ? [] : [f.staged]));
      let waiting = false;
      const release = await ctx.staging.hold(staged);
      try {
        const sources = files.map((f) => (f.staged === undefined ? wireFile(f) : ctx.staging.file(f.name, f.staged)));
        const result = await importSources(ctx, sources, existing);
        // Volumes already in the project wait for a choice, sent with the same files.
        waiting = existing === undefined && result.existing.length > 0;
        return result;
      } finally {
        release();
        if (!waiting) await ctx.staging.discard(staged);
      }
    },
  },

  stageImportFile: {
    args: DOCUMENT_ARGS.stageImportFile,
    run: async ({ staging }, { name, base64 }) => ({ staged: await staging.stage(name, base64) }),
  },

  exportTei: {
    args: DOCUMENT_ARGS.exportTei,
    run: ({ store, authority, entities }, { target, at, imagesFolder }) => {
      const version =
        at === undefined || typeof at === 'number'
          ? at
          : 'documentId' in target
            ? versionAtTime(store.db, target.documentId, at.time)
            : undefined;
      return exportTei(store, authority, target, () => entities.exportRecords(), version, imagesFolder);
    },
  },

  createCollection: {
    args: DOCUMENT_ARGS.createCollection,
    run: ({ store }, { title }) => {
      const id = store.write((tx) =>
        insertCollection(tx, { title, kind: 'folder', frame: null, meta: emptyMeta(title) }),
      );
      return { id: String(id), title, kind: 'folder' as const, documentCount: 0 };
    },
  },

  updateMeta: {
    args: DOCUMENT_ARGS.updateMeta,
    run: ({ store }, { id, meta }) => {
      store.write((tx) => updateMeta(tx, id, meta));
      return getDocument(store.db, id).info;
    },
  },

  moveDocument: {
    args: DOCUMENT_ARGS.moveDocument,
    run: ({ store }, { id, collectionId, position }) => {
      const to = collectionId === undefined ? null : getCollection(store.db, collectionId).id;
      const record = getDocument(store.db, id);
      const from = record.info.collectionId === null ? null : Number(record.info.collectionId);
      if (record.frameKey !== null && from !== to) {
        throw new SiglumError(
          'bad-input',
          `"${record.info.title}" belongs to an imported volume and stays in it, so that the volume exports whole. Reorder it within the volume, or create a new document elsewhere.`,
        );
      }
      store.write((tx) => moveDocument(tx, id, to, position ?? Number.MAX_SAFE_INTEGER));
      return getDocument(store.db, id).info;
    },
  },

  deleteDocument: {
    args: DOCUMENT_ARGS.deleteDocument,
    run: ({ store, authority }, { id }) => {
      const record = getDocument(store.db, id);
      if (record.frameKey !== null) {
        throw new SiglumError(
          'bad-input',
          `"${record.info.title}" is part of an imported volume, which exports with all its documents. Empty its text instead of deleting it.`,
        );
      }
      store.write((tx) => trashDocument(tx, id));
      authority.forget(id);
      return { id: String(id) };
    },
  },

  deleteCollection: {
    args: DOCUMENT_ARGS.deleteCollection,
    run: ({ store, authority }, args) => {
      const id = getCollection(store.db, args.id).id;
      const documents = listDocuments(store.db, id);
      // Its documents go to the trash, each with its history; the folder itself goes.
      store.write((tx) => {
        for (const d of documents) trashDocument(tx, Number(d.id));
        deleteCollection(tx, id);
      });
      for (const d of documents) authority.forget(Number(d.id));
      return { id: String(id) };
    },
  },

  validateDocument: {
    args: DOCUMENT_ARGS.validateDocument,
    run: ({ store, authority, entities }, { documentId, doc }) =>
      validateDocument(store, authority, documentId, doc, () => entities.exportRecords()),
  },
};
