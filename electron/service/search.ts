/**
 * Search, replace and the sorted document list over the project (edition/search/api.ts
 * has the contract). Word searches go to the FTS5 index (db/search.ts); regular
 * expressions run over the indexed passages in document order; replacements are
 * found and made by edition/search on the authority's copy of each document and
 * pushed as steps, so open editors receive them and the step log records them.
 */
import { Mapping, Step } from 'prosemirror-transform';
import type { DocumentInfo } from '../../edition/api.ts';
import { contextAround } from '../../edition/entities/textblocks.ts';
import { SiglumError } from '../../edition/errors.ts';
import { rowNumber } from '../../edition/ids.ts';
import { schema } from '../../edition/schema.ts';
import {
  REPLACE_CLIENT,
  SEARCH_SCOPES,
  type AppliedReplace,
  type ApplyReplaceResult,
  type DocumentListEntry,
  type DocumentSort,
  type ReplacePreview,
  type ReplaceSpec,
  type SearchApi,
  type SearchField,
  type SearchHit,
  type SearchResult,
  type SearchScope,
} from '../../edition/search/api.ts';
import { compileRegex, findInDoc, textMatcher, type FindOptions, type FoundMatch } from '../../edition/search/find.ts';
import { requiredLiterals, trigramQuery } from '../../edition/search/literals.ts';
import { ftsString, parseQuery } from '../../edition/search/query.ts';
import { replaceMatches, replacementFor } from '../../edition/search/replace.ts';
import { getDocument } from '../../db/documents.ts';
import { rowId } from '../../db/ids.ts';
import {
  allPassages,
  countMatches,
  passageCount,
  trigramCount,
  documentLabelParts,
  entityName,
  matchPassages,
  sortedDocuments,
  type DocumentFilter,
  type PassageRow,
} from '../../db/search.ts';
import type { Store } from '../../db/store.ts';
import { argsObject, optionalString, requireString, requireVersion } from './args.ts';
import type { CollabAuthority } from './authority.ts';
import type { SearchIndex } from './search-index.ts';

/** The client id of the steps a replacement pushes (and its undo). */
export { REPLACE_CLIENT };

const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 1000;
/** Words of context either side of a hit. */
const CONTEXT_WORDS = 8;
const SCOPE_FIELDS: Record<SearchScope, SearchField> = {
  text: 'text',
  notes: 'notes',
  apparatus: 'apparatus',
  names: 'names',
  titles: 'title',
  meta: 'meta',
};

function bad(message: string): SiglumError {
  return new SiglumError('bad-input', message);
}

const DATE = /^\d{4}(-\d{2}(-\d{2})?)?$/;

function optionalDate(o: Record<string, unknown>, key: string, method: string): string | undefined {
  const v = optionalString(o, key, method);
  if (v === undefined || v === '') return undefined;
  if (!DATE.test(v)) throw bad(`${method} needs "${key}" as a date written YYYY, YYYY-MM or YYYY-MM-DD.`);
  return v;
}

function optionalBoolean(o: Record<string, unknown>, key: string, method: string): boolean {
  const v = o[key];
  if (v === undefined || v === null) return false;
  if (typeof v !== 'boolean') throw bad(`${method} needs "${key}", when given, as true or false.`);
  return v;
}

function optionalCount(o: Record<string, unknown>, key: string, method: string, fallback: number): number {
  return o[key] === undefined || o[key] === null ? fallback : requireVersion(o, key, method);
}

/** The document filter of a call's arguments. */
function readFilter(o: Record<string, unknown>, method: string): DocumentFilter {
  const filter: DocumentFilter = {};
  const collection = optionalString(o, 'collectionId', method);
  if (collection !== undefined && collection !== '') filter.collectionId = rowId(collection, 'collection');
  const from = optionalDate(o, 'dateFrom', method);
  if (from !== undefined) filter.dateFrom = from;
  const to = optionalDate(o, 'dateTo', method);
  if (to !== undefined) filter.dateTo = to;
  const entity = optionalString(o, 'entityId', method);
  if (entity !== undefined && entity !== '') {
    const row = rowNumber(entity);
    if (row === null) throw new SiglumError('not-found', `There is no register entry "${entity}".`);
    filter.entityId = row;
  }
  return filter;
}

