/**
 * The register side of the service: entities, their mentions across the project,
 * suggestions, merging and deleting, over db/entities.ts and db/rejections.ts and
 * the pure code of edition/entities.
 *
 * Mentions live in the documents (the `mention` mark), so every change to them is
 * a step pushed through the collab authority: open editors receive it like any
 * other collaborator's edit, and nothing rewrites stored JSON behind their backs.
 *
 * Two things are kept in memory: a type-ahead index of the register, updated by
 * this module's own writes and rebuilt after anyone else's (an import), and every
 * document read and folded for suggestions with its mentions, refreshed per
 * document when its collab version moves.
 */
import type { Node as PMNode } from 'prosemirror-model';
import type {
  DocJSON,
  EntityIndexEntry,
  EntityInfo,
  MentionInfo,
  SuggestionInfo,
  TypeaheadHit,
} from '../../edition/api.ts';
import {
  AUTHORITY_KEYS,
  TypeaheadIndex,
  acceptSuggestions,
  assignXmlIds,
  collectMentions,
  entityIndex,
  findSuggestions,
  fold,
  mergeEntities,
  prepareDocument,
  relinkMentions,
  validateEntity,
  type Entity,
  type MentionRecord,
  type MergeConflict,
  type PreparedDocument,
} from '../../edition/entities/index.ts';
import { SiglumError } from '../../edition/errors.ts';
import type { TeiRegisterEntry } from '../../edition/tei/index.ts';
import { documentVersionStamps, getDocument, listDocuments } from '../../db/documents.ts';
import {
  deleteEntity,
  entitiesWithXmlId,
  entityRowId,
  getEntityRecord,
  insertEntity,
  listEntityRecords,
  setXmlIds,
  updateEntity,
  type EntityRecord,
  registerSignature,
} from '../../db/entities.ts';
import { xmlIdsInProject } from '../../db/xmlids.ts';
import { addRejection, moveRejections, rejectionsOf } from '../../db/rejections.ts';
import type { Store, Tx } from '../../db/store.ts';
import type { CollabAuthority } from './authority.ts';

/** The client id of steps the register pushes (relinking, unmarking, accepting suggestions). */
export const REGISTER_CLIENT = 'siglum-register';

/** How often a push is tried again when another process wrote to the document first. */
const PUSH_ATTEMPTS = 5;

/** One document as the register reads it, at one collab version. */
interface ReadDocument {
  /** Its collab version and creation time. */
  version: string;
  prepared: PreparedDocument;
  mentions: MentionRecord[];
  /** `n` of its last page break: the page the next document begins on. */
  lastPage: string | null;
  /** Text under an element carrying an xml:id (a FRUS list's `persName xml:id`), by that id. */
  defines: Map<string, Array<[number, number]>>;
}

/** A document's mentions with its title and the page it begins on. */
interface DocumentMentions {
  id: string;
  title: string;
  mentions: MentionRecord[];
}

/** The `n` of a document's last page break, and where its elements with an xml:id hold text. */
function pagesAndDefinitions(doc: PMNode): Pick<ReadDocument, 'lastPage' | 'defines'> {
  let lastPage: string | null = null;
  const defines = new Map<string, Array<[number, number]>>();
  doc.descendants((node, pos) => {
    if (node.type.name === 'pageBreak' && typeof node.attrs['n'] === 'string') lastPage = node.attrs['n'] as string;
    if (!node.isText) return true;
    for (const mark of node.marks) {
      if (mark.type.name !== 'teiMark') continue;
      const id = (mark.attrs['xml'] as Array<[string, string]>).find(([k]) => k === 'xml:id')?.[1];
      if (id === undefined) continue;
      const ranges = defines.get(id) ?? [];
      ranges.push([pos, pos + node.nodeSize]);
      defines.set(id, ranges);
    }
    return false;
  });
  return { lastPage, defines };
}

