/**
 * An edition as one HTML page, ready for the in-page paginator (browser/paginate.ts): the title
 * page, a front-matter flow (witnesses, introduction), one flow per document, the
 * footnote bodies in a store, and the apparatus as JSON.
 *
 * Every line-holding element is a "leaf block" (`.blk`) styled by its own classes
 * only, so that the paginator can clone it onto a page and get the same line breaks.
 * Note calls are `<sup class="call">`; lemma starts and ends are empty `<span>`
 * markers at the entry's document positions; names of persons, places and
 * organisations (`mention` marks, or `teiMark` persName/placeName/orgName) carry
 * `data-ent` for the index. With line numbering per section, the first leaf block of
 * each section (model.ts `beginsSection`) carries the class `sec`.
 */
import { Node as PMNode, type Mark } from 'prosemirror-model';
import { schema } from '../schema.ts';
import { abbreviateLemma, escapeHtml } from './apparatus.ts';
import { SiglumError } from '../errors.ts';
import { kindOfElement } from '../entities/model.ts';
import { facsIds, facsOf } from '../facsimile/links.ts';
import type { Hyphenate } from './hyphenate.ts';
import {
  beginsSection,
  divHead,
  type Misplaced,
  type PrintEdition,
  type PrintPageImage,
  type ResolvedPrintSettings,
} from './model.ts';

/** The JSON the paginator reads from `#print-data`. */
export interface PrintData {
  documents: Array<{
    title: string;
    notes: Array<{ mark: string }>;
    apparatus: Array<{
      series: 'A' | 'B';
      lemma: string;
      readings: Array<{ text: string; sigla: string[] }>;
    } | null>;
  }>;
  entities: Array<{ kind: 'person' | 'place' | 'org'; name: string }>;
  /**
   * Page images to print opposite their text (`facsimile: 'facing'`), numbered as the
   * page breaks' `data-facs` and the images of `#facs-store` name them.
   */
  pageImages: Array<{ label: string; width: number; height: number }>;
}

export interface PrintHtml {
  html: string;
  data: PrintData;
  /** Entries that cannot print at all (positions outside the text, inside a note...). */
  rejected: Misplaced[];
}

/** The kinds the print indexes list. */
function printedKind(kind: string | null): 'person' | 'place' | 'org' | null {
  return kind === 'person' || kind === 'place' || kind === 'org' ? kind : null;
}

interface Marker {
  pos: number;
  html: string;
}

class DocRenderer {
  private notes: Array<{ mark: string }> = [];
  readonly noteBodies: string[] = [];
  private markers: Marker[] = [];
  private markerAt = 0;

  constructor(
    private readonly docIndex: number,
    private readonly settings: ResolvedPrintSettings,
    private readonly hyphenate: Hyphenate,
    private readonly entityIndex: (kind: 'person' | 'place' | 'org', key: string, name: string) => number,
    markers: Marker[],
    private readonly pageImageIndex: (surface: string, n: string | null) => number | null = () => null,
  ) {
    this.markers = [...markers].sort((a, b) => a.pos - b.pos);
  }

  get printedNotes(): Array<{ mark: string }> {
    return this.notes;
  }

  /** HTML of the markers that sit at `pos` (consumed in order). */
  private markersUpTo(pos: number): string {
    let html = '';
    while (this.markerAt < this.markers.length && this.markers[this.markerAt]!.pos <= pos) {
      html += this.markers[this.markerAt]!.html;
      this.markerAt++;
    }
    return html;
  }

  /** A section has begun and its first leaf block is still to come. */
  private sectionPending = false;
  /** Headings whose top-level div has already begun their section. */
  private claimedHeads = new Set<PMNode>();

  /** The class of a leaf block that begins a section (`lineNumberRestart: 'section'`). */
  private sectionClass(inNote: boolean): string {
    if (inNote || !this.sectionPending || this.settings.lineNumberRestart !== 'section') return '';
    this.sectionPending = false;
    return ' sec';
  }

  renderDoc(doc: PMNode): string {
    let html = '';
    this.sectionPending = true;
    doc.forEach((child, offset) => {
      if (beginsSection(child, true)) {
        this.sectionPending = true;
        const head = divHead(child);
        if (head) this.claimedHeads.add(head as PMNode);
      }
      html += this.block(child, offset, false);
    });
    return html;
  }