function readScopes(o: Record<string, unknown>, method: string): SearchScope[] | null {
  const v = o['in'];
  if (v === undefined || v === null) return null;
  const list = Array.isArray(v) ? v : [v];
  for (const s of list) {
    if (!(SEARCH_SCOPES as readonly unknown[]).includes(s)) {
      throw bad(`${method} searches in ${SEARCH_SCOPES.join(', ')}; "${String(s)}" is none of them.`);
    }
  }
  return list.length === 0 ? null : (list as SearchScope[]);
}

function readFindOptions(o: Record<string, unknown>, method: string): FindOptions {
  return {
    regex: optionalBoolean(o, 'regex', method),
    caseSensitive: optionalBoolean(o, 'caseSensitive', method),
    wholeWord: optionalBoolean(o, 'wholeWord', method),
  };
}

/** How a document reads in a list of hits: its number, title and date, so that look-alikes differ. */
export function documentLabel(title: string, n: string | null, date: string | null): string {
  return `${n !== null && n !== '' ? `${n}. ` : ''}${title}${date !== null ? ` (${date})` : ''}`;
}

/** A hit from a passage and the text indices [start, end) of the match in it. */
function hitOf(db: Store['db'], row: PassageRow, text: string, start: number, end: number): SearchHit {
  const { before, after } = contextAround(text, start, end, CONTEXT_WORDS);
  const match = text.slice(start, end);
  const inDocument = row.run !== null && row.start !== null;
  return {
    documentId: row.documentId === null ? null : String(row.documentId),
    entityId: row.entityId === null ? null : String(row.entityId),
    title:
      row.documentId === null
        ? (entityName(db, row.entityId ?? 0) ?? text)
        : documentLabel(row.title ?? '', row.n, typeof row.date === 'string' ? row.date : null),
    field: row.field,
    before,
    match,
    after,
    context: `${before}${match}${after}`,
    run: inDocument ? row.run : null,
    start: inDocument ? (row.start ?? 0) + start : null,
    end: inDocument ? (row.start ?? 0) + end : null,
  };
}

/** A passage highlighted by FTS5 (matches between U+0001 and U+0002) as a hit on its first match. */
function highlightedHit(db: Store['db'], row: PassageRow): SearchHit {
  const open = row.text.indexOf('\u0001');
  const clean = row.text.replaceAll('\u0001', '').replaceAll('\u0002', '');
  if (open === -1) return hitOf(db, row, clean, 0, 0);
  const close = row.text.indexOf('\u0002', open);
  const start = open;
  const end = (close === -1 ? row.text.length : close) - 1;
  return hitOf(db, { ...row, text: clean }, clean, start, end);
}