/**
 * Whether an occurrence lies in the element that defines the entity (a FRUS list's
 * `<persName xml:id>`), which is the entry itself, not a mention of it.
 */
function defines(
  entity: Entity,
  definitions: ReadDocument['defines'] | undefined,
  at: { from: number; to: number },
): boolean {
  if (entity.xmlId === null || definitions === undefined) return false;
  return (definitions.get(entity.xmlId) ?? []).some(([a, b]) => a < at.to && at.from < b);
}

/** The entity a caller sent, checked; `id` and `xmlId` come from the store, not the caller. */
function checkedInput(input: unknown, id: string, xmlId: string | null): Entity {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new SiglumError('bad-input', 'Send the entity as an object with at least a type and a name.');
  }
  const o = input as Record<string, unknown>;
  return validateEntity({ ...o, id, xmlId: o['xmlId'] === undefined ? xmlId : o['xmlId'] });
}

/** Walks DocJSON mention marks, giving each `ref` to `map` (which returns the new ref). */
function mapMentionRefs(node: unknown, map: (ref: string | null) => string | null): unknown {
  if (typeof node !== 'object' || node === null) return node;
  const o = node as Record<string, unknown>;
  const out: Record<string, unknown> = { ...o };
  if (Array.isArray(o['marks'])) {
    out['marks'] = o['marks'].map((m: unknown) => {
      const mark = m as { type?: unknown; attrs?: Record<string, unknown> };
      if (mark.type !== 'mention' || mark.attrs === undefined) return m;
      const ref = typeof mark.attrs['ref'] === 'string' ? mark.attrs['ref'] : null;
      return { ...mark, attrs: { ...mark.attrs, ref: map(ref) } };
    });
  }
  if (Array.isArray(o['content'])) out['content'] = o['content'].map((c) => mapMentionRefs(c, map));
  return out;
}

/** The entity ids a document's mentions point to. */
export function mentionRefs(doc: DocJSON): Set<string> {
  const refs = new Set<string>();
  mapMentionRefs(doc, (ref) => {
    if (ref !== null) refs.add(ref);
    return ref;
  });
  return refs;
}

/**
 * Writes a volume's register into the store, inside the import's transaction:
 * entries its own lists define belong to the volume (`listCollectionId`); entries
 * from a standOff join an entry of the project with the same xml:id, type and name,
 * else are added; `listed` (xml:id -> entity id) are the entries the volume's lists
 * already define, when it is read again. Returns xml:id -> entity id, for
 * `linkImportedMentions`.
 */
export function importRegister(
  tx: Tx,
  register: readonly TeiRegisterEntry[],
  collectionId: number,
  listed: ReadonlyMap<string, string> = new Map(),
): Map<string, string> {
  const ids = new Map<string, string>();
  for (const { entity, definedInFrame } of register) {
    const xmlId = entity.xmlId ?? entity.id;
    // A volume read again (replaced, updated) keeps the entries its lists defined, and
    // the editor's work on them: the register is never doubled behind the editor's back.
    const kept = definedInFrame ? listed.get(xmlId) : undefined;
    if (kept !== undefined) {
      ids.set(xmlId, kept);
      continue;
    }
    if (!definedInFrame) {
      const same = entitiesWithXmlId(tx.db, xmlId).find(
        (r) => r.entity.type === entity.type && r.entity.name === entity.name,
      );
      if (same !== undefined) {
        ids.set(xmlId, same.entity.id);
        continue;
      }
    }
    ids.set(xmlId, insertEntity(tx, entity, definedInFrame ? collectionId : null).id);
  }
  return ids;
}

/**
 * Links the register entries a facsimile import proposes for its tagged names
 * (edition/facsimile/annotate.ts) to the project's register, inside the import's
 * transaction: to an entry of the same type with the same Wikidata id, else to one whose
 * name or another form is the proposed name (compared folded) and that has no other
 * Wikidata id, else the proposal is added. An entry reused by name gains the authority
 * ids the tag gives and it lacks; an entry of that name with another Wikidata id is a
 * warning (pushed to `warnings`), the proposal being added as an entry of its own.
 * Returns proposal id -> entity id, for `linkImportedMentions`.
 */
