/**
 * The edition as a LaTeX file for reledmac, for editors who typeset themselves:
 * `buildLatex(edition)` returns the whole `.tex` source, from the same model as the
 * PDF and the HTML edition.
 *
 *   preamble      reledmac with two critical series (A, B) set run-in, line numbers
 *                 every 5, and `\siglum...` macros for the letter's parts and page
 *                 breaks, so that an editor restyles them in one place
 *   front         title, subtitle, the witnesses (sigla) and the introduction
 *   documents     each one numbered on its own (`\beginnumbering` ... `\endnumbering`):
 *                 heading as `\eledsection*`, source note, opener, paragraphs and
 *                 closer, each a `\pstart` ... `\pend`
 *
 * In the text, an apparatus entry is `\edtext{lemma}{\lemma{...}\Afootnote{reading
 * \textit{sigla}}}` (`\Bfootnote` for series B), nested where lemmata nest; an entry
 * that crosses another or a paragraph end, and one at a point, is attached where
 * its lemma starts with an empty `\edtext{}`. Notes are `\footnoteA`. A page break
 * of the source is `\siglumpb{n}`: a bar in the line and the page in the margin
 * (`\ledsidenote`). Formatting marks become `\textit`, `\textbf`, `\textsc` and
 * `\textsuperscript` around each run of text, so that no group ever straddles an
 * `\edtext`.
 */
import { Node as PMNode, type Mark } from 'prosemirror-model';
import { abbreviateLemma } from '../../print/apparatus.ts';
import { beginsSection, type ApparatusEntry, type LineNumberRestart } from '../../print/model.ts';
import { schema } from '../../schema.ts';
import { placeApparatus, type PlacedEntry, type RejectedEntry } from '../apparatus.ts';
import type { PublishDocument, PublishEdition } from '../model.ts';
import { escapeTex } from './escape.ts';

export { escapeTex } from './escape.ts';

export interface LatexOptions {
  /** Lemmata longer than this many words print as "first … last" (default 3). */
  lemmaAbbreviateWords?: number;
  /** Number every n-th line (default: the edition's settings, else 5). */
  lineNumberInterval?: number;
  /**
   * Where numbering starts again at 1 (default: the edition's settings, else 'page'):
   * reledmac's `\lineation{page}`, or a numbering block (`\beginnumbering`) per
   * document, or per section as edition/print defines sections (`beginsSection`).
   */
  lineNumberRestart?: LineNumberRestart;
}

export interface LatexEdition {
  tex: string;
  /** Apparatus entries that could not be placed, by document. */
  rejected: Array<RejectedEntry & { document: number }>;
}

const MARK_COMMANDS: Readonly<Record<string, string>> = {
  italic: '\\textit',
  bold: '\\textbf',
  smallcaps: '\\textsc',
  superscript: '\\textsuperscript',
};

/** The preamble's macros: how the parts of a letter and page breaks look. */
const MACROS = String.raw`% How the parts of a document look: change them here.
\newcommand{\siglumdocno}[1]{#1.\enspace}
\newcommand{\siglumsource}[1]{{\footnotesize #1}}
\newcommand{\siglumdateline}[1]{\hspace*{\fill}#1}
\newcommand{\siglumsalute}[1]{#1}
\newcommand{\siglumsigned}[1]{\hspace*{\fill}#1}
\newcommand{\siglumlabel}[1]{#1\enspace}
% A page break of the source: a bar in the line, the page number in the margin.
\newcommand{\siglumpb}[1]{\textbar\ledsidenote{\footnotesize [#1]}}
`;

function preamble(edition: PublishEdition, options: Required<LatexOptions>): string {
  const n = options.lineNumberInterval;
  return String.raw`% !TEX program = lualatex
% Written by Siglum. Typeset with LuaLaTeX (or XeLaTeX, or pdfLaTeX) and run it
% three times: reledmac places notes and line numbers from the previous run.
\documentclass[11pt,a4paper]{book}
\usepackage{iftex}
\ifPDFTeX
  \usepackage[T1]{fontenc}
  \usepackage[utf8]{inputenc}
\else
  \usepackage{fontspec}
\fi
\usepackage[series={A,B}]{reledmac}
% The apparatus set run-in, the line number printed once per line.
\Xarrangement[A]{paragraph}
\Xarrangement[B]{paragraph}
\Xnumberonlyfirstinline[A]
\Xnumberonlyfirstinline[B]
\Xsymlinenum[A]{\,|\,}
\Xsymlinenum[B]{\,|\,}
\firstlinenum{${n}}
\linenumincrement{${n}}
\lineation{${options.lineNumberRestart === 'page' ? 'page' : 'section'}}
${MACROS}
\title{${escapeTex(edition.title)}${edition.subtitle ? String.raw`\\[1ex]\large ${escapeTex(edition.subtitle)}` : ''}}
\author{}
\date{}
`;
}

