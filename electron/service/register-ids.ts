/**
 * Which `xml:id` each register entry has in one exported file, and which entries the
 * file's standOff carries.
 *
 * Identifiers belong to volumes: two FRUS volumes may both define `p_VCR_1`, for two
 * people or for the same one, and each exports its ids and pointers exactly as read.
 * So an entry that a volume's own list defines (`listCollectionId`) is pointed at by
 * its id only where that definition is in the file. Everywhere else (a document
 * exported on its own, another volume after a merge, an entry the editor made) the
 * entry is written in the file's standOff, under its stored id when the file does not
 * already use that id for something else, and under `ID_2`, `ID_3`... (for that file
 * only) when it does. Every pointer of an export therefore names an id of the file.
 */
import type { XmlElement } from '../../edition/xml/tree.ts';
import { registerToFrusLists, registerToStandOff, type Entity } from '../../edition/entities/index.ts';
import type { ExportRegister } from '../../edition/tei/index.ts';
import type { EntityRecord } from '../../db/entities.ts';

/** One file's (or, in a teiCorpus, one volume's) view of the register. */
export interface FileScope {
  /** The volume written (its row id), or null for documents outside volumes. */
  collectionId: number | null;
  /** The entity ids its mentions point at. */
  mentioned: ReadonlySet<string>;
  /** The xml:ids the file holds without the register's standOff. */
  fileIds: ReadonlySet<string>;
}

/** An id for `preferred` that is in neither set, made unique with `_2`, `_3`... */
function freeId(preferred: string, a: ReadonlySet<string>, b: ReadonlySet<string>): string {
  if (!a.has(preferred) && !b.has(preferred)) return preferred;
  for (let n = 2; ; n++) {
    const id = `${preferred}_${n}`;
    if (!a.has(id) && !b.has(id)) return id;
  }
}

/** Whether the file itself defines the entry: its volume's own list, and the id is there. */
function definedIn(r: EntityRecord, scope: FileScope): boolean {
  return (
    r.listCollectionId !== null &&
    r.listCollectionId === scope.collectionId &&
    r.entity.xmlId !== null &&
    scope.fileIds.has(r.entity.xmlId)
  );
}

/**
 * The standOff entries in id order with their ids in the file: each keeps its stored
 * id unless `taken` (the file's own ids) or an earlier entry has it.
 */
function standOffIds(entries: readonly EntityRecord[], taken: ReadonlySet<string>): Map<string, string> {
  const ids = new Map<string, string>();
  const used = new Set<string>();
  for (const r of [...entries].sort((a, b) => Number(a.entity.id) - Number(b.entity.id))) {
    const id = freeId(r.entity.xmlId ?? r.entity.id, taken, used);
    used.add(id);
    ids.set(r.entity.id, id);
  }
  return ids;
}

function standOffOf(entries: readonly EntityRecord[], ids: ReadonlyMap<string, string>): XmlElement | null {
  const entities: Entity[] = entries.map((r) => ({ ...r.entity, xmlId: ids.get(r.entity.id) ?? null }));
  return registerToStandOff(entities, ids);
}

/**
 * The register for a file of one volume or one document: entries the file defines are
 * pointed at where they are; the standOff holds the mentioned entries it does not
 * define and, with `unmentioned`, every entry no volume lists (a volume carries the
 * editor's register with it).
 */
export function fitFileRegister(
  records: readonly EntityRecord[],
  scope: FileScope,
  options: { unmentioned: boolean; frusDocument?: boolean },
): ExportRegister {
  const own = new Map<string, string>();
  const carried: EntityRecord[] = [];
  for (const r of records) {
    if (definedIn(r, scope)) own.set(r.entity.id, r.entity.xmlId!);
    else if (scope.mentioned.has(r.entity.id) || (options.unmentioned && r.listCollectionId === null)) carried.push(r);
  }
  const ids = standOffIds(carried, scope.fileIds);
  const xmlIdOf = (id: string): string | null => own.get(id) ?? ids.get(id) ?? null;
  if (options.frusDocument !== true) return { xmlIdOf, standOff: standOffOf(carried, ids) };
  // A FRUS document on its own: the persons and terms it points at as FRUS lists in
  // <back>, so that it stays valid against the FRUS schema; other entries as standOff.
  const [listed, rest] = [
    carried.filter((r) => r.listCollectionId !== null && ['person', 'term'].includes(r.entity.type)),
    carried.filter((r) => !(r.listCollectionId !== null && ['person', 'term'].includes(r.entity.type))),
  ];
  const back = registerToFrusLists(
    listed.map((r) => r.entity),
    ids,
    scope.fileIds,
  );
  return { xmlIdOf, standOff: standOffOf(rest, ids), back };
}

/**
 * The register for a teiCorpus of volumes: each volume points at the entries its own
 * lists define where they are; one standOff for the corpus holds every entry no volume
 * lists and every entry a volume mentions without defining it, under ids that no
 * volume of the corpus uses.
 */
export function fitCorpusRegister(
  records: readonly EntityRecord[],
  volumes: readonly FileScope[],
): { volumes: Array<(entityId: string) => string | null>; standOff: XmlElement | null } {
  const taken = new Set<string>();
  for (const v of volumes) for (const id of v.fileIds) taken.add(id);
  const owns = volumes.map(() => new Map<string, string>());
  const carried = new Map<string, EntityRecord>();
  for (const r of records) {
    if (r.listCollectionId === null) carried.set(r.entity.id, r);
    for (const [i, v] of volumes.entries()) {
      if (definedIn(r, v)) owns[i]!.set(r.entity.id, r.entity.xmlId!);
      else if (v.mentioned.has(r.entity.id)) carried.set(r.entity.id, r);
    }
  }
  const entries = [...carried.values()];
  const ids = standOffIds(entries, taken);
  return {
    volumes: owns.map((own) => (id: string) => own.get(id) ?? ids.get(id) ?? null),
    standOff: standOffOf(entries, ids),
  };
}
