/**
 * Entities: the project register, mentions, suggestions, date proposals, notes
 * numbering and their TEI form. Pure functions over edition/schema documents; the
 * store, the editor and the TEI mapping call them. See edition/README.md, entities/.
 */
export {
  AUTHORITY_KEYS,
  ENTITY_TYPES,
  MENTION_ELEMENTS,
  assignXmlIds,
  isNcName,
  kindOfElement,
  mentionElement,
  mergeEntities,
  normaliseAuthorityId,
  validateEntity,
  xmlIdStem,
  type Authority,
  type AuthorityKey,
  type BuiltInEntityType,
  type Coordinates,
  type Entity,
  type EntityDates,
  type EntityType,
  type MergeConflict,
} from './model.ts';
export { proposeDate, type DateContext, type DateValue } from './dates.ts';
export {
  MATCH_KINDS,
  TypeaheadIndex,
  type MatchKind,
  type TypeaheadEntry,
  type TypeaheadHit,
  type TypeaheadOptions,
} from './typeahead.ts';
export {
  acceptSuggestions,
  contextHashOf,
  findSuggestions,
  prepareDocument,
  type MentionAttrs,
  type PreparedDocument,
  type Rejection,
  type SuggestEntity,
  type SuggestOptions,
  type Suggestion,
} from './suggest.ts';
export {
  collectMentions,
  entityIndex,
  numberNotes,
  relinkMentions,
  type CollectOptions,
  type IndexLocation,
  type MentionRecord,
  type NoteNumber,
  type NumberingOptions,
} from './mentions.ts';
export { mentionFromTei, mentionToTei, type MentionMarkAttrs } from './teiMentions.ts';
export { registerFromStandOff, registerToStandOff } from './standoff.ts';
export { directOrder, registerFromFrusLists, registerToFrusLists } from './frusLists.ts';
export { fold } from './fold.ts';