function front(edition: PublishEdition): string {
  let tex = '\\maketitle\n';
  if (edition.witnesses.length > 0) {
    const items = edition.witnesses
      .map((w) => `  \\item[\\textit{${escapeTex(w.siglum)}}] ${escapeTex(w.description)}`)
      .join('\n');
    tex += `\n\\section*{Witnesses}\n\\begin{description}\n${items}\n\\end{description}\n`;
  }
  if (edition.introduction) {
    const paragraphs = edition.introduction
      .split(/\n\s*\n/)
      .map((p) => escapeTex(p).trim())
      .filter((p) => p !== '');
    tex += `\n\\section*{Introduction}\n${paragraphs.join('\n\n')}\n`;
  }
  return tex;
}

function readingsTex(entry: ApparatusEntry): string {
  return entry.readings
    .map((r) => {
      const text = r.text.trim() === '' ? '\\textit{om.}' : escapeTex(r.text);
      const sigla = r.sigla.map(escapeTex).join(' ');
      return sigla === '' ? text : `${text} \\textit{${sigla}}`;
    })
    .join(' : ');
}

/** An entry and the position in running text where it is attached (its start, or the next text). */
interface AnchoredEntry extends PlacedEntry {
  at: number;
}

/** Start and end positions of the textblocks of running text (notes left out), in order. */
function textblockRanges(doc: PMNode): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  doc.descendants((node, pos) => {
    if (node.type === schema.nodes.note) return false;
    if (node.isTextblock) {
      ranges.push([pos + 1, pos + 1 + node.content.size]);
      return false;
    }
    return true;
  });
  return ranges;
}

/** Anchors each entry in a textblock: where it starts, or else at the start of the next one (the end of the last). */
function anchorEntries(doc: PMNode, entries: readonly PlacedEntry[]): AnchoredEntry[] {
  const ranges = textblockRanges(doc);
  return entries.map((e) => {
    if (ranges.some(([a, b]) => e.entry.from >= a && e.entry.from <= b)) return { ...e, at: e.entry.from };
    const next = ranges.find(([a]) => a >= e.entry.from);
    return { ...e, at: next ? next[0] : (ranges[ranges.length - 1]?.[1] ?? 0) };
  });
}

class DocumentLatex {
  /** Entries attached where their lemma starts (points, and those that cannot nest). */
  private detached: AnchoredEntry[] = [];
  private nested: AnchoredEntry[] = [];
  /** How many entries have been written, to check that none was left out. */
  written = 0;

  constructor(
    private readonly entries: readonly AnchoredEntry[],
    private readonly abbreviate: number,
  ) {}

  private footnote(entry: ApparatusEntry): string {
    this.written++;
    const lemma = escapeTex(abbreviateLemma(entry.lemma, this.abbreviate));
    return `{\\lemma{${lemma}}\\${entry.series}footnote{${readingsTex(entry)}}}`;
  }

  /** Sorts a textblock's entries into those that nest as `\edtext` and those attached at a point. */
  private plan(start: number, end: number): void {
    const here = this.entries
      .filter((e) => e.at >= start && e.at <= end)
      .sort((a, b) => a.at - b.at || b.entry.to - a.entry.to || a.index - b.index);
    const stack: AnchoredEntry[] = [];
    this.nested = [];
    this.detached = [];
    for (const e of here) {
      while (stack.length > 0 && stack[stack.length - 1]!.entry.to <= e.entry.from) stack.pop();
      const parent = stack[stack.length - 1];
      const fits =
        e.at === e.entry.from &&
        e.entry.from < e.entry.to &&
        e.entry.to <= end &&
        (parent === undefined || e.entry.to <= parent.entry.to);
      if (fits) {
        this.nested.push(e);
        stack.push(e);
      } else {
        this.detached.push(e);
      }
    }
  }

