/**
 * A document read as runs of text, one per textblock (paragraph, heading, list
 * item, a note's paragraph...), each character knowing its ProseMirror position.
 * Suggestions search these runs; mention collection reads their contexts.
 *
 * In a run, whitespace is collapsed to single spaces, a page break adds nothing (a
 * word split across pages still reads as one word), and other inline nodes (a note
 * callout, a line break, an unmodelled inline element) read as a space. A note's
 * own paragraphs are runs of their own, marked `inNote`.
 */
import type { Mark, Node as PMNode } from 'prosemirror-model';
import { schema } from '../schema.ts';

/** A stretch of a run covered by one mention mark. */
export interface MentionRun {
  mark: Mark;
  /** Indices into the run's text, [start, end). */
  start: number;
  end: number;
}

export interface TextRun {
  text: string;
  /** The document position of each UTF-16 unit of `text`. */
  pos: Int32Array;
  inNote: boolean;
  mentions: MentionRun[];
}

export interface PageBreakAt {
  pos: number;
  n: string | null;
}

export interface DocText {
  runs: TextRun[];
  /** Every page break, in document order. */
  pageBreaks: PageBreakAt[];
}

const WHITESPACE = /\s/;

/** Reads a document into runs of text. */
export function readDocText(doc: PMNode): DocText {
  const runs: TextRun[] = [];
  const pageBreaks: PageBreakAt[] = [];
  const mention = schema.marks.mention;
  doc.descendants((node, pos) => {
    if (node.type === schema.nodes.pageBreak) {
      pageBreaks.push({ pos, n: (node.attrs['n'] as string | null) ?? null });
      return false;
    }
    if (!node.isTextblock) return true;
    const inNote = isInsideNote(doc, pos);
    const chars: string[] = [];
    const positions: number[] = [];
    const mentions: MentionRun[] = [];
    let open: MentionRun[] = [];
    let afterSpace = true; // at the start, as after a space: leading whitespace is dropped
    const push = (ch: string, at: number): void => {
      const code = ch.charCodeAt(0);
      const space = code === 32 || code === 10 || code === 9 || code === 13 || (code > 127 && WHITESPACE.test(ch));
      if (space) {
        if (afterSpace) return;
        ch = ' ';
      }
      afterSpace = space;
      chars.push(ch);
      positions.push(at);
    };
    node.forEach((child, offset) => {
      const at = pos + 1 + offset;
      if (child.type === schema.nodes.pageBreak) return;
      const start = chars.length;
      if (child.isText) {
        const t = child.text ?? '';
        for (let i = 0; i < t.length; i++) push(t[i] as string, at + i);
      } else {
        push(' ', at);
      }
      const marks = child.marks.filter((m) => m.type === mention);
      open = open.filter((run) => marks.some((m) => m.eq(run.mark)));
      for (const m of marks) {
        const run = open.find((r) => r.mark.eq(m));
        if (run) run.end = chars.length;
        else {
          const fresh = { mark: m, start, end: chars.length };
          open.push(fresh);
          mentions.push(fresh);
        }
      }
    });
    runs.push({
      text: chars.join(''),
      pos: Int32Array.from(positions),
      inNote,
      mentions: mentions.filter((r) => r.end > r.start),
    });
    return true;
  });
  return { runs, pageBreaks };
}

/** Whether the node at `pos` lies inside a note (checked through its ancestors). */
function isInsideNote(doc: PMNode, pos: number): boolean {
  const $pos = doc.resolve(pos);
  for (let d = $pos.depth; d > 0; d--) if ($pos.node(d).type === schema.nodes.note) return true;
  return false;
}

/** The document range [from, to) of text indices [start, end) of a run. */
export function runRange(run: TextRun, start: number, end: number): { from: number; to: number } {
  return { from: run.pos[start] ?? 0, to: (run.pos[end - 1] ?? 0) + 1 };
}

/**
 * Up to `count` words of `text` before index `start` and after index `end` (a word
 * cut by the match counts as one more). Scans outwards from the match only, as
 * runs can be long.
 */
export function contextAround(
  text: string,
  start: number,
  end: number,
  count: number,
): { before: string; after: string } {
  let from = start;
  for (let spaces = 0; from > 0; from--) {
    if (text[from - 1] === ' ' && ++spaces > count) break;
  }
  let to = end;
  for (let spaces = 0; to < text.length; to++) {
    if (text[to] === ' ' && ++spaces > count) break;
  }
  return { before: text.slice(from, start).trimStart(), after: text.slice(end, to).trimEnd() };
}
