/**
 * Every identifier the project has ever held, for minting new ones that collide with
 * none: the `xml:id`s in volumes' frames, in documents' content (snapshots and the
 * steps logged after them) and the register's. It over-approximates (an id an edit
 * removed still counts), which is the safe side for choosing a new one.
 */
import type Database from 'better-sqlite3';
import { stmt } from './store.ts';

/** `xml:id="..."` (or with single quotes) in XML text. */
const IN_XML = /\bxml:id\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
/** An `["xml:id", "..."]` attribute pair in ProseMirror JSON, and the id-like node and mark attributes. */
const IN_JSON = /"xml:id","((?:[^"\\]|\\.)*)"|"(?:id|anchor|start)":"((?:[^"\\]|\\.)*)"/g;

function collect(text: string, pattern: RegExp, into: Set<string>): void {
  for (const m of text.matchAll(pattern)) {
    const id = m[1] ?? m[2];
    if (id !== undefined && id !== '') into.add(id);
  }
}

/** The xml:ids found anywhere in the project file. */
export function xmlIdsInProject(db: Database.Database): Set<string> {
  const ids = new Set<string>();
  for (const frame of stmt(db, 'SELECT frame FROM collections WHERE frame IS NOT NULL').pluck().iterate()) {
    collect(frame as string, IN_XML, ids);
  }
  for (const doc of stmt(db, 'SELECT doc FROM snapshots').pluck().iterate()) collect(doc as string, IN_JSON, ids);
  for (const step of stmt(db, `SELECT step FROM steps WHERE step LIKE '%id%'`).pluck().iterate()) {
    collect(step as string, IN_JSON, ids);
  }
  for (const id of stmt(db, 'SELECT xml_id FROM entities WHERE xml_id IS NOT NULL').pluck().iterate()) {
    ids.add(id as string);
  }
  return ids;
}