  private block(node: PMNode, pos: number, inNote: boolean, extraClass = ''): string {
    const start = pos + 1;
    if (!inNote && node.type.name === 'heading' && !this.claimedHeads.has(node)) this.sectionPending = true;
    const leaf = (tag: string, cls: string, prefix = ''): string => {
      const open = `<${tag} class="blk ${cls}${extraClass}${this.sectionClass(inNote)}">`;
      const content = this.inLeaf(inNote ? null : { tag, cls: `blk ${cls}${extraClass} cont` }, () =>
        this.inline(node, start, inNote),
      );
      return `${open}${prefix}${content}${inNote ? '' : this.markersUpTo(start + node.content.size)}</${tag}>`;
    };
    switch (node.type.name) {
      case 'heading': {
        // Headings are centred and become PDF bookmarks: no soft hyphens.
        this.hyphenateText = false;
        const html = leaf('h2', 'heading unnum');
        this.hyphenateText = true;
        return html;
      }
      case 'paragraph':
        return leaf('p', 'para');
      case 'sourceNote':
        return leaf('div', 'source unnum');
      case 'dateline':
        return leaf('div', 'dateline');
      case 'salute':
        return leaf('div', 'salute');
      case 'signed':
        return leaf('div', 'signed');
      case 'teiText':
      case 'label':
      case 'item':
        return leaf('div', 'text');
      case 'list': {
        let html = '';
        let label = '';
        node.forEach((child, offset) => {
          const childPos = start + offset;
          if (child.type.name === 'label') {
            label = `<span class="label">${this.inline(child, childPos + 1, inNote)}</span> `;
          } else {
            const content = this.inLeaf(inNote ? null : { tag: 'div', cls: `blk item${extraClass} cont` }, () =>
              this.inline(child, childPos + 1, inNote),
            );
            const end = inNote ? '' : this.markersUpTo(childPos + 1 + child.content.size);
            html += `<div class="blk item${extraClass}${this.sectionClass(inNote)}">${label}${content}${end}</div>`;
            label = '';
          }
        });
        return html;
      }
      default: {
        // opener, closer, teiBlock: containers whose children are the leaf blocks.
        let html = '';
        node.forEach((child, offset) => {
          html += this.block(child, start + offset, inNote, extraClass);
        });
        return html;
      }
    }
  }

  /**
   * The leaf block whose content is being written, as a page break with a page image
   * reopens it (`</p><p class="blk para cont">`): its transcription then begins a block
   * of its own, which the paginator starts on a recto. Null inside notes and labels.
   */
  private openLeaf: { tag: string; cls: string } | null = null;

  private inLeaf(leaf: { tag: string; cls: string } | null, write: () => string): string {
    const outer = this.openLeaf;
    this.openLeaf = leaf;
    try {
      return write();
    } finally {
      this.openLeaf = outer;
    }
  }

  private inline(parent: PMNode, start: number, inNote: boolean): string {
    let html = '';
    const leaf = this.openLeaf;
    parent.forEach((child, offset) => {
      const pos = start + offset;
      if (child.isText) {
        html += this.text(child.text ?? '', child.marks, pos, inNote);
        return;
      }
      // The page image's index, for a page break that prints one opposite its text.
      const facs =
        !inNote && leaf !== null && child.type.name === 'pageBreak'
          ? this.pageImageFor(child.attrs['n'] as string | null, facsOf(child))
          : null;
      if (facs !== null && offset > 0) html += `</${leaf!.tag}><${leaf!.tag} class="${leaf!.cls}">`;
      if (!inNote) html += this.markersUpTo(pos);
      switch (child.type.name) {
        case 'note':
          html += this.note(child, pos);
          break;
        case 'lineBreak':
          html += '<br>';
          break;
        case 'pageBreak': {
          const n = child.attrs['n'] as string | null;
          const data = facs === null ? '' : ` data-facs="${facs}"`;
          html += `<span class="pb"${data}>|${n === null ? '' : `<sup>${escapeHtml(n)}</sup>`}</span>`;
          break;
        }
        case 'teiInline':
          if (child.attrs['name'] === 'gap') html += '[…]';
          break;
        default:
          break;
      }
    });
    return html;
  }