export function registerProposed(tx: Tx, proposed: readonly Entity[], warnings: string[] = []): Map<string, string> {
  const ids = new Map<string, string>();
  if (proposed.length === 0) return ids;
  const register = listEntityRecords(tx.db).map((r) => r.entity);
  for (const entity of proposed) {
    const names = new Set([entity.name, ...entity.altNames].map((n) => fold(n)));
    const named = (e: Entity): boolean =>
      e.type === entity.type && [e.name, ...e.altNames].some((n) => names.has(fold(n)));
    const wikidata = entity.authority.wikidata;
    const same =
      (wikidata === undefined
        ? undefined
        : register.find((e) => e.type === entity.type && e.authority.wikidata === wikidata)) ??
      register.find((e) => named(e) && (e.authority.wikidata === undefined || wikidata === undefined));
    if (same !== undefined) {
      const gained = { ...entity.authority, ...same.authority };
      for (const k of AUTHORITY_KEYS.filter(
        (k) => entity.authority[k] !== undefined && gained[k] !== entity.authority[k],
      )) {
        warnings.push(
          `The tags give ${entity.type} "${entity.name}" the ${k} id ${entity.authority[k]}, and the register's "${same.name}" has ${same.authority[k]}: it keeps its own.`,
        );
      }
      if (AUTHORITY_KEYS.some((k) => gained[k] !== same.authority[k])) {
        const updated = { ...same, authority: gained };
        updateEntity(tx, updated);
        register[register.indexOf(same)] = updated;
      }
      ids.set(entity.id, same.id);
      continue;
    }
    const other = register.find(named);
    if (other !== undefined) {
      warnings.push(
        `The tags name ${entity.type} "${entity.name}" with Wikidata id ${wikidata}, and the register's "${other.name}" has ${other.authority.wikidata}: it was added as an entry of its own. Merge the two in the register if they are one.`,
      );
    }
    const added = insertEntity(tx, entity);
    register.push(added);
    ids.set(entity.id, added.id);
  }
  return ids;
}

/** An imported document with its mentions pointing at store ids (xml:id -> id); unknown ones unlinked. */
export function linkImportedMentions(doc: DocJSON, ids: ReadonlyMap<string, string>): DocJSON {
  if (ids.size === 0) return doc;
  return mapMentionRefs(doc, (ref) => (ref === null ? null : (ids.get(ref) ?? null))) as DocJSON;
}

export class EntityService {
  private typeahead: TypeaheadIndex | null = null;
  /** SQLite's data_version and the register's signature when the index was last checked. */
  private seen = { dataVersion: -1, signature: '' };
  private readonly read = new Map<number, ReadDocument>();
  /** True while this module writes the register itself (and keeps the index up to date). */
  private writing = false;

  constructor(
    private readonly store: Store,
    private readonly authority: CollabAuthority,
  ) {
    store.onChange((changes) => {
      if (!this.writing && changes.some((c) => c.table === 'entities')) this.typeahead = null;
    });
  }

  // ------------------------------------------------------------------ register

  list(type?: string): EntityInfo[] {
    const counts = this.mentionCounts();
    return listEntityRecords(this.store.db)
      .map((r) => r.entity)
      .filter((e) => type === undefined || e.type === type)
      .sort((a, b) => a.name.localeCompare(b.name) || Number(a.id) - Number(b.id))
      .map((e) => ({ ...e, mentions: counts.get(e.id) ?? 0 }));
  }

  get(id: string): EntityInfo {
    const entity = getEntityRecord(this.store.db, entityRowId(id)).entity;
    return { ...entity, mentions: this.mentionCounts().get(entity.id) ?? 0 };
  }

