/**
 * Reads the layout of a plain-text despatch: which blocks are the source note, the
 * heading, the opener, the paragraphs, the numbered lists and the closer, and which
 * trailing lines are the notes list. The result is still text (`TextLine`s); index.ts
 * turns it into ProseMirror nodes.
 *
 * Each convention is recognised on its own and only where it belongs (a file number
 * only as the first line, a valediction only near the end), so a text that follows
 * none of them comes out as one paragraph per block.
 */
import {
  datelineDate,
  isDespatchNumber,
  isFileNumber,
  isFromToHeading,
  isReceivedLine,
  isValediction,
  listLabel,
  looksLikeHeading,
  type Label,
} from './conventions.ts';
import { calloutCandidates, chooseCallouts, withoutPageMarkers, type Candidate } from './callouts.ts';

/** One line of running text as written, page markers included, with its callouts. */
export interface TextLine {
  text: string;
  callouts: Callout[];
}

/** A footnote callout: where it sits in its line and which note it calls. */
export interface Callout extends Candidate {
  /** The note's text, one entry per line of the notes list. */
  note: TextLine[];
}

export type OpenerPart = { kind: 'number'; line: TextLine } | { kind: 'dateline'; lines: TextLine[] };

export type Part =
  | { kind: 'sourceNote'; line: TextLine }
  | { kind: 'heading'; lines: TextLine[] }
  | { kind: 'opener'; parts: OpenerPart[] }
  | { kind: 'paragraph'; lines: TextLine[] }
  | {
      kind: 'list';
      shape: string;
      last: number;
      entries: Array<{ label: TextLine; lines: TextLine[] }>;
    }
  | { kind: 'closer'; salute: TextLine; signed: TextLine[] | null };

export interface Layout {
  parts: Part[];
  /** The file number, as in the source note. */
  source: string | null;
  /** ISO date of the dateline. */
  date: string | null;
}

type Block = string[];

const line = (text: string): TextLine => ({ text, callouts: [] });
const bare = withoutPageMarkers;

/**
 * Reads `text` (line ends already normalised to `\n`) into parts. Throws nothing:
 * any text has a layout, if only paragraphs.
 */
export function readLayout(text: string): Layout {
  const { body, notes } = splitNotes(text.split('\n'));
  const blocks = attachLonePageMarkers(toBlocks(body));
  const parts: Part[] = [];
  const head = readHead(blocks);
  parts.push(...head.parts);
  const at = head.at;

  const closer = readCloser(blocks, at);
  const end = closer ? closer.from : blocks.length;
  for (const block of blocks.slice(at, end)) pushBody(parts, block);
  if (closer) parts.push(closer.part);

  if (notes) {
    const taken = attachNotes(parts, notes.entries);
    if (!taken) parts.push({ kind: 'paragraph', lines: notes.lines.map(line) });
  }
  return { parts, source: head.source, date: head.date };
}

/** Lines separated by blank lines. */
function toBlocks(lines: string[]): Block[] {
  const blocks: Block[] = [];
  let current: Block = [];
  for (const l of lines) {
    if (l === '') {
      if (current.length > 0) blocks.push(current);
      current = [];
    } else current.push(l);
  }
  if (current.length > 0) blocks.push(current);
  return blocks;
}

/**
 * A block of nothing but page markers (a page that begins between paragraphs) joins
 * the next block, where its page break opens the first line; or the previous one
 * when it comes last.
 */
function attachLonePageMarkers(blocks: Block[]): Block[] {
  const out: Block[] = [];
  let pending: string[] = [];
  for (const block of blocks) {
    if (block.every((l) => bare(l) === '')) {
      pending.push(...block);
      continue;
    }
    if (pending.length > 0) {
      block[0] = [...pending, block[0]].join(' ');
      pending = [];
    }
    out.push(block);
  }
  const last = out[out.length - 1];
  if (pending.length > 0) {
    if (last) last[last.length - 1] = [last[last.length - 1], ...pending].join(' ');
    else out.push(pending);
  }
  return out;
}

/**
 * The head of a despatch, read line by line whether or not blank lines part them: the
 * file number, the heading, then the despatch number and the dateline (with its
 * `[Received ...]` line), each at most once. Takes those lines off the front of
 * `blocks` and says at which block the rest begins.
 */
