/**
 * What a typeset edition is made of, before layout: the input model of the print
 * pipeline, its settings with their defaults, and the report a PDF export gives back.
 *
 * Positions are ProseMirror document positions in the document's own `doc`
 * (edition/schema), so that an apparatus entry made in the editor prints unchanged.
 */
import type { DocJSON } from '../types.ts';
import { SiglumError } from '../errors.ts';

/** One variant reading of an apparatus entry; empty `text` prints as "om.". */
export interface ApparatusReading {
  text: string;
  sigla: string[];
}

/** A critical-apparatus entry keyed to the lemma between two document positions. */
export interface ApparatusEntry {
  series: 'A' | 'B';
  /** Document position where the lemma starts. */
  from: number;
  /** Document position where the lemma ends (`from` for a point, e.g. an addition). */
  to: number;
  lemma: string;
  readings: ApparatusReading[];
}

export interface Witness {
  siglum: string;
  description: string;
}

export interface PrintDocument {
  title: string;
  doc: DocJSON;
  apparatus: ApparatusEntry[];
  /**
   * The document's page images for `facsimile: 'facing'`, by surface: a page break
   * whose `facs` names `surface` gets `src` on the verso opposite its text.
   */
  pageImages?: PrintPageImage[];
}

/** A page image as the print page shows it (a JPEG data URL made for print, not the original). */
export interface PrintPageImage {
  /** The surface's `xml:id`, as a page break's `facs` names it (without `#`). */
  surface: string;
  src: string;
  /** Pixel size of `src`: the image is scaled to the text block keeping this ratio. */
  width: number;
  height: number;
  /** The surface's own label, printed when the page break has no `n`. */
  n: string | null;
}

/**
 * Page images in the PDF: 'none', or 'facing': each page image on a verso (even page)
 * opposite the recto on which the transcription of that page begins.
 */
export type FacsimilePrint = 'none' | 'facing';

export const FACSIMILE_PRINTS: readonly FacsimilePrint[] = ['none', 'facing'];