  create(input: unknown): EntityInfo {
    const entity = checkedInput(input, 'new', null);
    const created = this.writeRegister((tx) => insertEntity(tx, entity));
    this.index().set(created);
    return { ...created, mentions: 0 };
  }

  update(id: string, input: unknown): EntityInfo {
    const current = getEntityRecord(this.store.db, entityRowId(id)).entity;
    const entity = checkedInput(input, current.id, current.xmlId);
    this.writeRegister((tx) => updateEntity(tx, entity));
    this.index().set(entity);
    return this.get(id);
  }

  delete(id: string, force: boolean): { id: string; unmarked: number } {
    const entity = getEntityRecord(this.store.db, entityRowId(id)).entity;
    const used = this.mentionCounts().get(entity.id) ?? 0;
    if (used > 0 && !force) {
      throw new SiglumError(
        'bad-input',
        `"${entity.name}" is mentioned ${used} time${used === 1 ? '' : 's'} in the project, so it was not deleted. Merge it into another entry, or delete it with its mentions unmarked (the text stays).`,
      );
    }
    const unmarked = used > 0 ? this.relinkEverywhere(entity.id, null) : 0;
    this.writeRegister((tx) => deleteEntity(tx, entityRowId(entity.id)));
    this.index().delete(entity.id);
    return { id: entity.id, unmarked };
  }

  merge(keptId: string, duplicateId: string): { entity: EntityInfo; conflicts: MergeConflict[]; relinked: number } {
    const keptRecord = getEntityRecord(this.store.db, entityRowId(keptId));
    const duplicateRecord = getEntityRecord(this.store.db, entityRowId(duplicateId));
    const [kept, duplicate] = [keptRecord.entity, duplicateRecord.entity];
    const merged = mergeEntities(kept, duplicate);
    const conflicts = merged.conflicts;
    // An xml:id a volume's own list defines stays with that list: taken over by an entry
    // outside it, the export would write it twice.
    const listedElsewhere = duplicateRecord.listCollectionId !== keptRecord.listCollectionId;
    const entity = kept.xmlId === null && listedElsewhere ? { ...merged.entity, xmlId: null } : merged.entity;
    // Mentions first: if a push fails, both entries are still there and nothing points nowhere.
    const relinked = this.relinkEverywhere(duplicate.id, kept.id);
    this.writeRegister((tx) => {
      updateEntity(tx, entity);
      moveRejections(tx, entityRowId(duplicate.id), entityRowId(kept.id));
      deleteEntity(tx, entityRowId(duplicate.id));
    });
    this.index().delete(duplicate.id);
    this.index().set(entity);
    return { entity: this.get(kept.id), conflicts, relinked };
  }

  search(query: string, limit: number, types: readonly string[] | undefined): TypeaheadHit[] {
    return this.index().search(query, types === undefined ? { limit } : { limit, types });
  }

  // ------------------------------------------------------------------ mentions

  mentions(id: string): MentionInfo[] {
    const entity = getEntityRecord(this.store.db, entityRowId(id)).entity;
    const out: MentionInfo[] = [];
    for (const d of this.documentMentions()) {
      for (const m of d.mentions) {
        if (m.ref !== entity.id) continue;
        out.push({
          documentId: d.id,
          document: d.title,
          page: m.page,
          text: m.text,
          before: m.before,
          after: m.after,
          context: `${m.before}${m.text}${m.after}`.replace(/\s+/g, ' ').trim(),
          from: m.from,
          to: m.to,
          kind: m.kind,
          inNote: m.inNote,
        });
      }
    }
    return out;
  }