export function searchMethods(
  store: Store,
  authority: CollabAuthority,
  call: <T>(body: () => T | Promise<T>) => Promise<T>,
  index: SearchIndex,
): SearchApi {
  // Whether the index was found up to date since the last write this process saw, and
  // SQLite's data_version then (it moves when another process commits): while both
  // hold, a search need not look for stale documents.
  let upToDate = false;
  let seenDataVersion = -1;
  store.onChange((changes) => {
    upToDate = false;
    // Edits and imports are indexed in the background once writing pauses (search-index.ts).
    if (changes.some((c) => c.table === 'steps' || c.table === 'documents')) index.schedule();
  });

  /** Makes the index usable now (search-index.ts); returns how many documents it still misses. */
  function catchUp(): number {
    const dataVersion = store.dataVersion();
    if (upToDate && dataVersion === seenDataVersion) return 0;
    const left = index.ready();
    upToDate = left === 0;
    seenDataVersion = dataVersion;
    return left;
  }

  /** Resolves once the index holds every document: for what must not miss one. */
  async function whole(): Promise<void> {
    if (catchUp() === 0) return;
    await index.complete();
    catchUp();
  }

  function wordSearch(o: Record<string, unknown>, filter: DocumentFilter, limit: number, offset: number): SearchResult {
    const parsed = parseQuery(requireString(o, 'query', 'searchProject'));
    if (parsed === null) return { total: 0, documents: 0, hits: [] };
    const element = optionalString(o, 'element', 'searchProject');
    const scopes = readScopes(o, 'searchProject');
    let match = `{text} : (${parsed.fts})`;
    if (element !== undefined && element !== '') {
      match += ` AND {field} : element AND {tag} : ${ftsString(element)}`;
    } else if (scopes !== null) {
      match += ` AND {field} : (${scopes.map((s) => SCOPE_FIELDS[s]).join(' OR ')})`;
    } else {
      match += ' NOT {field} : element';
    }
    const rows = matchPassages(store.db, match, filter, limit, offset);
    const { total, documents } = countMatches(store.db, match, filter);
    return { total, documents, hits: rows.map((r) => highlightedHit(store.db, r)) };
  }

  function regexSearch(
    o: Record<string, unknown>,
    filter: DocumentFilter,
    limit: number,
    offset: number,
  ): SearchResult {
    const query = requireString(o, 'query', 'searchProject');
    if (query === '') return { total: 0, documents: 0, hits: [] };
    const match = textMatcher(query, {
      regex: true,
      caseSensitive: optionalBoolean(o, 'caseSensitive', 'searchProject'),
    });
    const element = optionalString(o, 'element', 'searchProject');
    const scopes = readScopes(o, 'searchProject');
    const fields: SearchField[] | null =
      element !== undefined && element !== ''
        ? ['element']
        : scopes === null
          ? null
          : scopes.map((s) => SCOPE_FIELDS[s]);
    const hits: SearchHit[] = [];
    const documents = new Set<number>();
    let total = 0;
    // Only passages holding text every match needs, when the expression has some.
    const literals = requiredLiterals(query);
    let trigram = literals === null ? undefined : trigramQuery(literals);
    // Common trigrams ("ist", "sta") narrow little, and reading passages by id costs
    // more than reading them all in order: then read them all.
    if (trigram !== undefined && trigramCount(store.db, trigram) > passageCount(store.db) / 8) trigram = undefined;
    const test = compileRegex(query, optionalBoolean(o, 'caseSensitive', 'searchProject'));
    for (const row of allPassages(store.db, fields, filter, element || undefined, trigram)) {
      // A quick test first; most passages read do not match.
      test.lastIndex = 0;
      if (!test.test(row.text)) continue;
      const first = match(row.text)[0];
      if (first === undefined) continue;
      if (total >= offset && hits.length < limit) {
        const parts = row.documentId === null ? null : documentLabelParts(store.db, row.documentId);
        hits.push(hitOf(store.db, { ...row, ...parts }, row.text, first.start, first.end));
      }
      total++;
      if (row.documentId !== null) documents.add(row.documentId);
    }
    return { total, documents: documents.size, hits };
  }

  /** The documents whose text or notes `spec` finds something in, by a pass over the index. */
  function candidates(spec: ReplaceSpec, filterIds: Set<number> | null): number[] {
    const match = textMatcher(spec.find, spec);
    const ids: number[] = [];
    // Plain text with diacritics folded may match text the trigram index spells otherwise: read it all.
    const literals = spec.regex ? requiredLiterals(spec.find) : null;
    const trigram = literals === null ? undefined : trigramQuery(literals);
    for (const row of allPassages(store.db, ['text', 'notes'], {}, undefined, trigram)) {
      if (row.documentId === null || ids.at(-1) === row.documentId) continue;
      if (filterIds !== null && !filterIds.has(row.documentId)) continue;
      if (match(row.text).length > 0) ids.push(row.documentId);
    }
    return ids;
  }

  function readSpec(o: Record<string, unknown>, method: string): ReplaceSpec & { ids: Set<number> | null } {
    const find = requireString(o, 'find', method);
    if (find === '') throw bad('Type the text to find before replacing.');
    const replace = requireString(o, 'replace', method);
    const ids = o['documentIds'];
    let set: Set<number> | null = null;
    if (ids !== undefined && ids !== null) {
      if (!Array.isArray(ids) || ids.some((x) => typeof x !== 'string')) {
        throw bad(`${method} needs "documentIds", when given, as a list of document ids.`);
      }
      set = new Set((ids as string[]).map((x) => rowId(x, 'document')));
    }
    return { find, replace, ...readFindOptions(o, method), ids: set };
  }

  function titleOf(id: number): string {
    const info: DocumentInfo = getDocument(store.db, id).info;
    const meta = getDocument(store.db, id).meta;
    return documentLabel(info.title, info.n, meta.date);
  }

  function matchesIn(
    id: number,
    spec: ReplaceSpec,
  ): { version: number; doc: ReturnType<CollabAuthority['document']>['doc']; found: FoundMatch[] } {
    const { doc, version } = authority.document(id);
    return { doc, version, found: findInDoc(doc, spec.find, spec) };
  }

  return {
    searchProject: (args) =>
      call(async (): Promise<SearchResult> => {
        const o = argsObject(args, 'searchProject');
        const filter = readFilter(o, 'searchProject');
        const limit = Math.min(optionalCount(o, 'limit', 'searchProject', DEFAULT_LIMIT), MAX_LIMIT);
        const offset = optionalCount(o, 'offset', 'searchProject', 0);
        // A filter by register entry reads the index's mentions: it needs every document.
        let left = 0;
        if (optionalBoolean(o, 'complete', 'searchProject') || filter.entityId !== undefined) await whole();
        else left = catchUp();
        const result = optionalBoolean(o, 'regex', 'searchProject')
          ? regexSearch(o, filter, limit, offset)
          : wordSearch(o, filter, limit, offset);
        return left > 0 ? { ...result, indexing: { documentsLeft: left } } : result;
      }),

    previewReplace: (args) =>
      call(async (): Promise<ReplacePreview> => {
        const o = argsObject(args, 'previewReplace');
        const spec = readSpec(o, 'previewReplace');
        textMatcher(spec.find, spec); // a bad regular expression fails before any work
        await whole();
        const documents: ReplacePreview['documents'] = [];
        let total = 0;
        for (const id of candidates(spec, spec.ids)) {
          const { doc, version, found } = matchesIn(id, spec);
          if (found.length === 0) continue;
          const { skipped } = replaceMatches(
            doc,
            found,
            found.map((m) => replacementFor(m, spec.replace, !!spec.regex)),
          );
          const items = found.map((m, index) => {
            return {
              index,
              before: m.before,
              text: m.text,
              replacement: replacementFor(m, spec.replace, !!spec.regex),
              after: m.after,
              replaceable: !skipped.includes(m),
            };
          });
          total += items.length;
          documents.push({ documentId: String(id), title: titleOf(id), version, items });
        }
        return { documents, total };
      }),

    applyReplace: (args) =>
      call((): ApplyReplaceResult => {
        const o = argsObject(args, 'applyReplace');
        const spec = readSpec(o, 'applyReplace');
        textMatcher(spec.find, spec);
        const list = o['documents'];
        if (!Array.isArray(list)) throw bad('applyReplace needs "documents" as a list of { documentId, version }.');
        const applied: AppliedReplace[] = [];
        const refused: ApplyReplaceResult['refused'] = [];
        for (const item of list) {
          const d = argsObject(item, 'applyReplace');
          const id = rowId(requireString(d, 'documentId', 'applyReplace'), 'document');
          const version = requireVersion(d, 'version', 'applyReplace');
          const indices = d['indices'];
          if (indices !== undefined && (!Array.isArray(indices) || indices.some((i) => !Number.isSafeInteger(i)))) {
            throw bad('applyReplace needs "indices", when given, as a list of whole numbers.');
          }
          const { doc, version: current, found } = matchesIn(id, spec);
          if (current !== version) {
            refused.push({
              documentId: String(id),
              reason: 'The document was edited after the preview. Preview the replacement again.',
            });
            continue;
          }
          const chosen = indices === undefined ? found : found.filter((_, i) => (indices as number[]).includes(i));
          const outcome = replaceMatches(
            doc,
            chosen,
            chosen.map((m) => replacementFor(m, spec.replace, !!spec.regex)),
          );
          if (outcome.transform.steps.length === 0) continue;
          const result = authority.push(
            id,
            version,
            outcome.transform.steps.map((s) => s.toJSON()),
            REPLACE_CLIENT,
          );
          if (!result.ok) {
            refused.push({
              documentId: String(id),
              reason: 'The document was edited while the replacement was made. Preview the replacement again.',
            });
            continue;
          }
          applied.push({
            documentId: String(id),
            title: titleOf(id),
            fromVersion: version,
            version: result.version,
            changes: outcome.replaced,
          });
        }
        return { applied, refused };
      }),

    undoReplace: (args) =>
      call(() => {
        const o = argsObject(args, 'undoReplace');
        const id = rowId(requireString(o, 'documentId', 'undoReplace'), 'document');
        const version = requireVersion(o, 'version', 'undoReplace');
        const changes = o['changes'];
        if (!Array.isArray(changes)) throw bad('undoReplace needs "changes" as the list applyReplace returned.');
        for (let attempt = 0; attempt < 5; attempt++) {
          const { doc, version: current } = authority.document(id);
          if (current < version) throw bad(`Document ${id} has no version ${version}; it cannot be undone from there.`);
          const mapping = new Mapping(
            authority.stepsSince(id, version).steps.map((json) => Step.fromJSON(schema, json).getMap()),
          );
          const back: FoundMatch[] = [];
          const originals: string[] = [];
          let kept = 0;
          for (const raw of changes) {
            const c = argsObject(raw, 'undoReplace');
            const from = requireVersion(c, 'from', 'undoReplace');
            const to = requireVersion(c, 'to', 'undoReplace');
            const original = requireString(c, 'original', 'undoReplace');
            const replacement = requireString(c, 'replacement', 'undoReplace');
            const start = mapping.mapResult(from, 1);
            const end = mapping.mapResult(to, -1);
            const mappedFrom = replacement === '' ? mapping.map(from, -1) : start.pos;
            if (
              start.deletedAfter ||
              end.pos - mappedFrom !== replacement.length ||
              end.pos > doc.content.size ||
              doc.textBetween(mappedFrom, end.pos) !== replacement
            ) {
              kept++;
              continue;
            }
            back.push({
              run: 0,
              start: 0,
              end: 0,
              from: mappedFrom,
              to: end.pos,
              text: replacement,
              groups: [],
              before: '',
              after: '',
            });
            originals.push(original);
          }
          const outcome = replaceMatches(doc, back, originals);
          kept += outcome.skipped.length;
          if (outcome.transform.steps.length === 0)
            return { documentId: String(id), version: current, restored: 0, kept };
          const result = authority.push(
            id,
            current,
            outcome.transform.steps.map((s) => s.toJSON()),
            REPLACE_CLIENT,
          );
          if (result.ok)
            return { documentId: String(id), version: result.version, restored: outcome.replaced.length, kept };
        }
        throw new SiglumError(
          'io',
          `Document ${id} kept changing in another window, so the replacement could not be undone. Try again.`,
        );
      }),

    listDocumentsSorted: (args) =>
      call(async (): Promise<DocumentListEntry[]> => {
        const o = argsObject(args, 'listDocumentsSorted');
        const sort = (optionalString(o, 'sort', 'listDocumentsSorted') ?? 'position') as DocumentSort;
        if (!['position', 'date', 'title', 'edited'].includes(sort)) {
          throw bad(`listDocumentsSorted sorts by position, date, title or edited; "${sort}" is none of them.`);
        }
        const filter = readFilter(o, 'listDocumentsSorted');
        if (filter.entityId !== undefined) await whole();
        return sortedDocuments(store.db, sort, optionalBoolean(o, 'descending', 'listDocumentsSorted'), filter);
      }),
  };
}
