/**
 * History, the trash and backups over one open project: the rows of the HistoryApi
 * methods (edition/history/api.ts has their schemas). Restoring an
 * old version adds steps through the collab authority, like any edit, so open editors
 * follow it and it can itself be undone by restoring again.
 */
import { Transform } from 'prosemirror-transform';
import type { Node } from 'prosemirror-model';
import type { DocJSON, StepJSON } from '../../edition/api.ts';
import { diffDocuments } from '../../edition/history/diff.ts';
import { HISTORY_ARGS, type NamedVersion } from '../../edition/history/api.ts';
import { sessionVersions } from '../../edition/history/sessions.ts';
import { SiglumError } from '../../edition/errors.ts';
import { loadContentAt } from '../../db/content.ts';
import { documentVersion, getDocument } from '../../db/documents.ts';
import { addNamedVersion, documentCreatedAt, listNamedVersions, stepStamps } from '../../db/history.ts';
import type { Store } from '../../db/store.ts';
import { emptyTrash, listTrash, purgeTrash, restoreFromTrash } from '../../db/trash.ts';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { backupDatabase, documentCount } from '../../db/backup.ts';
import { projectTitle } from './documents.ts';
import { existingDocument, type Rows } from './table.ts';

/** The client id restored versions are pushed as. */
export const HISTORY_CLIENT = 'siglum-history';

/** The steps that turn `from` into `to`: one replacement of the part that differs. */
export function stepsBetween(from: Node, to: Node): StepJSON[] {
  const start = from.content.findDiffStart(to.content);
  if (start === null) return [];
  const end = from.content.findDiffEnd(to.content);
  let endA = end?.a ?? from.content.size;
  let endB = end?.b ?? to.content.size;
  // The two ends can overlap where the same text repeats; keep them after the start.
  const overlap = start - Math.min(endA, endB);
  if (overlap > 0) {
    endA += overlap;
    endB += overlap;
  }
  const tr = new Transform(from);
  tr.replace(start, endA, to.slice(start, endB));
  if (!tr.doc.eq(to)) {
    // The part could not be fitted in place; replace the whole content instead.
    const whole = new Transform(from).replaceWith(0, from.content.size, to.content);
    return whole.steps.map((s) => s.toJSON() as StepJSON);
  }
  return tr.steps.map((s) => s.toJSON() as StepJSON);
}

/** The project's named versions, each with document `documentId`'s version then. */
function named(store: Store, documentId: number): NamedVersion[] {
  return listNamedVersions(store.db).map((n) => ({
    id: String(n.id),
    name: n.name,
    at: n.at,
    version: n.versions[String(documentId)] ?? null,
  }));
}

type HistoryMethod = keyof typeof HISTORY_ARGS;

/**
 * History, the trash, backups, and the project methods as a single-project host
 * answers them (a workspace, workspace.ts, answers listProjects, openProject and
 * restoreBackup itself).
 */