  /** The print index of the first page image `facs` names, or null when it names none of the document's. */
  private pageImageFor(n: string | null, facs: string | null): number | null {
    const surface = facsIds(facs)[0];
    return surface === undefined ? null : this.pageImageIndex(surface, n);
  }

  private hyphenateText = true;

  private hyphenated(text: string): string {
    return this.hyphenateText ? this.hyphenate(text) : text;
  }

  private text(text: string, marks: readonly Mark[], pos: number, inNote: boolean): string {
    let html = '';
    let at = 0;
    if (!inNote) {
      // Split the text where markers fall, so each marker sits between characters.
      while (this.markerAt < this.markers.length && this.markers[this.markerAt]!.pos < pos + text.length) {
        const cut = Math.max(0, this.markers[this.markerAt]!.pos - pos);
        if (cut > at) html += escapeHtml(this.hyphenated(text.slice(at, cut)));
        at = Math.max(at, cut);
        html += this.markers[this.markerAt]!.html;
        this.markerAt++;
      }
    }
    html += escapeHtml(this.hyphenated(text.slice(at)));
    for (const mark of marks) html = this.wrapMark(mark, html, text);
    return html;
  }

  private wrapMark(mark: Mark, html: string, text: string): string {
    switch (mark.type.name) {
      case 'italic':
        return `<i>${html}</i>`;
      case 'bold':
        return `<b>${html}</b>`;
      case 'smallcaps':
        return `<span class="sc">${html}</span>`;
      case 'superscript':
        return `<sup>${html}</sup>`;
      case 'teiMark': {
        // A name element as the importer reads it (persName, placeName, orgName).
        const kind = printedKind(kindOfElement(String(mark.attrs['name'])));
        if (!kind) return html;
        const xml = (mark.attrs['xml'] ?? []) as ReadonlyArray<readonly [string, string]>;
        const key = xml.find(([k]) => k === 'key' || k === 'ref')?.[1] ?? null;
        return this.entity(kind, key, text, html);
      }
      case 'mention': {
        const kind = printedKind(String(mark.attrs['kind']));
        if (!kind) return html;
        return this.entity(kind, (mark.attrs['ref'] as string | null) ?? null, text, html);
      }
      default:
        return html;
    }
  }

  /** An index entry is keyed by its register id when it has one, else by its words. */
  private entity(kind: 'person' | 'place' | 'org', ref: string | null, text: string, html: string): string {
    const name = text.trim().replace(/\s+/g, ' ');
    const index = this.entityIndex(kind, ref ?? name, name);
    return `<span class="ent" data-ent="${index}">${html}</span>`;
  }

  private note(node: PMNode, pos: number): string {
    const type = node.attrs['type'] as string | null;
    const printTypes = this.settings.noteTypes;
    if (printTypes !== null && !printTypes.includes(type ?? '')) return '';
    const index = this.notes.length;
    const mark = String(index + 1);
    this.notes.push({ mark });
    let body = '';
    node.forEach((child, offset) => {
      body += this.block(child, pos + 1 + offset, true, ' fnp');
    });
    this.noteBodies.push(
      `<div class="fn" data-note="${this.docIndex}-${index}"><span class="fn-n">${mark}.</span>${body}</div>`,
    );
    return `<sup class="call" data-note="${this.docIndex}-${index}">${mark}</sup>`;
  }
}

/** Document positions that lie inside a note's content: lemmata may not start there. */
function noteRanges(doc: PMNode): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  doc.descendants((node, pos) => {
    if (node.type.name === 'note') {
      ranges.push([pos, pos + node.nodeSize]);
      return false;
    }
    return true;
  });
  return ranges;
}

function paragraphs(text: string, hyphenate: Hyphenate): string {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter((p) => p !== '')
    .map((p) => `<p class="blk para">${escapeHtml(hyphenate(p.replace(/\s+/g, ' ')))}</p>`)
    .join('');
}

/** Entities of an edition, numbered in order of first mention; shared by its documents. */
export class EntityTable {
  readonly entries: PrintData['entities'] = [];
  private readonly keys = new Map<string, number>();
  private readonly names: ReadonlyMap<string, string>;

  constructor(register: ReadonlyArray<{ id: string; name: string }> = []) {
    this.names = new Map(register.map((r) => [r.id, r.name]));
  }

