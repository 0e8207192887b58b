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
import { schema } from '../../edition/schema.ts';
import {
  REPLACE_CLIENT,
  SEARCH_ARGS,
  type AppliedReplace,
  type ApplyReplaceResult,
  type DocumentListEntry,
  type ReplacePreview,
  type SearchField,
  type SearchHit,
  type SearchResult,
  type SearchScope,
} from '../../edition/search/api.ts';
import { compileRegex, findInDoc, textMatcher, type FoundMatch } from '../../edition/search/find.ts';
import { requiredLiterals, trigramQuery } from '../../edition/search/literals.ts';
import { ftsString, parseQuery } from '../../edition/search/query.ts';
import { replaceMatches, replacementFor } from '../../edition/search/replace.ts';
import { getDocument } from '../../db/documents.ts';
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
import type { ArgsOut } from '../../edition/args.ts';
import type { Rows } from './table.ts';
import type { CollabAuthority } from './authority.ts';

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

type SearchArgs = ArgsOut<typeof SEARCH_ARGS.searchProject>;
type ReplaceArgs = ArgsOut<typeof SEARCH_ARGS.previewReplace>;

/** The document filter of checked arguments. */
function filterOf(a: { collectionId?: number; dateFrom?: string; dateTo?: string; entityId?: number }): DocumentFilter {
  const filter: DocumentFilter = {};
  if (a.collectionId !== undefined) filter.collectionId = a.collectionId;
  if (a.dateFrom !== undefined) filter.dateFrom = a.dateFrom;
  if (a.dateTo !== undefined) filter.dateTo = a.dateTo;
  if (a.entityId !== undefined) filter.entityId = a.entityId;
  return filter;
}

function wordSearch(store: Store, a: SearchArgs, filter: DocumentFilter, limit: number, offset: number): SearchResult {
  const parsed = parseQuery(a.query);
  if (parsed === null) return { total: 0, documents: 0, hits: [] };
  const { element } = a;
  const scopes = a.in ?? null;
  let match = `{text} : (${parsed.fts})`;
  if (element !== undefined && element !== '') {
    match += ` AND {field} : element AND {tag} : ${ftsString(element)}`;
  } else if (scopes !== null) {
    match += ` AND {field} : (${scopes.map((sc) => SCOPE_FIELDS[sc]).join(' OR ')})`;
  } else {
    match += ' NOT {field} : element';
  }
  const rows = matchPassages(store.db, match, filter, limit, offset);
  const { total, documents } = countMatches(store.db, match, filter);
  return { total, documents, hits: rows.map((r) => highlightedHit(store.db, r)) };
}

