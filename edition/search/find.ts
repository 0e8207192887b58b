/**
 * Finding text in a document: every occurrence of a string (diacritics and case
 * folded unless asked otherwise) or of a regular expression, in the document's runs
 * of text (edition/entities `readDocText`: a page break reads as nothing, a note
 * callout or line break as a space), with the document range of each. Find in the
 * editor, replace across documents and a search hit opened in its document all use it.
 */
import type { Node as PMNode } from 'prosemirror-model';
import { foldWithMap, isWordChar } from '../entities/fold.ts';
import { contextAround, readDocText, runRange, type TextRun } from '../entities/textblocks.ts';
import { SiglumError } from '../errors.ts';

export interface FindOptions {
  /** Read the query as a JavaScript regular expression (Unicode mode). */
  regex?: boolean;
  /** Match case (and, for plain text, diacritics) exactly. */
  caseSensitive?: boolean;
  /** Only whole words (plain text only). */
  wholeWord?: boolean;
}

/** One occurrence: in run `run` at text indices [start, end), document range [from, to). */
export interface FoundMatch {
  run: number;
  start: number;
  end: number;
  from: number;
  to: number;
  /** The matched text as it reads in the run. */
  text: string;
  /** Regex capture groups (for `$1` in a replacement); empty for plain text. */
  groups: Array<string | undefined>;
  /** A few words of the run either side of the match. */
  before: string;
  after: string;
}

/** Words of context either side of a match. */
const CONTEXT_WORDS = 8;

/** Occurrences found in the text of one run: text indices and capture groups. */
type RunMatch = { start: number; end: number; groups: Array<string | undefined> };

/** Compiles a user's regular expression; a bad one is bad input with a sentence. */
export function compileRegex(source: string, caseSensitive = false): RegExp {
  try {
    return new RegExp(source, caseSensitive ? 'gu' : 'giu');
  } catch (e) {
    const why = e instanceof Error ? e.message.replace(/^Invalid regular expression: /, '') : String(e);
    throw new SiglumError(
      'bad-input',
      `"${source}" is not a valid regular expression (${why}). Correct it and search again.`,
    );
  }
}

/** A matcher for one query: given a run's text, its occurrences. */
export function textMatcher(query: string, options: FindOptions = {}): (text: string) => RunMatch[] {
  if (options.regex) {
    const re = compileRegex(query, options.caseSensitive);
    return (text) => {
      const out: RunMatch[] = [];
      re.lastIndex = 0;
      for (let m = re.exec(text); m !== null; m = re.exec(text)) {
        if (m[0] === '') {
          re.lastIndex++;
          continue;
        }
        out.push({ start: m.index, end: m.index + m[0].length, groups: m.slice(1) });
      }
      return out;
    };
  }
  const needle = options.caseSensitive ? query : foldWithMap(query).text;
  if (needle === '') return () => [];
  return (text) => {
    const folded = options.caseSensitive ? null : foldWithMap(text);
    const hay = folded === null ? text : folded.text;
    const out: RunMatch[] = [];
    for (let i = hay.indexOf(needle); i !== -1; i = hay.indexOf(needle, i + needle.length)) {
      const start = folded === null ? i : (folded.map[i] as number);
      const end = folded === null ? i + needle.length : (folded.map[i + needle.length] as number);
      if (options.wholeWord && (isWordChar(text[start - 1]) || isWordChar(text[end]))) continue;
      out.push({ start, end, groups: [] });
    }
    return out;
  };
}

/** Every occurrence of `query` in runs already read. */
export function findInRuns(runs: readonly TextRun[], query: string, options: FindOptions = {}): FoundMatch[] {
  const match = textMatcher(query, options);
  const found: FoundMatch[] = [];
  runs.forEach((run, r) => {
    for (const m of match(run.text)) {
      const { from, to } = runRange(run, m.start, m.end);
      const { before, after } = contextAround(run.text, m.start, m.end, CONTEXT_WORDS);
      const text = run.text.slice(m.start, m.end);
      found.push({ run: r, start: m.start, end: m.end, from, to, text, groups: m.groups, before, after });
    }
  });
  return found;
}

/** Every occurrence of `query` in `doc`, in run order (a note's text after the paragraph that holds it). */
export function findInDoc(doc: PMNode, query: string, options: FindOptions = {}): FoundMatch[] {
  if (query === '') return [];
  return findInRuns(readDocText(doc).runs, query, options);
}

/**
 * The document range of text indices [start, end) of run `run`, or null when the
 * document no longer has that run or it is shorter (it changed since the search).
 */
export function locateInDoc(doc: PMNode, run: number, start: number, end: number): { from: number; to: number } | null {
  const r = readDocText(doc).runs[run];
  if (r === undefined || end > r.text.length || start >= end) return null;
  return runRange(r, start, end);
}
