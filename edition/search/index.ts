/** Search, find and replace: the query language, what is indexed, finding and replacing in a document. */
export { parseQuery, ftsString, type ParsedQuery, type QueryTerm } from './query.ts';
export { documentSegments, type DocumentSegments, type Segment, type SegmentField } from './segments.ts';
export {
  compileRegex,
  findInDoc,
  findInRuns,
  locateInDoc,
  textMatcher,
  type FindOptions,
  type FoundMatch,
} from './find.ts';
export { replaceMatches, replacementFor, type ReplacedRange, type ReplaceOutcome } from './replace.ts';