/** Page geometry in millimetres. */
export interface PageMargins {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

/** Where line numbering restarts: each page, each document, or each section. */
export type LineNumberRestart = 'page' | 'document' | 'section';

export const LINE_NUMBER_RESTARTS: readonly LineNumberRestart[] = ['page', 'document', 'section'];

/** The part of a ProseMirror node the section rule reads. */
export interface SectionNode {
  type: { name: string };
  attrs: Record<string, unknown>;
  forEach(f: (child: SectionNode) => void): void;
}

/**
 * The heading a top-level `div` begins its section with: the first `heading` among
 * its own children, or null when the node is not a `teiBlock` named `div` or has none.
 */
export function divHead(node: SectionNode): SectionNode | null {
  if (node.type.name !== 'teiBlock' || node.attrs['name'] !== 'div') return null;
  let head: SectionNode | null = null;
  node.forEach((child) => {
    if (head === null && child.type.name === 'heading') head = child;
  });
  return head;
}

/**
 * Whether a block node (outside notes) begins a section for
 * `lineNumberRestart: 'section'`; a document's start always does. `topLevel`: the
 * node is a direct child of the document. A heading claimed by its div (`divHead`)
 * does not begin another section: the caller skips it.
 */
export function beginsSection(node: SectionNode, topLevel: boolean): boolean {
  return node.type.name === 'heading' || (topLevel && divHead(node) !== null);
}

export type PageSizeName = 'A4' | 'A5' | 'Letter' | 'Royal';

export interface PrintSettings {
  /** A named size or explicit millimetres. Default A4. */
  pageSize?: PageSizeName | { width: number; height: number };
  margins?: Partial<PageMargins>;
  /** CSS font-family of the text; the shipped faces are listed in resources/fonts. */
  fontFamily?: string;
  fontSizePt?: number;
  /** Baseline-to-baseline distance of the text. */
  leadingPt?: number;
  /** Print a line number every n lines (default 5). */
  lineNumberInterval?: number;
  /** Margin of the line numbers; 'outer' and 'inner' alternate between recto and verso. */
  lineNumberSide?: 'left' | 'right' | 'outer' | 'inner';
  /**
   * Book pages: `margins.left` is the inner (binding) margin and `margins.right` the
   * outer one on recto (odd) pages, swapped on verso pages; verso running heads give
   * the edition's title, recto ones the document's. Default false.
   */
  mirrorMargins?: boolean;
  /**
   * Where line numbering starts again at 1 (default 'page'). 'document': at each
   * document's first line. 'section': at each section's first line, where a section
   * begins (`beginsSection`) at a document's start, at every `heading` node
   * outside notes, and at a `teiBlock` named `div` that is a direct child of the
   * document and holds a `heading` among its own children (its first block then
   * begins the section, and that heading does not begin another). Apparatus labels
   * use the same numbers.
   */
  lineNumberRestart?: LineNumberRestart;
  /** Which note types (`note/@type`) print as footnotes; null prints all. */
  noteTypes?: string[] | null;
  /** BCP 47 language of the text, for hyphenation (`en`, `de`, `la`, `grc`...). */
  language?: string;
  /** Lemmata longer than this many words print as "first … last". */
  lemmaAbbreviateWords?: number;
  /** Print an index of persons, places and organisations. Default true. */
  index?: boolean;
  /** Give line numbers in the index as well as pages ("12.5" for page 12, line 5). Default false. */
  indexLines?: boolean;
  /** Start each document on a new page (default); false runs documents on. */
  documentStartsPage?: boolean;
  /**
   * 'facing': each page break whose `facs` names a page image of its document begins
   * a new recto, and the image (scaled to the text block, its label under it) prints
   * on the verso before it, a blank page going between where the text ends on a
   * verso. Default 'none'.
   */
  facsimile?: FacsimilePrint;
}

export interface PrintEdition {
  title: string;
  subtitle?: string;
  /** Plain text, paragraphs separated by blank lines. */
  introduction?: string;
  witnesses: Witness[];
  documents: PrintDocument[];
  settings: PrintSettings;
  /**
   * Names for register ids (`mention` marks' `ref`), as the index should print them
   * ("Grew, Joseph C."); a mention whose id is not here is named by its own words.
   */
  register?: ReadonlyArray<{ id: string; name: string }>;
}

export type ResolvedPrintSettings = {
  pageWidthMm: number;
  pageHeightMm: number;
  margins: PageMargins;
  fontFamily: string;
  fontSizePt: number;
  leadingPt: number;
  lineNumberInterval: number;
  lineNumberSide: 'left' | 'right' | 'outer' | 'inner';
  mirrorMargins: boolean;
  lineNumberRestart: LineNumberRestart;
  noteTypes: string[] | null;
  language: string;
  lemmaAbbreviateWords: number;
  index: boolean;
  indexLines: boolean;
  documentStartsPage: boolean;
  facsimile: FacsimilePrint;
};

const PAGE_SIZES: Record<PageSizeName, { width: number; height: number }> = {
  A4: { width: 210, height: 297 },
  A5: { width: 148, height: 210 },
  Letter: { width: 215.9, height: 279.4 },
  Royal: { width: 156, height: 234 },
};

/**
 * The fonts shipped in resources/fonts: Gentium Book Plus, with Noto Serif for the early
 * and medieval Latin characters it lacks, and fallbacks for Hebrew and Arabic.
 */
export const DEFAULT_FONT_FAMILY = "'Gentium Book Plus', 'Noto Serif', 'Noto Serif Hebrew', 'Noto Naskh Arabic', serif";

/**
 * Fills in defaults and checks ranges. Settings come from a user's form, so one out
 * of range throws a SiglumError ('bad-input') that names it.
 */
export function resolvePrintSettings(s: PrintSettings): ResolvedPrintSettings {
  const size = typeof s.pageSize === 'object' ? s.pageSize : PAGE_SIZES[s.pageSize ?? 'A4'];
  if (!size)
    throw new SiglumError(
      'bad-input',
      `Unknown page size ${String(s.pageSize)}: use A4, A5, Letter, Royal or millimetres.`,
    );
  const margins: PageMargins = {
    top: 25,
    bottom: 22,
    left: 30,
    right: 25,
    ...s.margins,
  };
  const fontSizePt = s.fontSizePt ?? 11;
  const resolved: ResolvedPrintSettings = {
    pageWidthMm: size.width,
    pageHeightMm: size.height,
    margins,
    fontFamily: s.fontFamily ?? DEFAULT_FONT_FAMILY,
    fontSizePt,
    leadingPt: s.leadingPt ?? Math.round(fontSizePt * 1.3 * 10) / 10,
    lineNumberInterval: s.lineNumberInterval ?? 5,
    lineNumberSide: s.lineNumberSide ?? 'left',
    mirrorMargins: s.mirrorMargins ?? false,
    lineNumberRestart: s.lineNumberRestart ?? 'page',
    noteTypes: s.noteTypes ?? null,
    language: s.language ?? 'en',
    lemmaAbbreviateWords: s.lemmaAbbreviateWords ?? 3,
    index: s.index ?? true,
    indexLines: s.indexLines ?? false,
    documentStartsPage: s.documentStartsPage ?? true,
    facsimile: s.facsimile ?? 'none',
  };
  const textWidth = size.width - margins.left - margins.right;
  const textHeight = size.height - margins.top - margins.bottom;
  if (textWidth < 40 || textHeight < 60) {
    throw new SiglumError(
      'bad-input',
      `The margins leave a text block of ${textWidth}×${textHeight} mm; it needs at least 40×60 mm.`,
    );
  }
  if (!(fontSizePt >= 6 && fontSizePt <= 24))
    throw new SiglumError('bad-input', `Font size ${fontSizePt}pt is outside 6–24pt.`);
  if (!(resolved.leadingPt >= fontSizePt)) {
    throw new SiglumError('bad-input', `Leading ${resolved.leadingPt}pt is less than the font size ${fontSizePt}pt.`);
  }
  if (!LINE_NUMBER_RESTARTS.includes(resolved.lineNumberRestart)) {
    throw new SiglumError(
      'bad-input',
      `Line numbers restart per page, document or section, not ${String(resolved.lineNumberRestart)}.`,
    );
  }
  if (!FACSIMILE_PRINTS.includes(resolved.facsimile)) {
    throw new SiglumError(
      'bad-input',
      `Page images print 'none' or 'facing' (opposite their text), not ${String(resolved.facsimile)}.`,
    );
  }
  if (!Number.isInteger(resolved.lineNumberInterval) || resolved.lineNumberInterval < 1) {
    throw new SiglumError(
      'bad-input',
      `The line-number interval must be a whole number of at least 1, not ${resolved.lineNumberInterval}.`,
    );
  }
  return resolved;
}

/** A note or apparatus entry that did not print on the page of its call or lemma. */
export interface Misplaced {
  kind: 'note' | 'apparatus';
  /** Index of the document in `PrintEdition.documents`. */
  document: number;
  /** Index of the entry among the document's apparatus entries, or of the note among its printed notes. */
  index: number;
  /** Page of the call or lemma, if it was found in the text. */
  lemmaPage: number | null;
  /** Page where the entry printed, if it printed. */
  printedPage: number | null;
  reason: string;
}

/** What one typeset page holds, for reports and tests. */
export interface PageSummary {
  /** 1-based physical page number (the title page is 1). */
  number: number;
  /** 'facsimile': a page image opposite its text; 'blank': left empty so that the next page is a verso. */
  kind: 'title' | 'front' | 'text' | 'index' | 'facsimile' | 'blank';
  /** Document index for text pages. */
  document: number | null;
  /** Printed line numbers of the lines on the page that carry one (text pages). */
  firstLine: number | null;
  lastLine: number | null;
  /** Numbered lines on the page. */
  lineCount: number;
  notes: Array<{ document: number; index: number; mark: string }>;
  apparatus: Array<{ document: number; index: number; label: string }>;
}

export interface IndexEntry {
  kind: 'person' | 'place' | 'org';
  name: string;
  pages: number[];
  /** Every mention's page and printed line number (null on an unnumbered line), in order. */
  refs: Array<{ page: number; line: number | null }>;
}

/** The outcome of laying out an edition. */
export interface LayoutReport {
  pages: number;
  placed: { notes: number; apparatus: number };
  misplaced: Misplaced[];
  pageSummaries: PageSummary[];
  index: IndexEntry[];
  /** Milliseconds the paginator spent reading lines, finding anchors, filling pages, checking them. */
  timings: Record<string, number>;
}