  blocks(node: PMNode, pos: number, inNote: boolean): string[] {
    const start = pos + 1;
    const para = (body: string): string[] => (body.trim() === '' ? [] : [`\\pstart\n${body.trim()}\n\\pend`]);
    const wrap = (macro: string): string[] => {
      const body = this.inline(node, start, inNote).trim();
      return body === '' ? [] : para(`\\${macro}{${body}}`);
    };
    switch (node.type.name) {
      case 'heading':
        return [`\\pstart\n\\eledsection*{${this.inline(node, start, inNote).trim()}}\n\\pend`];
      case 'sourceNote':
        return wrap('siglumsource');
      case 'dateline':
        return wrap('siglumdateline');
      case 'salute':
        return wrap('siglumsalute');
      case 'signed':
        return wrap('siglumsigned');
      case 'paragraph':
      case 'item':
      case 'teiText':
        return node.type.name === 'teiText' && node.attrs['name'] === 'dateline'
          ? wrap('siglumdateline')
          : para(this.inline(node, start, inNote));
      case 'list': {
        const out: string[] = [];
        let label = '';
        node.forEach((child, offset) => {
          const childStart = start + offset + 1;
          if (child.type.name === 'label') label = `\\siglumlabel{${this.inline(child, childStart, inNote).trim()}}`;
          else {
            out.push(...para(`${label}${this.inline(child, childStart, inNote)}`));
            label = '';
          }
        });
        return out;
      }
      default: {
        // Containers (opener, closer, generic TEI blocks): a table row runs its cells on one line.
        if (node.type.name === 'teiBlock' && node.attrs['name'] === 'row' && this.allTextblocks(node)) {
          const cells: string[] = [];
          node.forEach((child, offset) => cells.push(this.inline(child, start + offset + 1, inNote).trim()));
          return para(cells.join(' \\quad '));
        }
        const out: string[] = [];
        node.forEach((child, offset) => out.push(...this.blocks(child, start + offset, inNote)));
        return out;
      }
    }
  }

  private allTextblocks(node: PMNode): boolean {
    let all = true;
    node.forEach((child) => {
      if (!child.isTextblock) all = false;
    });
    return all;
  }

  /** The TeX of a textblock's inline content, with the apparatus entries that start in it. */
  inline(parent: PMNode, start: number, inNote: boolean): string {
    const end = start + parent.content.size;
    if (!inNote) this.plan(start, end);
    const nested = inNote ? [] : this.nested;
    const detached = inNote ? [] : this.detached;
    let out = '';
    const open: AnchoredEntry[] = [];
    let nextOpen = 0;
    let nextDetached = 0;
    const boundary = (p: number): void => {
      while (open.length > 0 && open[open.length - 1]!.entry.to <= p) {
        out += `}${this.footnote(open.pop()!.entry)}`;
      }
      while (nextDetached < detached.length && detached[nextDetached]!.at <= p) {
        out += `\\edtext{}${this.footnote(detached[nextDetached++]!.entry)}`;
      }
      while (nextOpen < nested.length && nested[nextOpen]!.entry.from <= p) {
        open.push(nested[nextOpen++]!);
        out += '\\edtext{';
      }
    };
    const cuts = [...nested.flatMap((e) => [e.entry.from, e.entry.to]), ...detached.map((e) => e.at)];
    parent.forEach((child, offset) => {
      const pos = start + offset;
      boundary(pos);
      if (child.isText) {
        const text = child.text ?? '';
        const inside = cuts.filter((c) => c > pos && c < pos + text.length).sort((a, b) => a - b);
        let at = pos;
        for (const cut of [...new Set(inside), pos + text.length]) {
          out += this.marked(text.slice(at - pos, cut - pos), child.marks);
          at = cut;
          if (cut < pos + text.length) boundary(cut);
        }
        return;
      }
      switch (child.type.name) {
        case 'note': {
          const body: string[] = [];
          child.forEach((block, o) => body.push(this.noteBlock(block, pos + 1 + o)));
          out += `\\footnoteA{${body.filter((b) => b !== '').join('\\par ')}}`;
          break;
        }
        case 'pageBreak': {
          const n = (child.attrs['n'] as string | null) ?? '';
          out += `\\siglumpb{${escapeTex(n)}}`;
          break;
        }
        case 'lineBreak':
          out += '\\newline{}';
          break;
        case 'teiInline':
          if (child.attrs['name'] === 'gap') out += '{[}\\ldots{]}';
          break;
        default:
          throw new RangeError(`No LaTeX for inline node ${child.type.name}`);
      }
    });
    boundary(end);
    // Entries still open end at the block's end (their `to` is the end itself).
    while (open.length > 0) out += `}${this.footnote(open.pop()!.entry)}`;
    return out;
  }

