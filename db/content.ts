/**
 * A document's content: the latest snapshot with the steps logged after it replayed
 * on top. This is the only place that turns stored JSON back into a ProseMirror node.
 */
import { noSuchDocument } from './documents.ts';
import type Database from 'better-sqlite3';
import { Node } from 'prosemirror-model';
import { Step } from 'prosemirror-transform';
import type { DocJSON, StepJSON } from '../edition/api.ts';
import { SiglumError } from '../edition/errors.ts';
import { schema } from '../edition/schema.ts';
import { latestBackupHint } from './backup.ts';
import { documentVersion } from './documents.ts';
import { latestSnapshot, latestSnapshotVersion } from './snapshots.ts';
import { readStepRange } from './history.ts';
import { readSteps } from './steps.ts';
import { inOneRead } from './store.ts';

export interface LoadedContent {
  doc: Node;
  /** The collab version of `doc`. */
  version: number;
  /** The version of the snapshot it was rebuilt from. */
  snapshotVersion: number;
}

function damaged(documentId: number, why: string, db?: Database.Database): SiglumError {
  return new SiglumError(
    'internal',
    `Document ${documentId} could not be rebuilt from the project file (${why}). Export what you can and report this.${db === undefined ? '' : latestBackupHint(db.name)}`,
  );
}

/**
 * Rebuilds document `documentId` at its stored version (snapshot + later steps), checked
 * against the schema. The version, snapshot and steps are read in one read transaction:
 * read one after another, a commit by another process in between would look like damage.
 */
export function loadContent(db: Database.Database, documentId: number): LoadedContent {
  const { version, snap, steps } = inOneRead(db, () => {
    const version = documentVersion(db, documentId);
    if (version === null) return { version, snap: null, steps: [] };
    const snap = latestSnapshot(db, documentId, version);
    return { version, snap, steps: snap === null ? [] : readSteps(db, documentId, snap.version).steps };
  });
  return rebuild(db, documentId, version, snap, steps);
}

function rebuild(
  db: Database.Database,
  documentId: number,
  version: number | null,
  snap: { version: number; doc: DocJSON } | null,
  steps: readonly StepJSON[],
): LoadedContent {
  if (version === null) {
    throw noSuchDocument(documentId);
  }
  if (snap === null) throw damaged(documentId, 'no snapshot', db);
  let doc: Node;
  try {
    doc = Node.fromJSON(schema, snap.doc);
  } catch (e) {
    throw damaged(documentId, e instanceof Error ? e.message : String(e), db);
  }
  if (snap.version + steps.length !== version) {
    throw damaged(documentId, `the log holds ${snap.version + steps.length} steps, the document says ${version}`, db);
  }
  for (const json of steps) {
    let next: Node | null;
    try {
      const result = Step.fromJSON(schema, json).apply(doc);
      if (result.doc === null) throw new Error(result.failed ?? 'a step failed');
      next = result.doc;
    } catch (e) {
      throw damaged(documentId, e instanceof Error ? e.message : String(e), db);
    }
    doc = next;
  }
  try {
    doc.check();
  } catch (e) {
    throw damaged(documentId, e instanceof Error ? e.message : String(e), db);
  }
  return { doc, version, snapshotVersion: snap.version };
}

/**
 * Rebuilds document `documentId` as it was at `version` (0 ≤ version ≤ its current
 * version): the nearest snapshot at or before it, with the steps up to it replayed.
 */
export function loadContentAt(
  db: Database.Database,
  documentId: number,
  version: number,
  /** An earlier version already rebuilt, replayed from when it is nearer than any snapshot. */
  base?: { doc: Node; version: number },
): Node {
  const current = documentVersion(db, documentId);
  if (current === null) {
    throw noSuchDocument(documentId);
  }
  if (!Number.isSafeInteger(version) || version < 0 || version > current) {
    throw new SiglumError(
      'bad-input',
      `The document has versions 0 to ${current}, not ${version}. Pick a version from its history.`,
    );
  }
  const snapVersion = latestSnapshotVersion(db, documentId, version);
  const fromBase =
    base !== undefined && base.version <= version && (snapVersion === null || base.version >= snapVersion);
  const snap = fromBase ? null : latestSnapshot(db, documentId, version);
  if (!fromBase && snap === null) throw damaged(documentId, 'no snapshot', db);
  let doc: Node;
  try {
    doc = fromBase ? base.doc : Node.fromJSON(schema, snap!.doc);
    const start = fromBase ? base.version : snap!.version;
    const steps = readStepRange(db, documentId, start, version);
    if (start + steps.length !== version) throw new Error(`the log has a gap before version ${version}`);
    for (const json of steps) {
      const result = Step.fromJSON(schema, json).apply(doc);
      if (result.doc === null) throw new Error(result.failed ?? 'a step failed');
      doc = result.doc;
    }
  } catch (e) {
    throw damaged(documentId, e instanceof Error ? e.message : String(e), db);
  }
  return doc;
}
