/**
 * History, the trash and backups over one open project: the HistoryApi methods
 * (edition/history/api.ts) that `openService` spreads into the service. Restoring an
 * old version adds steps through the collab authority, like any edit, so open editors
 * follow it and it can itself be undone by restoring again.
 */
import { Transform } from 'prosemirror-transform';
import type { Node } from 'prosemirror-model';
import type { DocJSON, DocumentInfo, StepJSON } from '../../edition/api.ts';
import { diffDocuments } from '../../edition/history/diff.ts';
import type { BackupInfo, DocumentHistory, HistoryApi, NamedVersion, TrashEntry } from '../../edition/history/api.ts';
import { sessionVersions } from '../../edition/history/sessions.ts';
import { SiglumError } from '../../edition/errors.ts';
import { rowNumber } from '../../edition/ids.ts';
import { loadContentAt } from '../../db/content.ts';
import { documentVersion, getDocument } from '../../db/documents.ts';
import { addNamedVersion, documentCreatedAt, listNamedVersions, stepStamps } from '../../db/history.ts';
import { rowId } from '../../db/ids.ts';
import type { Store } from '../../db/store.ts';
import { listTrash, restoreFromTrash } from '../../db/trash.ts';
import { argsObject, requireString, requireVersion } from './args.ts';
import type { CollabAuthority } from './authority.ts';
import type { Backups } from './backups.ts';

/** The client id restored versions are pushed as. */
export const HISTORY_CLIENT = 'siglum-history';

type Call = <T>(body: () => T | Promise<T>) => Promise<T>;

/** The methods a single-project host cannot offer (they need a workspace). */
type WorkspaceMethods = 'restoreBackup' | 'listProjects' | 'openProject' | 'saveProjectCopy';

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

export function historyMethods(
  store: Store,
  authority: CollabAuthority,
  backups: Backups,
  call: Call,
): Omit<HistoryApi, WorkspaceMethods> {
  const documentId = (o: Record<string, unknown>, method: string): number => {
    const id = rowId(requireString(o, 'documentId', method), 'document');
    getDocument(store.db, id);
    return id;
  };
  // Versions never change once written, so the last few rebuilt are kept: choosing one
  // version after another in the timeline starts from the one before. Cleared when any
  // document is deleted or restored (a row id can come back as another document).
  const rebuilt: Array<{ id: number; version: number; doc: Node }> = [];
  store.onChange((changes) => {
    if (changes.some((c) => c.table === 'documents')) rebuilt.length = 0;
  });
  const contentAt = (id: number, version: number, base?: { doc: Node; version: number }): Node => {
    if (version === documentVersion(store.db, id)) return authority.peek(id);
    const cached = rebuilt.find((r) => r.id === id && r.version === version);
    if (cached !== undefined) return cached.doc;
    const nearest = rebuilt
      .filter((r) => r.id === id && r.version < version)
      .reduce<{ doc: Node; version: number } | undefined>(
        (best, r) => (!best || r.version > best.version ? r : best),
        base,
      );
    const doc = loadContentAt(store.db, id, version, nearest);
    rebuilt.push({ id, version, doc });
    if (rebuilt.length > 8) rebuilt.shift();
    return doc;
  };
  const named = (documentId?: number): NamedVersion[] =>
    listNamedVersions(store.db).map((n) => ({
      id: String(n.id),
      name: n.name,
      at: n.at,
      ...(documentId === undefined ? {} : { version: n.versions[String(documentId)] ?? null }),
    }));

  return {
    documentHistory: (args) =>
      call((): DocumentHistory => {
        const id = documentId(argsObject(args, 'documentHistory'), 'documentHistory');
        const stamps = stepStamps(store.db, id);
        const createdAt = documentCreatedAt(store.db, id) ?? stamps[0]?.at ?? new Date(0).toISOString();
        return {
          documentId: String(id),
          version: documentVersion(store.db, id) ?? stamps.length,
          versions: sessionVersions(stamps, createdAt),
          named: named(id),
        };
      }),

    documentAt: (args) =>
      call(() => {
        const o = argsObject(args, 'documentAt');
        const id = documentId(o, 'documentAt');
        const version = requireVersion(o, 'version', 'documentAt');
        return { version, doc: contentAt(id, version).toJSON() as DocJSON };
      }),

    diffVersions: (args) =>
      call(() => {
        const o = argsObject(args, 'diffVersions');
        const id = documentId(o, 'diffVersions');
        const from = requireVersion(o, 'from', 'diffVersions');
        const to =
          o['to'] === undefined ? (documentVersion(store.db, id) ?? 0) : requireVersion(o, 'to', 'diffVersions');
        // The later version is replayed on from the earlier when no snapshot is nearer.
        const [low, high] = from <= to ? [from, to] : [to, from];
        const lowDoc = contentAt(id, low);
        const highDoc = contentAt(id, high, { doc: lowDoc, version: low });
        return from <= to ? diffDocuments(lowDoc, highDoc) : diffDocuments(highDoc, lowDoc);
      }),

    restoreVersion: (args) =>
      call(() => {
        const o = argsObject(args, 'restoreVersion');
        const id = documentId(o, 'restoreVersion');
        const version = requireVersion(o, 'version', 'restoreVersion');
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
      }),

    nameVersion: (args) =>
      call((): NamedVersion => {
        const name = requireString(argsObject(args, 'nameVersion'), 'name', 'nameVersion').trim();
        if (name === '' || name.length > 200) {
          throw new SiglumError('bad-input', 'A version needs a name of 1 to 200 characters. Type one and try again.');
        }
        const row = store.write((tx) => addNamedVersion(tx, name));
        return { id: String(row.id), name: row.name, at: row.at };
      }),

    listNamedVersions: () => call(() => named()),

    listTrash: () =>
      call((): TrashEntry[] =>
        listTrash(store.db).map((t) => ({
          id: String(t.id),
          documentId: String(t.documentId),
          title: t.title,
          deletedAt: t.deletedAt,
        })),
      ),

    restoreFromTrash: (args) =>
      call((): DocumentInfo => {
        const raw = requireString(argsObject(args, 'restoreFromTrash'), 'id', 'restoreFromTrash');
        const trashId = rowNumber(raw) ?? -1;
        const id = store.write((tx) => restoreFromTrash(tx, trashId));
        authority.forget(id);
        return getDocument(store.db, id).info;
      }),

    listBackups: () => call((): BackupInfo[] => backups.list()),

    backupNow: () => call(() => backups.take('manual')),
  };
}