  /** The index view: each mentioned entity with its documents and pages. */
  indexView(type: string | undefined): EntityIndexEntry[] {
    const docs = this.documentMentions();
    const titles = new Map(docs.map((d) => [d.id, d.title]));
    const byEntity = entityIndex(docs);
    const out: EntityIndexEntry[] = [];
    for (const { entity } of listEntityRecords(this.store.db)) {
      const locations = byEntity.get(entity.id);
      if (locations === undefined || (type !== undefined && entity.type !== type)) continue;
      out.push({
        entityId: entity.id,
        type: entity.type,
        name: entity.name,
        locations: locations.map((l) => ({ ...l, document: titles.get(l.documentId) ?? '' })),
      });
    }
    return out.sort((a, b) => a.name.localeCompare(b.name) || Number(a.entityId) - Number(b.entityId));
  }

  // ------------------------------------------------------------------ suggestions

  suggestions(id: string, caseSensitive: boolean): SuggestionInfo[] {
    const entity = getEntityRecord(this.store.db, entityRowId(id)).entity;
    const docs = this.refresh();
    const titles = new Map(docs.map((d) => [d.id, d.title]));
    const prepared = docs.map((d) => this.read.get(Number(d.id))?.prepared).filter((p) => p !== undefined);
    const found = findSuggestions(entity, prepared, {
      caseSensitive,
      rejections: rejectionsOf(this.store.db, entityRowId(entity.id)),
    });
    return found
      .filter((s) => !defines(entity, this.read.get(Number(s.documentId))?.defines, s))
      .map((s) => ({ ...s, document: titles.get(s.documentId) ?? '' }));
  }

  reject(entityId: string, documentId: number, text: string, contextHash: string): { entityId: string } {
    const entity = getEntityRecord(this.store.db, entityRowId(entityId)).entity;
    const doc = Number(getDocument(this.store.db, documentId).info.id);
    this.writeRegister((tx) => addRejection(tx, entityRowId(entity.id), doc, text, contextHash));
    return { entityId: entity.id };
  }

  accept(
    entityId: string,
    documentId: number,
    contextHashes: readonly string[] | undefined,
  ): {
    documentId: string;
    version: number;
    marked: number;
  } {
    const entity = getEntityRecord(this.store.db, entityRowId(entityId)).entity;
    const id = Number(getDocument(this.store.db, documentId).info.id);
    const wanted = contextHashes === undefined ? null : new Set(contextHashes);
    const rejections = rejectionsOf(this.store.db, entityRowId(entity.id));
    let marked = 0;
    const version = this.pushEdit(id, (doc) => {
      const { defines: definitions } = pagesAndDefinitions(doc);
      const chosen = findSuggestions(entity, [{ id: String(id), doc }], { rejections }).filter(
        (s) => (wanted === null || wanted.has(s.contextHash)) && !defines(entity, definitions, s),
      );
      marked = chosen.length;
      return acceptSuggestions(doc, chosen, { kind: entity.type, ref: entity.id }).steps;
    });
    return { documentId: String(id), version, marked };
  }

  // ------------------------------------------------------------------ export

  /**
   * The register as a TEI export needs it: every entry with an xml:id. Entries that
   * have none yet (made in the editor) are given one that no id anywhere in the project
   * has (db/xmlids.ts), and it is stored, so later exports and renames keep it. Which
   * entries a file carries, under which ids, is register-ids.ts's business.
   */
  exportRecords(): EntityRecord[] {
    const records = listEntityRecords(this.store.db);
    const unnamed = records.filter((r) => r.entity.xmlId === null).map((r) => r.entity);
    if (unnamed.length === 0) return records;
    const ids = assignXmlIds(unnamed, xmlIdsInProject(this.store.db));
    this.writeRegister((tx) => setXmlIds(tx, ids));
    return records.map((r) => {
      const xmlId = ids.get(r.entity.id);
      return xmlId === undefined ? r : { ...r, entity: { ...r.entity, xmlId } };
    });
  }

  // ------------------------------------------------------------------ internals

