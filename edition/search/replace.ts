/**
 * Replacing found text in a document, as one transform: each occurrence's text is
 * replaced, keeping the marks of its first character (a replaced name stays a mention,
 * a replaced lemma keeps its apparatus entry). Occurrences whose range holds more than
 * text (a page break, a note) are left alone and reported, so a replace never deletes
 * structure the user did not see.
 */
import type { Node as PMNode } from 'prosemirror-model';
import { Transform } from 'prosemirror-transform';
import { schema } from '../schema.ts';
import type { FoundMatch } from './find.ts';

/** The replacement for one match: `$&`, `$1`... stand for the match and its groups when `regex`. */
export function replacementFor(match: FoundMatch, replacement: string, regex: boolean): string {
  if (!regex) return replacement;
  return replacement.replace(/\$(\$|&|\d{1,2})/g, (all, what: string) => {
    if (what === '$') return '$';
    if (what === '&') return match.text;
    const group = match.groups[Number(what) - 1];
    return Number(what) >= 1 && Number(what) <= match.groups.length ? (group ?? '') : all;
  });
}

/** One replacement made: where it now stands in the new document, and what it was. */
export interface ReplacedRange {
  from: number;
  to: number;
  original: string;
  replacement: string;
}

export interface ReplaceOutcome {
  transform: Transform;
  replaced: ReplacedRange[];
  /** Matches left alone because their range holds more than text. */
  skipped: FoundMatch[];
}

/** Whether [from, to) of `doc` is text only, reading `text`. */
function plainTextRange(doc: PMNode, from: number, to: number, text: string): boolean {
  let plain = true;
  doc.nodesBetween(from, to, (node) => {
    if (node.isInline && !node.isText) plain = false;
    return plain;
  });
  return plain && doc.resolve(from).parent === doc.resolve(to).parent && doc.textBetween(from, to) === text;
}

/** Replaces each match with its text in `replacements` (same order), as one transform on `doc`. */
export function replaceMatches(
  doc: PMNode,
  matches: readonly FoundMatch[],
  replacements: readonly string[],
): ReplaceOutcome {
  const transform = new Transform(doc);
  const skipped: FoundMatch[] = [];
  const done: Array<{ match: FoundMatch; text: string }> = [];
  const order = matches.map((m, i) => ({ m, text: replacements[i] ?? '' })).sort((a, b) => b.m.from - a.m.from);
  let floor = Number.POSITIVE_INFINITY;
  for (const { m, text } of order) {
    // Overlapping matches (a regex may find them in a note and around it) are skipped.
    if (m.to > floor || !plainTextRange(doc, m.from, m.to, m.text)) {
      skipped.push(m);
      continue;
    }
    floor = m.from;
    const marks = doc.nodeAt(m.from)?.marks ?? [];
    if (text === '') transform.delete(m.from, m.to);
    else transform.replaceWith(m.from, m.to, schema.text(text, marks));
    done.push({ match: m, text });
  }
  // Positions in the new document: each replacement's start mapped through the later
  // (lower) replacements, which were made after it.
  const replaced = done
    .map(({ match, text }, i) => {
      const from = transform.mapping.slice(i + 1).map(match.from, -1);
      return { from, to: from + text.length, original: match.text, replacement: text };
    })
    .reverse();
  return { transform, replaced, skipped: skipped.reverse() };
}