  /** A block inside a note: its text only, blocks of blocks flattened. */
  private noteBlock(node: PMNode, pos: number): string {
    if (node.isTextblock) return this.inline(node, pos + 1, true).trim();
    const parts: string[] = [];
    node.forEach((child, offset) => parts.push(this.noteBlock(child, pos + 1 + offset)));
    return parts.filter((p) => p !== '').join('\\par ');
  }

  private marked(text: string, marks: readonly Mark[]): string {
    let tex = escapeTex(text);
    if (tex === '') return '';
    for (const mark of marks) {
      const command = MARK_COMMANDS[mark.type.name];
      if (command) tex = `${command}{${tex}}`;
    }
    return tex;
  }
}

function documentTex(
  d: PublishDocument,
  docIndex: number,
  options: Required<LatexOptions>,
): { tex: string; rejected: RejectedEntry[] } {
  const doc = PMNode.fromJSON(schema, d.doc);
  doc.check();
  const { accepted, rejected } = placeApparatus(doc, d.apparatus);
  const renderer = new DocumentLatex(anchorEntries(doc, accepted), options.lemmaAbbreviateWords);
  // Each numbering block restarts the line numbers (`\lineation{section}`): one per
  // document, or one per section when numbering restarts at sections.
  const sections: string[][] = [[]];
  let paragraphs = sections[0]!;
  let hasHeading = false;
  doc.forEach((child, offset) => {
    if (options.lineNumberRestart === 'section' && paragraphs.length > 0 && beginsSection(child, true)) {
      paragraphs = [];
      sections.push(paragraphs);
    }
    let blocks = renderer.blocks(child, offset, false);
    if (child.type === schema.nodes.heading && !hasHeading) {
      hasHeading = true;
      // The first heading carries the document's number.
      if (d.n)
        blocks = blocks.map((b) => b.replace('\\eledsection*{', `\\eledsection*{\\siglumdocno{${escapeTex(d.n!)}}`));
    }
    paragraphs.push(...blocks);
  });
  if (!hasHeading) {
    const number = d.n ? `\\siglumdocno{${escapeTex(d.n)}}` : '';
    sections[0]!.unshift(`\\pstart\n\\eledsection*{${number}${escapeTex(d.title)}}\n\\pend`);
  }
  if (renderer.written !== accepted.length) {
    throw new Error(
      `LaTeX export wrote ${renderer.written} of ${accepted.length} apparatus entries of document ${docIndex + 1}`,
    );
  }
  const comment = `% Document ${docIndex + 1}${d.key ? ` (${d.key.replace(/[\r\n]/g, ' ')})` : ''}`;
  return {
    tex: `${comment}\n${sections.map((section) => `\\beginnumbering\n${section.join('\n\n')}\n\\endnumbering\n`).join('')}`,
    rejected,
  };
}

/**
 * Builds the `.tex` source of an edition. Throws a RangeError for a document whose
 * JSON does not fit the schema; apparatus entries that cannot be placed (positions
 * outside the text or inside a note) come back in `rejected`.
 */
export function buildLatexEdition(edition: PublishEdition, options: LatexOptions = {}): LatexEdition {
  const resolved: Required<LatexOptions> = {
    lemmaAbbreviateWords: options.lemmaAbbreviateWords ?? 3,
    lineNumberInterval: options.lineNumberInterval ?? edition.settings?.lineNumberInterval ?? 5,
    lineNumberRestart: options.lineNumberRestart ?? edition.settings?.lineNumberRestart ?? 'page',
  };
  const rejected: LatexEdition['rejected'] = [];
  const documents = edition.documents.map((d, i) => {
    const out = documentTex(d, i, resolved);
    for (const r of out.rejected) rejected.push({ ...r, document: i });
    return out.tex;
  });
  const tex = `${preamble(edition, resolved)}\n\\begin{document}\n${front(edition)}\n${documents.join('\n')}\n\\end{document}\n`;
  return { tex, rejected };
}

/** The `.tex` source alone (see buildLatexEdition for what is rejected). */
export function buildLatex(edition: PublishEdition, options: LatexOptions = {}): string {
  return buildLatexEdition(edition, options).tex;
}
