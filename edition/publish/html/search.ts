/**
 * The search index of a static edition: every word of every document, folded as
 * the register's matching folds it (edition/entities/fold.ts: no case, no
 * diacritics), with the documents it occurs in and how often.
 *
 * It ships as a script that assigns a global (`window.SIGLUM_SEARCH`), because a
 * page opened from disk (file://) may not fetch() a JSON file in Chromium, while it
 * may load a script beside it. The shape is compact:
 *
 *   docs:  [[href, title, number, date, summary, words], ...] (words: how many, for ranking)
 *   terms: the folded words, sorted (code-unit order, as JS compares strings)
 *   post:  for each term, "d[:t],d[:t],..." with d the gap to the previous
 *          document's index and t the count when above 1, both in base 36
 *
 * Beside it the builder gets the characters of the text whose folding the
 * browser's NFD cannot reproduce (ß -> ss, ł -> l...), for the page script.
 */
import { foldChar, fold, words } from '../../entities/fold.ts';

export interface SearchDocument {
  href: string;
  title: string;
  n: string | null;
  date: string | null;
  text: string;
  /** What a result shows under the title; default the start of `text`. */
  lead?: string;
}

export interface SearchIndex {
  docs: Array<[string, string, string, string, string, number]>;
  terms: string[];
  post: string[];
}

const SUMMARY_CHARS = 180;
const COMBINING = /\p{M}/gu;

function summary(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= SUMMARY_CHARS) return flat;
  const cut = flat.lastIndexOf(' ', SUMMARY_CHARS);
  return `${flat.slice(0, cut > SUMMARY_CHARS / 2 ? cut : SUMMARY_CHARS)} …`;
}

/** Characters of `text` that NFD plus removing marks does not fold as `foldChar` does. */
function foldExceptions(text: string, into: Record<string, string>): void {
  for (const ch of new Set(text)) {
    if (ch.charCodeAt(0) < 0x80 || ch in into) continue;
    const wanted = foldChar(ch);
    if (ch.normalize('NFD').replace(COMBINING, '') !== wanted) into[ch] = wanted;
  }
}

/** Builds the index; documents keep the order given (their index is their number in `docs`). */
export function buildSearchIndex(documents: readonly SearchDocument[]): {
  index: SearchIndex;
  fold: Record<string, string>;
} {
  const postings = new Map<string, number[]>();
  const foldMap: Record<string, string> = {};
  const lengths: number[] = [];
  documents.forEach((d, i) => {
    foldExceptions(`${d.title}\n${d.text}`, foldMap);
    const counts = new Map<string, number>();
    const all = words(fold(`${d.title}\n${d.text}`));
    lengths.push(all.length);
    for (const w of all) counts.set(w, (counts.get(w) ?? 0) + 1);
    for (const [w, c] of counts) {
      let list = postings.get(w);
      if (list === undefined) postings.set(w, (list = []));
      list.push(i, c);
    }
  });
  const terms = [...postings.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const post = terms.map((t) => {
    const list = postings.get(t)!;
    const parts: string[] = [];
    let previous = 0;
    for (let k = 0; k < list.length; k += 2) {
      const doc = list[k]!;
      const count = list[k + 1]!;
      const gap = (doc - previous).toString(36);
      parts.push(count > 1 ? `${gap}:${count.toString(36)}` : gap);
      previous = doc;
    }
    return parts.join(',');
  });
  return {
    index: {
      docs: documents.map((d, i) => [d.href, d.title, d.n ?? '', d.date ?? '', summary(d.lead || d.text), lengths[i]!]),
      terms,
      post,
    },
    fold: foldMap,
  };
}

/** Decodes one posting list: document indices with their counts (the inverse of the encoding above). */
export function decodePostings(post: string): Array<[number, number]> {
  if (post === '') return [];
  let doc = 0;
  return post.split(',').map((part) => {
    const [gap, count] = part.split(':');
    doc += parseInt(gap ?? '0', 36);
    return [doc, count === undefined ? 1 : parseInt(count, 36)];
  });
}

/** JSON that is safe inside a script file and a script element (no `</script>`, no line separators). */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** The index as the script file the search page loads. */
export function searchIndexScript(index: SearchIndex): string {
  return `window.SIGLUM_SEARCH = ${scriptJson(index)};\n`;
}
