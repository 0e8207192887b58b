/**
 * The part of the API contract about the project register: entries, their mentions,
 * suggestions and the index (types, the argument schemas, and the method names),
 * merged into SiglumApi by edition/api.ts.
 */
import * as v from 'valibot';
import { fields, flag, id, opaque, optStr, optStrings, str, type ArgsIn } from '../args.ts';
import type { Entity, MergeConflict } from './model.ts';
import type { Suggestion } from './suggest.ts';
import type { TypeaheadHit } from './typeahead.ts';

/** A register entry with how many mentions of it the project holds. */
export interface EntityInfo extends Entity {
  mentions: number;
}

/**
 * A register entry as the UI sends it: everything but the id, checked by
 * edition/entities' `validateEntity` (names trimmed, authority ids as typed or
 * pasted as their web address). `xmlId` left out keeps the one the entry has.
 */
export type EntityInput = Omit<
  Entity,
  'id' | 'xmlId' | 'altNames' | 'dates' | 'coordinates' | 'description' | 'authority'
> &
  Partial<Omit<Entity, 'id' | 'type' | 'name'>>;

/** One mention of an entity somewhere in the project. */
export interface MentionInfo {
  documentId: string;
  /** The document's title. */
  document: string;
  /** The printed page (`n` of the last page break before it), or null. */
  page: string | null;
  text: string;
  /** A few words either side. */
  before: string;
  after: string;
  /** `before`, the text and `after` as one line. */
  context: string;
  /** Document positions of the mention. */
  from: number;
  to: number;
  kind: string;
  inNote: boolean;
}

/**
 * An unmarked occurrence of an entity's names (edition/entities `Suggestion`:
 * positions, text, the name that matched, context, `contextHash` which rejecting
 * or accepting it names) with its document's title.
 */
export interface SuggestionInfo extends Suggestion {
  document: string;
}

/** The index view: for one entity, the documents and printed pages it occurs on. */
export interface EntityIndexEntry {
  entityId: string;
  type: string;
  name: string;
  locations: Array<{ documentId: string; document: string; pages: Array<string | null>; mentions: number }>;
}

/** The most type-ahead hits one `searchEntities` call returns. */
const MAX_HITS = 200;

/** The arguments of the register's methods. */
export const ENTITY_ARGS = {
  listEntities: fields({ type: optStr('listEntities', 'type') }),
  getEntity: fields({ id: str('getEntity', 'id') }),
  createEntity: fields({ entity: opaque<EntityInput>() }),
  updateEntity: fields({ id: str('updateEntity', 'id'), entity: opaque<EntityInput>() }),
  deleteEntity: fields({ id: str('deleteEntity', 'id'), force: flag('deleteEntity', 'force') }),
  mergeEntities: fields({ keptId: str('mergeEntities', 'keptId'), duplicateId: str('mergeEntities', 'duplicateId') }),
  searchEntities: fields({
    query: str('searchEntities', 'query'),
    limit: v.nullish(
      v.pipe(
        v.number(`searchEntities needs "limit", when given, as a whole number from 1 to ${MAX_HITS}.`),
        v.safeInteger(`searchEntities needs "limit", when given, as a whole number from 1 to ${MAX_HITS}.`),
        v.minValue(1, `searchEntities needs "limit", when given, as a whole number from 1 to ${MAX_HITS}.`),
        v.maxValue(MAX_HITS, `searchEntities needs "limit", when given, as a whole number from 1 to ${MAX_HITS}.`),
      ),
      20,
    ),
    types: optStrings('searchEntities', 'types'),
  }),
  entityMentions: fields({ id: str('entityMentions', 'id') }),
  entitySuggestions: fields({
    id: str('entitySuggestions', 'id'),
    caseSensitive: flag('entitySuggestions', 'caseSensitive'),
  }),
  rejectSuggestion: fields({
    entityId: str('rejectSuggestion', 'entityId'),
    documentId: id('rejectSuggestion', 'documentId', 'document'),
    text: str('rejectSuggestion', 'text'),
    contextHash: str('rejectSuggestion', 'contextHash'),
  }),
  acceptSuggestions: fields({
    entityId: str('acceptSuggestions', 'entityId'),
    documentId: id('acceptSuggestions', 'documentId', 'document'),
    contextHashes: optStrings('acceptSuggestions', 'contextHashes'),
  }),
  entityIndex: fields({ type: optStr('entityIndex', 'type') }),
};