export const historyRows: Rows<HistoryMethod> = {
  documentHistory: {
    args: HISTORY_ARGS.documentHistory,
    run: (ctx, { documentId }) => {
      const { store } = ctx;
      const id = existingDocument(ctx, documentId);
      const stamps = stepStamps(store.db, id);
      const createdAt = documentCreatedAt(store.db, id) ?? stamps[0]?.at ?? new Date(0).toISOString();
      return {
        documentId: String(id),
        version: documentVersion(store.db, id) ?? stamps.length,
        versions: sessionVersions(stamps, createdAt),
        named: named(store, id),
      };
    },
  },

  documentAt: {
    args: HISTORY_ARGS.documentAt,
    run: (ctx, { documentId, version }) => ({
      version,
      doc: ctx.versions.contentAt(existingDocument(ctx, documentId), version).toJSON() as DocJSON,
    }),
  },

  diffVersions: {
    args: HISTORY_ARGS.diffVersions,
    run: (ctx, { documentId, from, to: given }) => {
      const id = existingDocument(ctx, documentId);
      const to = given ?? documentVersion(ctx.store.db, id) ?? 0;
      // The later version is replayed on from the earlier when no snapshot is nearer.
      const [low, high] = from <= to ? [from, to] : [to, from];
      const lowDoc = ctx.versions.contentAt(id, low);
      const highDoc = ctx.versions.contentAt(id, high, { doc: lowDoc, version: low });
      return from <= to ? diffDocuments(lowDoc, highDoc) : diffDocuments(highDoc, lowDoc);
    },
  },

  restoreVersion: {
    args: HISTORY_ARGS.restoreVersion,
    run: (ctx, { documentId, version }) => {
      const { store, authority } = ctx;
      const id = existingDocument(ctx, documentId);
      const old = loadContentAt(store.db, id, version);
      // Another writer may come first; compute the steps again on top of it.
      for (let attempt = 0; attempt < 5; attempt++) {
        const live = authority.document(id);
        const steps = stepsBetween(live.doc, old);
        if (steps.length === 0) return { version: live.version };
        const result = authority.push(id, live.version, steps, HISTORY_CLIENT);
        if (result.ok) return { version: result.version };
      }
      throw new SiglumError('io', 'The document kept changing while the old version was restored. Try again.');
    },
  },

  nameVersion: {
    args: HISTORY_ARGS.nameVersion,
    run: ({ store }, { name }) => {
      const row = store.write((tx) => addNamedVersion(tx, name));
      return { id: String(row.id), name: row.name, at: row.at };
    },
  },

  listTrash: {
    args: HISTORY_ARGS.listTrash,
    run: ({ store }) =>
      listTrash(store.db).map((t) => ({
        id: String(t.id),
        documentId: String(t.documentId),
        title: t.title,
        deletedAt: t.deletedAt,
      })),
  },

  restoreFromTrash: {
    args: HISTORY_ARGS.restoreFromTrash,
    run: ({ store, authority }, { id: trashId }) => {
      const id = store.write((tx) => restoreFromTrash(tx, trashId));
      authority.forget(id);
      return getDocument(store.db, id).info;
    },
  },

  purgeTrash: {
    args: HISTORY_ARGS.purgeTrash,
    run: ({ store }, { id: trashId }) => ({ documents: 1, ...store.write((tx) => purgeTrash(tx, trashId)) }),
  },

  emptyTrash: { args: HISTORY_ARGS.emptyTrash, run: ({ store }) => store.write((tx) => emptyTrash(tx)) },

  listBackups: { args: HISTORY_ARGS.listBackups, run: ({ backups }) => backups.list() },

  backupNow: { args: HISTORY_ARGS.backupNow, run: ({ backups }) => backups.take('manual') },

  restoreBackup: {
    args: HISTORY_ARGS.restoreBackup,
    run: () => {
      throw new SiglumError(
        'forbidden',
        'A backup can replace the project only from the app, or with `siglum restore BACKUP --to PROJECT` while the project is closed.',
      );
    },
  },

  listProjects: {
    args: HISTORY_ARGS.listProjects,
    run: (ctx) => {
      const current = { path: ctx.path, title: projectTitle(ctx), schemaVersion: ctx.store.schemaVersion() };
      return { current, recent: [], defaultPath: ctx.path, canSwitch: false };
    },
  },

  openProject: {
    args: HISTORY_ARGS.openProject,
    run: () => {
      throw new SiglumError('forbidden', 'This window shows one project. Start Siglum on the other project instead.');
    },
  },

  saveProjectCopy: {
    args: HISTORY_ARGS.saveProjectCopy,
    run: async ({ store }, { path }) => {
      const target = resolve(path);
      if (existsSync(target)) {
        throw new SiglumError('bad-input', `${target} already exists. Choose a new file name for the copy.`);
      }
      await backupDatabase(store.db, target, { stepwise: true, expectedDocuments: () => documentCount(store.db) });
      return { path: target };
    },
  },
};