  /**
   * The number of the entity. The index prints its register name when `ref` is a
   * register id, else the words of its first mention.
   */
  add(kind: 'person' | 'place' | 'org', ref: string, name: string): number {
    const key = `${kind}\u0000${ref}`;
    let i = this.keys.get(key);
    if (i === undefined) {
      i = this.entries.length;
      this.entries.push({ kind, name: this.names.get(ref) ?? name });
      this.keys.set(key, i);
    }
    return i;
  }
}

/**
 * The page images an edition prints opposite their text, numbered in order of their
 * page breaks; each surface once (a second page break on it prints no second image).
 */
export class PageImageTable {
  readonly entries: PrintData['pageImages'] = [];
  /** `<img>` elements for `#facs-store`, index for index. */
  readonly images: string[] = [];
  private readonly taken = new Set<PrintPageImage>();

  /** The index of `image` printed with `label`, or null when it is printed already. */
  add(image: PrintPageImage, label: string | null): number | null {
    // The print page loads nothing from outside: an image comes as a data URL or not at all.
    if (this.taken.has(image) || !/^data:image\/(jpeg|png);base64,/.test(image.src)) return null;
    this.taken.add(image);
    const k = this.entries.length;
    this.entries.push({ label: label ?? image.n ?? '', width: image.width, height: image.height });
    this.images.push(`<img data-facs="${k}" src="${escapeHtml(image.src)}" alt="">`);
    return k;
  }
}

/** One document as HTML: its leaf blocks, note bodies, apparatus data and rejected entries. */
export interface RenderedDocument {
  body: string;
  noteBodies: string[];
  data: PrintData['documents'][number];
  rejected: Misplaced[];
  /** The document's text, notes included, for search. */
  text: string;
}

/**
 * Renders document `d` of an edition: leaf blocks with note calls, lemma markers and
 * entity spans (see the module comment). JSON that does not fit the schema throws a
 * SiglumError ('bad-input') naming the document.
 */
export function renderDocument(
  document: PrintEdition['documents'][number],
  d: number,
  settings: ResolvedPrintSettings,
  hyphenate: Hyphenate,
  entities: EntityTable,
  pageImages: PageImageTable = new PageImageTable(),
): RenderedDocument {
  const rejected: Misplaced[] = [];
  let doc: PMNode;
  try {
    doc = PMNode.fromJSON(schema, document.doc);
    doc.check();
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    throw new SiglumError(
      'bad-input',
      `The document “${document.title}” cannot be printed: its content does not fit the schema (${reason}).`,
    );
  }
  const inNotes = noteRanges(doc);
  const markers: Marker[] = [];
  const apparatus: PrintData['documents'][number]['apparatus'] = [];
  document.apparatus.forEach((entry, k) => {
    const reason =
      !(Number.isInteger(entry.from) && Number.isInteger(entry.to)) || entry.from > entry.to
        ? `its positions ${entry.from}–${entry.to} are not a range`
        : entry.from < 0 || entry.to > doc.content.size
          ? `its positions ${entry.from}–${entry.to} lie outside the document (size ${doc.content.size})`
          : inNotes.some(([a, b]) => entry.from > a && entry.from < b)
            ? 'its lemma lies inside a note'
            : null;
    if (reason !== null) {
      rejected.push({
        kind: 'apparatus',
        document: d,
        index: k,
        lemmaPage: null,
        printedPage: null,
        reason,
      });
      apparatus.push(null);
      return;
    }
    // End markers sort before start markers at the same position (stable sort keeps push order).
    markers.push({
      pos: entry.to,
      html: `<span class="ae" data-app="${d}-${k}"></span>`,
    });
    markers.push({
      pos: entry.from,
      html: `<span class="as" data-app="${d}-${k}"></span>`,
    });
    apparatus.push({
      series: entry.series,
      lemma: abbreviateLemma(entry.lemma, settings.lemmaAbbreviateWords),
      readings: entry.readings.map((r) => ({
        text: r.text,
        sigla: [...r.sigla],
      })),
    });
  });
  const images = new Map(
    settings.facsimile === 'facing' ? (document.pageImages ?? []).map((image) => [image.surface, image]) : [],
  );
  const renderer = new DocRenderer(
    d,
    settings,
    hyphenate,
    (kind, ref, name) => entities.add(kind, ref, name),
    markers,
    (surface, n) => {
      const image = images.get(surface);
      return image === undefined ? null : pageImages.add(image, n);
    },
  );
  const body = renderer.renderDoc(doc);
  return {
    body,
    noteBodies: renderer.noteBodies,
    data: { title: document.title, notes: renderer.printedNotes, apparatus },
    rejected,
    text: doc.textBetween(0, doc.content.size, '\n', ' '),
  };
}