function readHead(blocks: Block[]): { parts: Part[]; at: number; source: string | null; date: string | null } {
  let at = 0;
  const peek = (ahead = 0): string | undefined => blocks[at]?.[ahead];
  const take = (): TextLine => {
    const block = blocks[at] ?? [];
    const taken = block.shift() ?? '';
    if (block.length === 0) at += 1;
    return line(taken);
  };
  const isOpenerLine = (l: string | undefined) =>
    l !== undefined && (isDespatchNumber(bare(l)) || datelineDate(bare(l)) !== null);
  const parts: Part[] = [];

  const first = peek();
  const source = first !== undefined && isFileNumber(bare(first)) ? bare(first) : null;
  if (source !== null) parts.push({ kind: 'sourceNote', line: take() });

  // A heading stands alone, or right above the opener: never the first line of a paragraph.
  const heading = peek();
  const apart = peek(1) === undefined || isOpenerLine(peek(1));
  if (heading !== undefined && apart && (source !== null ? looksLikeHeading : isFromToHeading)(bare(heading))) {
    parts.push({ kind: 'heading', lines: [take()] });
  }

  const opener: OpenerPart[] = [];
  let date: string | null = null;
  const has = (kind: OpenerPart['kind']) => opener.some((p) => p.kind === kind);
  for (let l = peek(); l !== undefined && isOpenerLine(l); l = peek()) {
    if (isDespatchNumber(bare(l))) {
      if (has('number')) break;
      opener.push({ kind: 'number', line: take() });
    } else {
      if (has('dateline')) break;
      date = datelineDate(bare(l));
      const lines = [take()];
      const received = peek();
      if (received !== undefined && isReceivedLine(bare(received))) lines.push(take());
      opener.push({ kind: 'dateline', lines });
    }
  }
  if (opener.length > 0) parts.push({ kind: 'opener', parts: opener });
  return { parts, at, source, date };
}

/**
 * A valediction among the last blocks, with the signature after it: `Respectfully
 * yours,` then `Joseph C. Grew`, as two blocks or one; or a valediction alone at the end.
 */
function readCloser(blocks: Block[], from: number): { from: number; part: Part } | null {
  const valediction = (b: Block | undefined) => b?.[0] !== undefined && isValediction(bare(b[0]));
  const signature = (b: Block) => b.length <= 3 && b.every((l) => bare(l).length <= 80);
  const closer = (at: number, salute: string, signed: Block | null) => ({
    from: at,
    part: {
      kind: 'closer',
      salute: line(salute),
      signed: signed && signed.map(line),
    } satisfies Part,
  });
  const last = blocks.length - 1;
  const lastBlock = blocks[last];
  if (last >= from && lastBlock && valediction(lastBlock)) {
    const [salute = '', ...signed] = lastBlock;
    if (signed.length === 0) return closer(last, salute, null);
    if (signature(signed)) return closer(last, salute, signed);
  }
  const before = blocks[last - 1];
  if (last - 1 >= from && before?.length === 1 && valediction(before) && lastBlock && signature(lastBlock)) {
    return closer(last - 1, before[0] ?? '', lastBlock);
  }
  return null;
}

/** A block of running text: a paragraph, a numbered list, or a paragraph then a list. */
function pushBody(parts: Part[], block: Block): void {
  const firstLabel = block.findIndex((l) => listLabel(l) !== null);
  const entries = firstLabel < 0 ? null : readList(block.slice(firstLabel));
  if (!entries) {
    parts.push({ kind: 'paragraph', lines: block.map(line) });
    return;
  }
  if (firstLabel > 0)
    parts.push({
      kind: 'paragraph',
      lines: block.slice(0, firstLabel).map(line),
    });
  const previous = parts[parts.length - 1];
  const firstOrdinal = entries.labels[0]?.ordinal ?? 0;
  if (
    firstLabel === 0 &&
    previous?.kind === 'list' &&
    previous.shape === entries.shape &&
    previous.last + 1 === firstOrdinal
  ) {
    previous.entries.push(...entries.entries);
    previous.last = entries.last;
  } else
    parts.push({
      kind: 'list',
      shape: entries.shape,
      last: entries.last,
      entries: entries.entries,
    });
}

