/**
 * The register's rows: each hands its checked arguments (edition/api.ts
 * `ENTITY_ARGS`) to the context's EntityService (entities.ts), which keeps the
 * register and the mentions in the documents in step.
 */
import { ENTITY_ARGS } from '../../edition/entities/api.ts';
import type { Rows } from './table.ts';

type EntityMethod = keyof typeof ENTITY_ARGS;

export const entityRows: Rows<EntityMethod> = {
  listEntities: { args: ENTITY_ARGS.listEntities, run: ({ entities }, { type }) => entities.list(type) },
  getEntity: { args: ENTITY_ARGS.getEntity, run: ({ entities }, { id }) => entities.get(id) },
  createEntity: { args: ENTITY_ARGS.createEntity, run: ({ entities }, { entity }) => entities.create(entity) },
  updateEntity: {
    args: ENTITY_ARGS.updateEntity,
    run: ({ entities }, { id, entity }) => entities.update(id, entity),
  },
  deleteEntity: { args: ENTITY_ARGS.deleteEntity, run: ({ entities }, { id, force }) => entities.delete(id, force) },
  mergeEntities: {
    args: ENTITY_ARGS.mergeEntities,
    run: ({ entities }, { keptId, duplicateId }) => entities.merge(keptId, duplicateId),
  },
  searchEntities: {
    args: ENTITY_ARGS.searchEntities,
    run: ({ entities }, { query, limit, types }) => entities.search(query, limit, types),
  },
  entityMentions: { args: ENTITY_ARGS.entityMentions, run: ({ entities }, { id }) => entities.mentions(id) },
  entitySuggestions: {
    args: ENTITY_ARGS.entitySuggestions,
    run: ({ entities }, { id, caseSensitive }) => entities.suggestions(id, caseSensitive),
  },
  rejectSuggestion: {
    args: ENTITY_ARGS.rejectSuggestion,
    run: ({ entities }, a) => entities.reject(a.entityId, a.documentId, a.text, a.contextHash),
  },
  acceptSuggestions: {
    args: ENTITY_ARGS.acceptSuggestions,
    run: ({ entities }, a) => entities.accept(a.entityId, a.documentId, a.contextHashes),
  },
  entityIndex: { args: ENTITY_ARGS.entityIndex, run: ({ entities }, { type }) => entities.indexView(type) },
};