/**
 * Builds the print HTML of an edition. `css` is the full stylesheet (print CSS and
 * @font-face rules with their font data); the geometry comes from `settings`.
 * Throws a SiglumError ('bad-input') for a document whose JSON does not fit the schema.
 */
export function buildPrintHtml(
  edition: PrintEdition,
  settings: ResolvedPrintSettings,
  options: { css: string; hyphenate: Hyphenate },
): PrintHtml {
  const { hyphenate } = options;
  const rejected: Misplaced[] = [];
  const entities = new EntityTable(edition.register);
  const pageImages = new PageImageTable();
  const data: PrintData = { documents: [], entities: entities.entries, pageImages: pageImages.entries };
  const flows: string[] = [];
  const noteStore: string[] = [];

  edition.documents.forEach((document, d) => {
    const r = renderDocument(document, d, settings, hyphenate, entities, pageImages);
    rejected.push(...r.rejected);
    noteStore.push(...r.noteBodies);
    data.documents.push(r.data);
    flows.push(`<div class="document" data-doc="${d}" data-head="${escapeHtml(document.title)}">${r.body}</div>`);
  });
  // Each document in a flow of its own starts a page; run on, they share one flow.
  const textFlows = settings.documentStartsPage
    ? flows.map((f) => `<section class="flow col" data-kind="text">${f}</section>`)
    : [`<section class="flow col" data-kind="text">${flows.join('')}</section>`];

  const witnesses = edition.witnesses
    .map(
      (w) =>
        `<div class="blk wit"><span class="wit-s">${escapeHtml(w.siglum)}</span>${escapeHtml(w.description)}</div>`,
    )
    .join('');
  const front =
    (edition.witnesses.length > 0 ? `<h2 class="blk heading unnum">Witnesses</h2>${witnesses}` : '') +
    (edition.introduction
      ? `<h2 class="blk heading unnum">Introduction</h2>${paragraphs(edition.introduction, hyphenate)}`
      : '');

  const s = settings;
  const vars =
    `--page-w:${s.pageWidthMm}mm;--page-h:${s.pageHeightMm}mm;--m-top:${s.margins.top}mm;` +
    `--m-bottom:${s.margins.bottom}mm;--m-left:${s.margins.left}mm;--m-right:${s.margins.right}mm;` +
    `--text-w:${s.pageWidthMm - s.margins.left - s.margins.right}mm;` +
    `--font:${s.fontFamily};--size:${s.fontSizePt}pt;--lead:${s.leadingPt}pt`;
  const verso = s.mirrorMargins ? `.page.verso { --m-left:${s.margins.right}mm; --m-right:${s.margins.left}mm }` : '';
  const html = `<!DOCTYPE html>
<html lang="${escapeHtml(s.language)}"><head><meta charset="utf-8">
<title>${escapeHtml(edition.title)}</title>
<style>@page { size: ${s.pageWidthMm}mm ${s.pageHeightMm}mm; margin: 0 }
:root { ${vars} }
${verso}
${options.css}</style></head>
<body class="ln-${s.lineNumberSide}">
<div id="sources">
<section class="titlepage"><h1 class="title">${escapeHtml(edition.title)}</h1>${
    edition.subtitle ? `<p class="subtitle">${escapeHtml(edition.subtitle)}</p>` : ''
  }</section>
${front === '' ? '' : `<section class="flow col" data-kind="front" data-head="${escapeHtml(edition.title)}">${front}</section>`}
${textFlows.join('\n')}
<div id="fn-store" class="foot">${noteStore.join('')}</div>
${pageImages.images.length === 0 ? '' : `<div id="facs-store">${pageImages.images.join('')}</div>`}
</div>
<div id="pages"></div>
<script type="application/json" id="print-data">${JSON.stringify(data).replace(/</g, '\\u003c')}</script>
</body></html>`;
  return { html, data, rejected };
}