/**
 * Lines that start with a label alone on its line, each label followed by its item's
 * lines, the labels of one shape and counting up by one; else null.
 */
function readList(lines: string[]) {
  const labels: Label[] = [];
  const entries: Array<{ label: TextLine; lines: TextLine[] }> = [];
  for (const l of lines) {
    const label = listLabel(l);
    const previous = labels[labels.length - 1];
    const current = entries[entries.length - 1];
    if (!label) {
      current?.lines.push(line(l));
      continue;
    }
    const continues = !previous || (label.shape === previous.shape && label.ordinal === previous.ordinal + 1);
    if (!continues || (current && current.lines.length === 0)) return null;
    labels.push(label);
    entries.push({ label: line(l), lines: [] });
  }
  const shape = labels[0]?.shape;
  const last = labels[labels.length - 1]?.ordinal;
  if (shape === undefined || last === undefined || entries.some((e) => e.lines.length === 0)) return null;
  return { labels, shape, last, entries };
}

/** A note of the list at the end: `1. Not printed.`, maybe with indented continuation lines. */
interface NotesList {
  /** Each note's lines, its number taken off the first. */
  entries: string[][];
  /** The list's lines as written, for when they turn out not to be notes. */
  lines: string[];
}

const NOTE_START = /^(\d{1,4})\.\s+(\S.*)$/;

/**
 * Splits off the notes list: the longest run of trailing lines that reads `1. ...`,
 * `2. ...` and so on, continuation lines indented, blank lines between notes allowed.
 * Takes lines with their indentation; gives them back trimmed.
 */
function splitNotes(raw: string[]): {
  body: string[];
  notes: NotesList | null;
} {
  const lines = raw.map((l) => l.trim());
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  const indented = (i: number) => /^\s/.test(raw[i] ?? '');
  for (let start = 0; start < lines.length; start++) {
    if (NOTE_START.exec(lines[start] ?? '')?.[1] !== '1') continue;
    const entries = readNotes(lines, start, indented);
    if (entries) {
      const written = lines.slice(start).filter((l) => l !== '');
      return {
        body: lines.slice(0, start),
        notes: { entries, lines: written },
      };
    }
  }
  return { body: lines, notes: null };
}

function readNotes(lines: string[], start: number, indented: (i: number) => boolean): string[][] | null {
  const entries: string[][] = [];
  for (let i = start; i < lines.length; i++) {
    const l = lines[i] ?? '';
    if (l === '') continue;
    const m = NOTE_START.exec(l);
    // A numbered line out of turn ends the attempt (it is never a continuation), so
    // that trying each `1.` as a start stays linear over the text.
    if (m) {
      if (Number(m[1]) !== entries.length + 1) return null;
      entries.push([m[2] ?? '']);
    } else if (indented(i) && entries.length > 0 && lines[i - 1] !== '') entries[entries.length - 1]?.push(l);
    else return null;
  }
  return entries;
}

/** Every line in which a callout may stand, in reading order. */
function runningLines(parts: Part[]): TextLine[] {
  return parts.flatMap((p): TextLine[] => {
    switch (p.kind) {
      case 'sourceNote':
        return [];
      case 'heading':
      case 'paragraph':
        return p.lines;
      case 'opener':
        return p.parts.flatMap((o) => (o.kind === 'dateline' ? o.lines : []));
      case 'list':
        return p.entries.flatMap((e) => e.lines);
      case 'closer':
        return [p.salute, ...(p.signed ?? [])];
    }
  });
}

/**
 * Finds the callouts of the notes list in the running text and attaches each note to
 * its callout. Returns false, changing nothing, when they do not match one to one.
 */
function attachNotes(parts: Part[], notes: string[][]): boolean {
  const found = runningLines(parts).flatMap((l) => calloutCandidates(l.text).map((c) => ({ line: l, c })));
  const chosen = chooseCallouts(
    found.map((f) => f.c),
    notes.length,
  );
  if (!chosen) return false;
  chosen.forEach((index, k) => {
    const f = found[index];
    if (f) f.line.callouts.push({ ...f.c, note: (notes[k] ?? []).map(line) });
  });
  return true;
}