  /** The type-ahead index, built from the store when there is none (at first use, after an import). */
  private index(): TypeaheadIndex {
    // data_version moves only when another connection (the command line, a second
    // window) commits; then a cheap signature tells whether the register changed.
    const dataVersion = this.store.dataVersion();
    if (dataVersion !== this.seen.dataVersion) {
      const signature = registerSignature(this.store.db);
      if (signature !== this.seen.signature) this.typeahead = null;
      this.seen = { dataVersion, signature };
    }
    this.typeahead ??= new TypeaheadIndex(listEntityRecords(this.store.db).map((r) => r.entity));
    return this.typeahead;
  }

  /** Runs a register write, keeping the type-ahead index (which the caller updates) valid. */
  private writeRegister<T>(fn: (tx: Tx) => T): T {
    this.writing = true;
    try {
      return this.store.write(fn);
    } finally {
      this.writing = false;
    }
  }

  /**
   * Pushes the steps `edit` makes on a document's current version through the
   * authority, computing them again if another process wrote first. Returns the
   * document's version after.
   */
  private pushEdit(id: number, edit: (doc: PMNode) => readonly { toJSON(): unknown }[]): number {
    for (let attempt = 0; attempt < PUSH_ATTEMPTS; attempt++) {
      const { doc, version } = this.authority.document(id);
      const steps = edit(doc);
      if (steps.length === 0) return version;
      const result = this.authority.push(
        id,
        version,
        steps.map((s) => s.toJSON()),
        REGISTER_CLIENT,
      );
      if (result.ok) return result.version;
    }
    throw new SiglumError(
      'io',
      `Document ${id} kept changing in another window, so the register could not update it. Try again.`,
    );
  }

  /** Points (or with `to` null, unmarks) every mention of `from`; returns how many documents changed. */
  private relinkEverywhere(from: string, to: string | null): number {
    let changed = 0;
    for (const d of this.documentMentions()) {
      if (!d.mentions.some((m) => m.ref === from)) continue;
      this.pushEdit(Number(d.id), (doc) => relinkMentions(doc, from, to).steps);
      changed++;
    }
    return changed;
  }

  private mentionCounts(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const d of this.documentMentions()) {
      for (const m of d.mentions) if (m.ref !== null) counts.set(m.ref, (counts.get(m.ref) ?? 0) + 1);
    }
    return counts;
  }

  /** Every document's mentions in project order; a mention before a document's first page break is on the page the previous document ended on. */
  private documentMentions(): DocumentMentions[] {
    const docs = this.refresh();
    const out: DocumentMentions[] = [];
    let page: string | null = null;
    let collection: string | null | undefined;
    for (const d of docs) {
      if (d.collectionId !== collection) page = null;
      collection = d.collectionId;
      const read = this.read.get(Number(d.id));
      if (read === undefined) continue;
      const first = page;
      const mentions =
        first === null ? read.mentions : read.mentions.map((m) => (m.page === null ? { ...m, page: first } : m));
      out.push({ id: d.id, title: d.title, mentions });
      page = read.lastPage ?? page;
    }
    return out;
  }

  /**
   * Reads again every document whose collab version moved since it was last read
   * (and forgets deleted ones); returns the documents in project order.
   */
  private refresh(): Array<{ id: string; title: string; collectionId: string | null }> {
    // The versions, the documents and their order as of one commit.
    return this.store.read(() => this.refreshIn());
  }

  private refreshIn(): Array<{ id: string; title: string; collectionId: string | null }> {
    const versions = documentVersionStamps(this.store.db);
    for (const id of this.read.keys()) if (!versions.has(id)) this.read.delete(id);
    for (const [id, version] of versions) {
      if (this.read.get(id)?.version === version) continue;
      const doc = this.authority.peek(id);
      this.read.set(id, {
        version,
        prepared: prepareDocument(String(id), doc),
        mentions: collectMentions(doc),
        ...pagesAndDefinitions(doc),
      });
    }
    return listDocuments(this.store.db).map((d) => ({ id: d.id, title: d.title, collectionId: d.collectionId }));
  }
}