function regexSearch(store: Store, a: SearchArgs, filter: DocumentFilter, limit: number, offset: number): SearchResult {
  const { query, element } = a;
  if (query === '') return { total: 0, documents: 0, hits: [] };
  const match = textMatcher(query, { regex: true, caseSensitive: a.caseSensitive });
  const scopes = a.in ?? null;
  const fields: SearchField[] | null =
    element !== undefined && element !== ''
      ? ['element']
      : scopes === null
        ? null
        : scopes.map((sc) => SCOPE_FIELDS[sc]);
  const hits: SearchHit[] = [];
  const documents = new Set<number>();
  let total = 0;
  const literals = requiredLiterals(query);
  let trigram = literals === null ? undefined : trigramQuery(literals);
  if (trigram !== undefined && trigramCount(store.db, trigram) > passageCount(store.db) / 8) trigram = undefined;
  const test = compileRegex(query, a.caseSensitive);
  for (const row of allPassages(store.db, fields, filter, element || undefined, trigram)) {
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
function candidates(store: Store, spec: ReplaceArgs): number[] {
  const match = textMatcher(spec.find, spec);
  const ids: number[] = [];
  const literals = spec.regex ? requiredLiterals(spec.find) : null;
  const trigram = literals === null ? undefined : trigramQuery(literals);
  for (const row of allPassages(store.db, ['text', 'notes'], {}, undefined, trigram)) {
    if (row.documentId === null || ids.at(-1) === row.documentId) continue;
    if (spec.documentIds && !spec.documentIds.has(row.documentId)) continue;
    if (match(row.text).length > 0) ids.push(row.documentId);
  }
  return ids;
}

function titleOf(store: Store, id: number): string {
  const info: DocumentInfo = getDocument(store.db, id).info;
  const meta = getDocument(store.db, id).meta;
  return documentLabel(info.title, info.n, meta.date);
}

function matchesIn(
  authority: CollabAuthority,
  id: number,
  spec: ReplaceArgs,
): { version: number; doc: ReturnType<CollabAuthority['document']>['doc']; found: FoundMatch[] } {
  const { doc, version } = authority.document(id);
  return { doc, version, found: findInDoc(doc, spec.find, spec) };
}

type SearchMethod = keyof typeof SEARCH_ARGS;

export const searchRows: Rows<SearchMethod> = {
  searchProject: {
    args: SEARCH_ARGS.searchProject,
    run: async ({ store, search }, a): Promise<SearchResult> => {
      const filter = filterOf(a);
      const limit = Math.min(a.limit ?? DEFAULT_LIMIT, MAX_LIMIT);
      const offset = a.offset ?? 0;
      // A filter by register entry reads the index's mentions: it needs every document.
      let left = 0;
      if (a.complete || filter.entityId !== undefined) await search.whole();
      else left = search.catchUp();
      const result = a.regex
        ? regexSearch(store, a, filter, limit, offset)
        : wordSearch(store, a, filter, limit, offset);
      return left > 0 ? { ...result, indexing: { documentsLeft: left } } : result;
    },
  },
  previewReplace: {
    args: SEARCH_ARGS.previewReplace,
    run: async ({ store, authority, search }, spec): Promise<ReplacePreview> => {
      textMatcher(spec.find, spec); // a bad regular expression fails before any work
      await search.whole();
      const documents: ReplacePreview['documents'] = [];
      let total = 0;
      for (const id of candidates(store, spec)) {
        const { doc, version, found } = matchesIn(authority, id, spec);
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
        documents.push({ documentId: String(id), title: titleOf(store, id), version, items });
      }
      return { documents, total };
    },
  },

  applyReplace: {
    args: SEARCH_ARGS.applyReplace,
    run: ({ store, authority }, spec): ApplyReplaceResult => {
      textMatcher(spec.find, spec);
      const applied: AppliedReplace[] = [];
      const refused: ApplyReplaceResult['refused'] = [];
      for (const { documentId: id, version, indices } of spec.documents) {
        const { doc, version: current, found } = matchesIn(authority, id, spec);
        if (current !== version) {
          refused.push({
            documentId: String(id),
            reason: 'The document was edited after the preview. Preview the replacement again.',
          });
          continue;
        }
        const chosen = indices === undefined ? found : found.filter((_, i) => indices.includes(i));
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
          title: titleOf(store, id),
          fromVersion: version,
          version: result.version,
          changes: outcome.replaced,
        });
      }
      return { applied, refused };
    },
  },

  undoReplace: {
    args: SEARCH_ARGS.undoReplace,
    run: ({ authority }, { documentId: id, version, changes }) => {
      for (let attempt = 0; attempt < 5; attempt++) {
        const { doc, version: current } = authority.document(id);
        if (current < version)
          throw new SiglumError(
            'bad-input',
            `Document ${id} has no version ${version}; it cannot be undone from there.`,
          );
        const mapping = new Mapping(
          authority.stepsSince(id, version).steps.map((json) => Step.fromJSON(schema, json).getMap()),
        );
        const back: FoundMatch[] = [];
        const originals: string[] = [];
        let kept = 0;
        for (const { from, to, original, replacement } of changes) {
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
    },
  },

  listDocumentsSorted: {
    args: SEARCH_ARGS.listDocumentsSorted,
    run: async ({ store, search }, a): Promise<DocumentListEntry[]> => {
      const filter = filterOf(a);
      if (filter.entityId !== undefined) await search.whole();
      return sortedDocuments(store.db, a.sort ?? 'position', a.descending, filter);
    },
  },
};
