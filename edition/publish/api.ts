/**
 * The part of the API contract about the edition: PDF, HTML and LaTeX exports, their
 * previews and the print settings (types, the argument schemas, and the method
 * names), merged into SiglumApi by edition/api.ts.
 */
import * as v from 'valibot';
import { fields, opaque, type ArgsIn } from '../args.ts';
import { targetArgs } from '../exportTarget.ts';

/** What `exportEdition` writes: a typeset PDF, a static HTML edition (a folder) or a reledmac `.tex` file. */
export type EditionFormat = 'pdf' | 'html' | 'latex';

/**
 * A project's print settings, as stored and as the settings form edits them (every
 * field filled; `updatePrintSettings` takes any subset). Lengths in millimetres.
 */
export interface ProjectPrintSettings {
  /** The title page's title and subtitle; null takes them from what is exported (volume, document, project). */
  title: string | null;
  subtitle: string | null;
  /** Printed after the title page (plain text, paragraphs separated by blank lines); null for none. */
  introduction: string | null;
  /** A named size (A4, A5, Letter, Royal) or explicit millimetres. */
  pageSize: 'A4' | 'A5' | 'Letter' | 'Royal' | { width: number; height: number };
  margins: { top: number; bottom: number; left: number; right: number };
  /** CSS font family of the text; the default is the shipped Gentium Book Plus. */
  fontFamily: string;
  fontSizePt: number;
  /** Baseline to baseline; null: 1.3 times the font size. */
  leadingPt: number | null;
  /** A line number every n lines. */
  lineNumberInterval: number;
  /** 'outer' and 'inner' alternate between recto and verso. */
  lineNumberSide: 'left' | 'right' | 'outer' | 'inner';
  /** Where numbering starts again at 1; a section begins at a document's start and at each heading (edition/print/model.ts). */
  lineNumberRestart: 'page' | 'document' | 'section';
  /** Book pages: margins and running heads alternate between recto and verso. */
  mirrorMargins: boolean;
  /** The apparatus series that print (A, B or both). */
  apparatusSeries: Array<'A' | 'B'>;
  /** Entry types (`app/@type`) set in series B; every other entry is series A. */
  seriesBTypes: string[];
  /** Which note types (`note/@type`) print; null prints every note. */
  noteTypes: string[] | null;
  /** BCP 47 language of the text, for hyphenation. */
  language: string;
  /** An index of persons, places and organisations (PDF). */
  index: boolean;
  /** Line numbers in the index as well as pages. */
  indexLines: boolean;
  /** Each document starts a new page (false runs documents on). */
  documentStartsPage: boolean;
  /**
   * Page images in the PDF: 'facing' prints each page's image on a verso opposite the
   * recto where its transcription begins (edition/print/model.ts); 'none' prints none.
   */
  facsimile: 'none' | 'facing';
}

/** A note or apparatus entry that did not print on the page of its call or lemma. */
export interface ExportMisplaced {
  kind: 'note' | 'apparatus';
  documentId: string;
  /** The document's title. */
  document: string;
  /** The entry among the document's apparatus entries, or the note among its printed notes (0-based). */
  index: number;
  /** Page of the call or lemma, if found; page where it printed, if it did. */
  lemmaPage: number | null;
  printedPage: number | null;
  reason: string;
}

/** An apparatus entry that could not be set at all (its lemma lies in a note, say). */
export interface ExportRejected {
  documentId: string;
  document: string;
  index: number;
  reason: string;
}

export interface ExportResult {
  /** The id the progress events of this export carry. */
  id: string;
  format: EditionFormat;
  /** The PDF or `.tex` file, or the HTML edition's folder. */
  path: string;
  /** HTML: the page to open (`index.html`) and how many files were written. */
  index?: string;
  files?: number;
  /** PDF: how many pages. */
  pages?: number;
  /** Notes and apparatus entries set where they belong (PDF: on the page of their call or lemma). */
  placed: { notes: number; apparatus: number };
  /** PDF: every note or entry not on its page; never dropped silently. Empty for HTML and LaTeX. */
  misplaced: ExportMisplaced[];
  rejected: ExportRejected[];
  /** Things the user should know that are not errors (no apparatus in the project, ...). */
  warnings: string[];
}

/** A PDF made for the export dialog's preview, with the same counts as an export. */
export type PdfPreview = Omit<ExportResult, 'path' | 'index' | 'files' | 'format'> & {
  /** The PDF itself, base64; show it as a `blob:` (application/pdf). */
  pdfBase64: string;
};

/** The most pages one `previewPages` call draws. */
export const MAX_PREVIEW_PAGES = 12;

/**
 * Pages of the edition as images for the export dialog, laid out as the PDF lays them
 * out, with the same counts as an export (`pages` is the whole edition's count).
 */
export type PagePreview = Omit<ExportResult, 'path' | 'index' | 'files' | 'format'> & {
  pages: number;
  /** The first page drawn (1-based). */
  first: number;
  /** PNG data URLs (`data:image/png;base64,...`), pages `first`, `first + 1`, ... */
  images: string[];
};

/**
 * `exportEdition`'s argument: what, in which format, where; `id` names its progress events.
 * `ifExists`: when something is already at `outPath`, 'replace' it (the default, as an
 * explicit path on the command line asks) or 'rename': write beside it with the first free
 * `-2`, `-3`... name, which the result's `path` gives (the window never overwrites silently).
 */
