/**
 * The register's API methods: each checks its (untyped, over-the-wire) argument
 * and hands it to EntityService. `call` is the service's wrapper (waits for the
 * project to be ready, turns throws into rejections).
 */
import type { SiglumApi } from '../../edition/api.ts';
import { SiglumError } from '../../edition/errors.ts';
import { argsObject, MAX_ARG_CHARS, MAX_ARG_ITEMS, optionalString, requireString } from './args.ts';
import type { EntityService } from './entities.ts';

export type EntityMethods = Pick<
  SiglumApi,
  | 'listEntities'
  | 'getEntity'
  | 'createEntity'
  | 'updateEntity'
  | 'deleteEntity'
  | 'mergeEntities'
  | 'searchEntities'
  | 'entityMentions'
  | 'entitySuggestions'
  | 'rejectSuggestion'
  | 'acceptSuggestions'
  | 'entityIndex'
>;

type Call = <T>(body: () => T | Promise<T>) => Promise<T>;

function optionalBoolean(o: Record<string, unknown>, key: string, method: string): boolean {
  const v = o[key];
  if (v === undefined || v === null) return false;
  if (typeof v !== 'boolean')
    throw new SiglumError('bad-input', `${method} needs "${key}", when given, as true or false.`);
  return v;
}

function optionalStrings(o: Record<string, unknown>, key: string, method: string): string[] | undefined {
  const v = o[key];
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v) || v.some((s) => typeof s !== 'string' || s.length > MAX_ARG_CHARS)) {
    throw new SiglumError('bad-input', `${method} needs "${key}", when given, as a list of strings.`);
  }
  if (v.length > MAX_ARG_ITEMS) {
    throw new SiglumError(
      'bad-input',
      `${method} takes at most ${MAX_ARG_ITEMS.toLocaleString('en')} items in "${key}".`,
    );
  }
  return v as string[];
}

/** The most type-ahead hits one call returns. */
const MAX_HITS = 200;

export function entityMethods(entities: EntityService, call: Call): EntityMethods {
  return {
    listEntities: (args) =>
      call(() => entities.list(optionalString(argsObject(args, 'listEntities'), 'type', 'listEntities'))),

    getEntity: (args) => call(() => entities.get(requireString(argsObject(args, 'getEntity'), 'id', 'getEntity'))),

    createEntity: (args) => call(() => entities.create(argsObject(args, 'createEntity')['entity'])),

    updateEntity: (args) =>
      call(() => {
        const o = argsObject(args, 'updateEntity');
        return entities.update(requireString(o, 'id', 'updateEntity'), o['entity']);
      }),

    deleteEntity: (args) =>
      call(() => {
        const o = argsObject(args, 'deleteEntity');
        return entities.delete(requireString(o, 'id', 'deleteEntity'), optionalBoolean(o, 'force', 'deleteEntity'));
      }),

    mergeEntities: (args) =>
      call(() => {
        const o = argsObject(args, 'mergeEntities');
        return entities.merge(
          requireString(o, 'keptId', 'mergeEntities'),
          requireString(o, 'duplicateId', 'mergeEntities'),
        );
      }),

    searchEntities: (args) =>
      call(() => {
        const o = argsObject(args, 'searchEntities');
        const query = requireString(o, 'query', 'searchEntities');
        const limit = o['limit'] ?? 20;
        if (typeof limit !== 'number' || !Number.isSafeInteger(limit) || limit < 1 || limit > MAX_HITS) {
          throw new SiglumError(
            'bad-input',
            `searchEntities needs "limit", when given, as a whole number from 1 to ${MAX_HITS}.`,
          );
        }
        return entities.search(query, limit, optionalStrings(o, 'types', 'searchEntities'));
      }),

    entityMentions: (args) =>
      call(() => entities.mentions(requireString(argsObject(args, 'entityMentions'), 'id', 'entityMentions'))),

    entitySuggestions: (args) =>
      call(() => {
        const o = argsObject(args, 'entitySuggestions');
        return entities.suggestions(
          requireString(o, 'id', 'entitySuggestions'),
          optionalBoolean(o, 'caseSensitive', 'entitySuggestions'),
        );
      }),

    rejectSuggestion: (args) =>
      call(() => {
        const o = argsObject(args, 'rejectSuggestion');
        const m = 'rejectSuggestion';
        return entities.reject(
          requireString(o, 'entityId', m),
          requireString(o, 'documentId', m),
          requireString(o, 'text', m),
          requireString(o, 'contextHash', m),
        );
      }),

    acceptSuggestions: (args) =>
      call(() => {
        const o = argsObject(args, 'acceptSuggestions');
        const m = 'acceptSuggestions';
        return entities.accept(
          requireString(o, 'entityId', m),
          requireString(o, 'documentId', m),
          optionalStrings(o, 'contextHashes', m),
        );
      }),

    entityIndex: (args) =>
      call(() => entities.indexView(optionalString(argsObject(args, 'entityIndex'), 'type', 'entityIndex'))),
  };
}