/** What a caller of a register's method sends. */
type EntityIn<M extends keyof typeof ENTITY_ARGS> = ArgsIn<(typeof ENTITY_ARGS)[M]>;

/** The register's methods of SiglumApi. */
export interface EntityApi {
  /** The register, by name; `type` keeps one type. */
  listEntities(args: EntityIn<'listEntities'>): Promise<EntityInfo[]>;
  getEntity(args: EntityIn<'getEntity'>): Promise<EntityInfo>;
  createEntity(args: EntityIn<'createEntity'>): Promise<EntityInfo>;
  /** Replaces an entry's fields (a rename keeps its xml:id, so links from outside hold). */
  updateEntity(args: EntityIn<'updateEntity'>): Promise<EntityInfo>;
  /**
   * Deletes an entry. Refused ('bad-input') while it has mentions, unless `force`:
   * then its mentions are unmarked first (the text stays), as steps every open
   * editor receives. `unmarked` counts the documents changed.
   */
  deleteEntity(args: EntityIn<'deleteEntity'>): Promise<{ id: string; unmarked: number }>;
  /**
   * Merges `duplicateId` into `keptId`: the duplicate's names become alternative
   * names, its fields fill gaps, its mentions point at the entry kept (as steps,
   * through the collab authority) and it is deleted. `conflicts` lists fields both
   * filled differently (the kept value stays); `relinked` counts documents changed.
   */
  mergeEntities(args: EntityIn<'mergeEntities'>): Promise<{
    entity: EntityInfo;
    conflicts: MergeConflict[];
    relinked: number;
  }>;
  /** Type-ahead: entries whose names have words starting with the query's words, best first. */
  searchEntities(args: EntityIn<'searchEntities'>): Promise<TypeaheadHit[]>;
  /** Every mention of an entity across the project, in document order. */
  entityMentions(args: EntityIn<'entityMentions'>): Promise<MentionInfo[]>;
  /** Where an entity's names occur unmarked, less the occurrences rejected. */
  entitySuggestions(args: EntityIn<'entitySuggestions'>): Promise<SuggestionInfo[]>;
  /** Remembers that an occurrence is not a mention of the entity. */
  rejectSuggestion(args: EntityIn<'rejectSuggestion'>): Promise<{
    entityId: string;
  }>;
  /**
   * Marks an entity's suggestions in one document as its mentions: those named by
   * `contextHashes`, or all of them. The marking is steps through the collab
   * authority, so open editors receive it; `marked` counts the mentions made.
   */
  acceptSuggestions(args: EntityIn<'acceptSuggestions'>): Promise<{
    documentId: string;
    version: number;
    marked: number;
  }>;
  /** The index view: each mentioned entity with its documents and printed pages, by name. */
  entityIndex(args: EntityIn<'entityIndex'>): Promise<EntityIndexEntry[]>;
}

/** The methods of EntityApi, once (spread into API_METHODS). */
export const ENTITY_METHODS = [
  'listEntities',
  'getEntity',
  'createEntity',
  'updateEntity',
  'deleteEntity',
  'mergeEntities',
  'searchEntities',
  'entityMentions',
  'entitySuggestions',
  'rejectSuggestion',
  'acceptSuggestions',
  'entityIndex',
] as const satisfies ReadonlyArray<keyof EntityApi>;

/** The register changed (an entry created, edited, merged or deleted, a rejection remembered). */
export type EntityEvent = { type: 'entities-changed' };