export type ExportEditionArgs = PublishIn<'exportEdition'>;

const EDITION_FORMATS: readonly EditionFormat[] = ['pdf', 'html', 'latex'];

/** An export's `id`, naming its progress events; a new one when none is given. */
function exportId() {
  return v.pipe(
    v.optional(opaque<string>()),
    v.check(
      (id) => typeof id !== 'string' || id.length <= 200,
      'An export\'s "id" names its progress events: at most 200 characters.',
    ),
    v.transform((id) => (typeof id === 'string' && id !== '' ? id : undefined)),
  );
}

/** A whole number of previewPages from `min` to `max`, `fallback` when left out. */
function pageArg(key: string, min: number, max: number, fallback: number) {
  const message = (issue: v.BaseIssue<unknown>) =>
    `previewPages needs "${key}" as a whole number from ${min} to ${max}, not ${JSON.stringify(issue.input)}.`;
  return v.optional(
    v.pipe(v.number(message), v.integer(message), v.minValue(min, message), v.maxValue(max, message)),
    fallback,
  );
}

/** The arguments of the edition's methods (PDF, HTML, LaTeX) and the print settings. */
export const PUBLISH_ARGS = {
  exportEdition: targetArgs({
    format: v.picklist(
      EDITION_FORMATS,
      (issue) => `exportEdition needs "format" as pdf, html or latex, not ${JSON.stringify(issue.input)}.`,
    ),
    outPath: v.pipe(
      v.string('exportEdition needs "outPath": the file (PDF, LaTeX) or folder (HTML) to write.'),
      v.check(
        (p) => p.trim() !== '',
        'exportEdition needs "outPath": the file (PDF, LaTeX) or folder (HTML) to write.',
      ),
    ),
    ifExists: v.nullish(
      v.picklist(
        ['replace', 'rename'] as const,
        (issue) => `exportEdition's "ifExists" is "replace" or "rename", not ${JSON.stringify(issue.input)}.`,
      ),
      'replace',
    ),
    id: exportId(),
  }),
  previewPdf: targetArgs({ id: exportId(), settings: v.optional(opaque<Partial<ProjectPrintSettings>>()) }),
  previewPages: targetArgs({
    id: exportId(),
    settings: v.optional(opaque<Partial<ProjectPrintSettings>>()),
    first: pageArg('first', 1, Number.MAX_SAFE_INTEGER, 1),
    count: pageArg('count', 1, MAX_PREVIEW_PAGES, MAX_PREVIEW_PAGES),
  }),
  getPrintSettings: fields({}),
  /** The settings are checked field by field as they are applied (electron/service/print-settings.ts). */
  updatePrintSettings: fields({ settings: opaque<Partial<ProjectPrintSettings>>() }),
};

type PublishIn<M extends keyof typeof PUBLISH_ARGS> = ArgsIn<(typeof PUBLISH_ARGS)[M]>;

/** The edition's methods of SiglumApi. */
export interface PublishApi {
  /**
   * Writes the edition of a document, a collection or the project as a PDF, a static
   * HTML edition (a folder) or a LaTeX file at `outPath`, with the project's print
   * settings. Progress comes as 'export-progress' events carrying `id`. Nothing is
   * written when it rejects (a path that cannot be written is 'io', with a sentence).
   */
  exportEdition(args: ExportEditionArgs): Promise<ExportResult>;
  /**
   * The PDF `exportEdition` would write, returned rather than written (for a preview in
   * the export dialog); `settings` tries unsaved settings without storing them.
   */
  previewPdf(args: PublishIn<'previewPdf'>): Promise<PdfPreview>;
  /**
   * Pages `first` (default 1) to `first + count - 1` (count default and at most
   * MAX_PREVIEW_PAGES) of the PDF `exportEdition` would write, as PNG images, with its
   * counts. Progress comes as 'export-progress' events carrying `id` (phase 'images'
   * while pages are drawn). Nothing is written.
   */
  previewPages(args: PublishIn<'previewPages'>): Promise<PagePreview>;
  /** The project's print settings, defaults filled in. */
  getPrintSettings(args: PublishIn<'getPrintSettings'>): Promise<ProjectPrintSettings>;
  /** Changes some print settings; a bad value rejects ('bad-input') naming it, and nothing is saved. */
  updatePrintSettings(args: PublishIn<'updatePrintSettings'>): Promise<ProjectPrintSettings>;
}

/** The methods of PublishApi, once (spread into API_METHODS). */
export const PUBLISH_METHODS = [
  'exportEdition',
  'previewPdf',
  'previewPages',
  'getPrintSettings',
  'updatePrintSettings',
] as const satisfies ReadonlyArray<keyof PublishApi>;

/** The phases of an export, in order: reading documents, building, layout (PDF), printing (PDF), writing, done. */
export type ExportPhase = 'documents' | 'build' | 'layout' | 'pdf' | 'images' | 'write' | 'done';

/** How far an `exportEdition` call has got: `done` of `total` steps, in `phase`. */
export type PublishEvent = { type: 'export-progress'; id: string; done: number; total: number; phase: ExportPhase };
