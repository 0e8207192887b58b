/**
 * One document as the reading text of a web page: blocks as HTML, notes as numbered
 * call-outs whose bodies go to a notes list, page breaks as `[Page n]` markers for
 * the margin, lemmata of the apparatus as `.lem` pieces, and mentions of persons,
 * places, organisations and terms as `.ent` spans with an anchor each, so that the
 * index pages can link back to every occurrence.
 *
 * Positions are those of the document's ProseMirror JSON, as in the print model.
 * Everything that comes from the document is escaped; class names made from TEI
 * element names keep only `[a-z0-9-]`.
 */
import { Node as PMNode, type Mark } from 'prosemirror-model';
import { kindOfElement } from '../../entities/model.ts';
import { escapeHtml } from '../../print/apparatus.ts';
import type { ApparatusEntry } from '../../print/model.ts';
import { schema, type XmlAttrs } from '../../schema.ts';
import { placeApparatus, type RejectedEntry } from '../apparatus.ts';
import { facsIds } from '../../facsimile/links.ts';
import type { EntityKind } from '../model.ts';

const INDEXED: ReadonlySet<string> = new Set(['person', 'place', 'org', 'term']);

/** The index a kind of mention belongs to, if any. */
function indexedKind(kind: string | null): EntityKind | null {
  return kind !== null && INDEXED.has(kind) ? (kind as EntityKind) : null;
}

/** Generic TEI block elements that have an HTML element of their own. */
const BLOCK_TAGS: Readonly<Record<string, string>> = {
  quote: 'blockquote',
  p: 'div',
};

export interface EntityOccurrence {
  kind: EntityKind;
  /** Register id or TEI pointer (without `#`), or null: then the words name it. */
  ref: string | null;
  text: string;
  /** The anchor of the occurrence in its page. */
  anchor: string;
  /** The printed page it stands on (`n` of the last page break before it). */
  page: string | null;
}

export interface RenderedNote {
  anchor: string;
  callAnchor: string;
  label: string;
  body: string;
}

export interface RenderedApparatus {
  index: number;
  entry: ApparatusEntry;
  /** Anchor of the lemma's first piece in the text. */
  anchor: string;
}

export interface RenderedDocument {
  body: string;
  notes: RenderedNote[];
  apparatus: RenderedApparatus[];
  rejected: RejectedEntry[];
  entities: EntityOccurrence[];
  /** The printed page the document begins on (carried over from the one before) and ends on. */
  firstPage: string | null;
  lastPage: string | null;
  /** Every word of the document (text and notes), blocks separated by newlines, for search. */
  text: string;
  /** Whether it has a heading of its own (written as the page's h1). */
  hasTitle: boolean;
  /** The opening words of its paragraphs (no heading, source note or notes). */
  lead: string;
}

export interface RenderContext {
  /** The href of a TEI pointer (`#pg_12`, `#d5`), or null when it points outside the edition. */
  resolve(target: string): string | null;
  /** Records an occurrence of an entity (its words complete) and gives the href of its index entry. */
  entityHref(occurrence: EntityOccurrence): string;
}

/** A class-name-safe form of a TEI element name (`frus:attachment` -> `frus-attachment`). */
export function classOf(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9-]+/g, '-');
}

/** Ids the pages give their own elements; an `xml:id` may not take one. */
const OWN_IDS =
  /^(?:(?:e|call|note|pb)\d+-\d+|(?:lem|app)-\d+|x-.*|text|main|popup|witness|q|results|search-status|notes-h|app-h)$/;

/**
 * The anchor an `xml:id` keeps in its page, or null when it cannot keep it (it has
 * white space, or is one of the pages' own ids): then the element gets an id of
 * the page's making and pointers to it are left unlinked.
 */
export function anchorOfXmlId(id: string): string | null {
  return id === '' || /\s/.test(id) || OWN_IDS.test(id) ? null : id;
}

function xmlAttr(attrs: Record<string, unknown>, ...names: string[]): string | null {
  const xml = (attrs['xml'] ?? []) as XmlAttrs;
  for (const name of names) {
    const hit = xml.find(([k]) => k === name);
    if (hit) return hit[1];
  }
  return null;
}

/** What an entity-naming mark names, or null for a mark that names none. */
export function entityOfMark(mark: Mark): { kind: EntityKind; ref: string | null } | null {
  const attrs = mark.attrs as Record<string, unknown>;
  if (mark.type === schema.marks.mention) {
    const kind = indexedKind(String(attrs['kind']));
    if (kind === null) return null;
    return { kind, ref: (attrs['ref'] as string | null) ?? null };
  }
  if (mark.type === schema.marks.teiMark) {
    // As the importer reads them (persName, rs type=...), and FRUS's glosses of titles as terms.
    const name = String(attrs['name']);
    const kind = indexedKind(name === 'gloss' ? 'term' : kindOfElement(name, xmlAttr(attrs, 'type')));
    if (kind === null) return null;
    const pointer = xmlAttr(attrs, 'ref', 'key', 'corresp', 'target');
    // A pointer may list several targets; the first names the entry.
    const first = pointer?.trim().split(/\s+/)[0]?.replace(/^#/, '') ?? '';
    return { kind, ref: first === '' ? null : first };
  }
  return null;
}

/** Marks that name or link open outside formatting, so that "Joseph *C.* Grew" stays one mention. */
function markRank(mark: Mark): number {
  return mark.type === schema.marks.mention || mark.type === schema.marks.teiMark ? 0 : 1;
}

interface OpenMark {
  mark: Mark;
  close: string;
  occurrence: EntityOccurrence | null;
  link: boolean;
}

class DocumentRenderer {
  readonly notes: RenderedNote[] = [];
  readonly entities: EntityOccurrence[] = [];
  private readonly usedIds = new Set<string>();
  private text: string[] = [];
  /** The opening words of the running text (paragraphs only), for search results. */
  lead = '';
  private lastWords = '';
  /** The printed page the text has reached. */
  page: string | null;
  private pageBreaks = 0;
  /** Position of the heading that is the document's title, if it has one. */
  titleAt: number | null = null;
  private stack: OpenMark[] = [];
  private out = '';
  /** Apparatus entries in force, sorted by start; `starts` of point entries. */
  private readonly ranges: Array<{ from: number; to: number; index: number }>;
  private readonly points: Array<{ pos: number; index: number }>;
  private pointAt = 0;
  private readonly firstPiece = new Set<number>();

  /**
   * `asPoints`: entries to mark at their start only, because their range holds no
   * text (a lemma of a page break alone).
   */
  constructor(
    private readonly context: RenderContext,
    private readonly docIndex: number,
    entries: ReadonlyArray<{ entry: ApparatusEntry; index: number }>,
    firstPage: string | null,
    asPoints: ReadonlySet<number> = new Set(),
  ) {
    this.page = firstPage;
    const point = (e: { entry: ApparatusEntry; index: number }): boolean =>
      e.entry.from === e.entry.to || asPoints.has(e.index);
    this.ranges = entries
      .filter((e) => !point(e))
      .map((e) => ({ from: e.entry.from, to: e.entry.to, index: e.index }))
      .sort((a, b) => a.from - b.from || b.to - a.to);
    this.points = entries
      .filter(point)
      .map((e) => ({ pos: e.entry.from, index: e.index }))
      .sort((a, b) => a.pos - b.pos);
  }

  render(doc: PMNode): string {
    // The title: the first block after any source notes, when it is a heading.
    doc.forEach((child, offset) => {
      if (this.titleAt !== null || child.type === schema.nodes.sourceNote) return;
      this.titleAt = child.type === schema.nodes.heading ? offset : -1;
    });
    if (this.titleAt === -1) this.titleAt = null;
    let html = '';
    doc.forEach((child, offset) => {
      html += this.block(child, offset, false);
    });
    // Points after the last text (the end of the document) still get their place.
    this.out = '';
    this.pointsUpTo(doc.content.size);
    return html + this.out;
  }

  /** Entries given as ranges whose range held no text, so that no piece marks them. */
  textlessRanges(): Set<number> {
    return new Set(this.ranges.filter((r) => !this.firstPiece.has(r.index)).map((r) => r.index));
  }

  searchText(): string {
    return this.text.join('\n');
  }

  private block(node: PMNode, pos: number, inNote: boolean): string {
    const start = pos + 1;
    const leaf = (tag: string, cls: string): string => {
      const inner = this.inline(node, start, inNote);
      return `<${tag} class="${cls}">${inner}</${tag}>`;
    };
    switch (node.type.name) {
      case 'heading':
        // The document's own heading (before its text) is the page's title; others are sections.
        return leaf(pos === this.titleAt ? 'h1' : 'h2', 'head');
      case 'paragraph': {
        const html = leaf('p', 'p');
        if (!inNote && this.lead.length < 400) this.lead += `${this.lastWords} `;
        return html;
      }
      case 'sourceNote':
        return leaf('p', 'source');
      case 'dateline':
      case 'salute':
      case 'signed':
      case 'label':
      case 'item':
        return leaf('div', node.type.name);
      case 'teiText': {
        const name = node.attrs['name'] as string | null;
        return leaf('div', name === null ? 'run' : `tei tei-${classOf(name)}`);
      }
      case 'list':
      case 'opener':
      case 'closer':
        return `<div class="${node.type.name}">${this.children(node, start, inNote)}</div>`;
      case 'teiBlock': {
        const name = String(node.attrs['name']);
        const tag = BLOCK_TAGS[name] ?? 'div';
        return `<${tag} class="tei tei-${classOf(name)}">${this.children(node, start, inNote)}</${tag}>`;
      }
      default:
        throw new RangeError(`No HTML for block node ${node.type.name}`);
    }
  }

  private children(node: PMNode, start: number, inNote: boolean): string {
    let html = '';
    node.forEach((child, offset) => {
      html += this.block(child, start + offset, inNote);
    });
    return html;
  }

  private inline(parent: PMNode, start: number, inNote: boolean): string {
    this.out = '';
    this.stack = [];
    let words = '';
    parent.forEach((child, offset) => {
      const pos = start + offset;
      if (!inNote) this.pointsUpTo(pos);
      if (child.isText) {
        const text = child.text ?? '';
        words += text;
        this.openMarks(child.marks);
        this.textPieces(text, pos, inNote);
        return;
      }
      switch (child.type.name) {
        case 'note':
          words += ' ';
          this.closeLinks();
          this.out += this.note(child, pos);
          break;
        case 'lineBreak': {
          words += ' ';
          // A line of a page image: the break names its zone, for the page beside the text.
          const zone = facsIds(child.attrs['facs'] as string | null)[0];
          this.out += zone === undefined ? '<br>' : `<br><span class="lb" data-zone="${escapeHtml(zone)}"></span>`;
          break;
        }
        case 'pageBreak':
          this.out += this.pageBreak(child);
          break;
        case 'teiInline': {
          // Comments and processing instructions are not text; an empty element
          // (an empty table cell, an anchor) keeps its place.
          const name = String(child.attrs['name']);
          if (name === 'gap') this.out += '<span class="gap">[…]</span>';
          else if (!name.startsWith('#')) this.out += `<span class="tei tei-${classOf(name)}"></span>`;
          break;
        }
        default:
          throw new RangeError(`No HTML for inline node ${child.type.name}`);
      }
    });
    if (!inNote) this.pointsUpTo(start + parent.content.size);
    this.closeTo(0);
    if (words.trim() !== '') this.text.push(words);
    this.lastWords = words;
    return this.out;
  }

  private pointsUpTo(pos: number): void {
    while (this.pointAt < this.points.length && this.points[this.pointAt]!.pos <= pos) {
      const { index } = this.points[this.pointAt]!;
      this.out += `<span class="lem pt" id="lem-${index}" data-app="${index}" tabindex="0" role="button" aria-label="Apparatus entry"></span>`;
      this.pointAt++;
    }
  }

  /** Text split where lemmata start and end; each piece inside a lemma is a `.lem` span. */
  private textPieces(text: string, pos: number, inNote: boolean): void {
    const end = pos + text.length;
    if (inNote) {
      this.appendText(text);
      return;
    }
    const cuts = new Set<number>([pos, end]);
    for (const r of this.ranges) {
      if (r.from > pos && r.from < end) cuts.add(r.from);
      if (r.to > pos && r.to < end) cuts.add(r.to);
    }
    for (const p of this.points) if (p.pos > pos && p.pos < end) cuts.add(p.pos);
    const sorted = [...cuts].sort((a, b) => a - b);
    for (let i = 0; i + 1 < sorted.length; i++) {
      const a = sorted[i]!;
      const b = sorted[i + 1]!;
      this.pointsUpTo(a);
      const piece = text.slice(a - pos, b - pos);
      const covering = this.ranges.filter((r) => r.from <= a && r.to >= b).map((r) => r.index);
      if (covering.length === 0) {
        this.appendText(piece);
        continue;
      }
      // The first piece of a lemma is where the popup opens from the keyboard and
      // where the apparatus links to; lemmata that start on the same piece as
      // another get an empty anchor of their own before it.
      const starting = covering.filter((k) => !this.firstPiece.has(k));
      for (const k of starting) this.firstPiece.add(k);
      for (const k of starting.slice(1)) this.out += `<span class="lem-anchor" id="lem-${k}"></span>`;
      let attrs = `class="lem" data-app="${covering.join(' ')}"`;
      if (starting[0] !== undefined) attrs += ` id="lem-${starting[0]}" tabindex="0" role="button"`;
      this.out += `<span ${attrs}>`;
      this.appendText(piece);
      this.out += '</span>';
    }
  }

  private appendText(text: string): void {
    this.out += escapeHtml(text.replaceAll('\u0000', '\ufffd'));
    for (const open of this.stack) if (open.occurrence) open.occurrence.text += text;
  }

  private openMarks(marks: readonly Mark[]): void {
    const wanted = [...marks].sort((a, b) => markRank(a) - markRank(b));
    let keep = 0;
    while (keep < this.stack.length && keep < wanted.length && this.stack[keep]!.mark.eq(wanted[keep]!)) keep++;
    this.closeTo(keep);
    for (const mark of wanted.slice(keep)) this.stack.push(this.open(mark));
  }

  private closeTo(depth: number): void {
    while (this.stack.length > depth) {
      const open = this.stack.pop()!;
      this.out += open.close;
      if (open.occurrence) open.occurrence.text = open.occurrence.text.replace(/\s+/g, ' ').trim();
    }
  }

  /** A note call-out is a link: it may not sit inside another one. */
  private closeLinks(): void {
    const at = this.stack.findIndex((o) => o.link);
    if (at >= 0) this.closeTo(at);
  }

  private open(mark: Mark): OpenMark {
    const plain = (tag: string, cls?: string): OpenMark => {
      this.out += cls ? `<${tag} class="${cls}">` : `<${tag}>`;
      return { mark, close: `</${tag}>`, occurrence: null, link: false };
    };
    switch (mark.type.name) {
      case 'italic':
        return plain('i');
      case 'bold':
        return plain('b');
      case 'smallcaps':
        return plain('span', 'sc');
      case 'superscript':
        return plain('sup');
      default:
        break;
    }
    const entity = entityOfMark(mark);
    if (entity) {
      const anchor = `e${this.docIndex}-${this.entities.length + 1}`;
      const occurrence: EntityOccurrence = {
        ...entity,
        text: '',
        anchor,
        page: this.page,
      };
      this.entities.push(occurrence);
      // The href needs the mention's words, known only once it closes: a placeholder
      // (NUL never survives in text, see appendText) is filled in by renderDocument.
      this.out += `<span class="ent ent-${entity.kind}" id="${anchor}" data-kind="${entity.kind}" data-href="\u0000${this.entities.length - 1}\u0000" tabindex="0" role="button">`;
      return { mark, close: '</span>', occurrence, link: false };
    }
    const attrs = mark.attrs as Record<string, unknown>;
    if (mark.type === schema.marks.teiMark) {
      const name = String(attrs['name']);
      const target = name === 'ref' ? xmlAttr(attrs, 'target') : null;
      const href = target === null ? null : this.context.resolve(target);
      if (href !== null && !this.stack.some((o) => o.link)) {
        this.out += `<a class="ref" href="${escapeHtml(href)}">`;
        return { mark, close: '</a>', occurrence: null, link: true };
      }
      return plain('span', `tei tei-${classOf(name)}`);
    }
    if (mark.type === schema.marks.mention) {
      const kind = String(attrs['kind']);
      const when = (attrs['when'] as string | null) ?? null;
      this.out +=
        kind !== 'date'
          ? `<span class="mention mention-${classOf(kind)}">`
          : when === null
            ? '<span class="date">'
            : `<span class="date" title="${escapeHtml(when)}">`;
      return { mark, close: '</span>', occurrence: null, link: false };
    }
    if (mark.type === schema.marks.noteSpan) {
      // The words a note is on; its call-out follows them (edition/notes).
      this.out += `<span class="note-span" data-note="${escapeHtml(String(attrs['note']))}">`;
      return { mark, close: '</span>', occurrence: null, link: false };
    }
    throw new RangeError(`No HTML for mark ${mark.type.name}`);
  }

  private pageBreak(node: PMNode): string {
    const n = (node.attrs['n'] as string | null) ?? null;
    this.page = n;
    this.pageBreaks++;
    const xmlId = xmlAttr(node.attrs as Record<string, unknown>, 'xml:id');
    const anchor = this.ownAnchor(xmlId) ?? `pb${this.docIndex}-${this.pageBreaks}`;
    const label = n === null ? '[Page]' : `[Page ${escapeHtml(n)}]`;
    return `<span class="pb" id="${escapeHtml(anchor)}" data-n="${escapeHtml(n ?? '')}"><span class="pb-label">${label}</span></span>`;
  }

  /** The `xml:id` as the element's id, unless it cannot be one or is taken in this page. */
  private ownAnchor(xmlId: string | null): string | null {
    const anchor = xmlId === null ? null : anchorOfXmlId(xmlId);
    if (anchor === null || this.usedIds.has(anchor)) return null;
    this.usedIds.add(anchor);
    return anchor;
  }

  private note(node: PMNode, pos: number): string {
    const k = this.notes.length + 1;
    const label = ((node.attrs['n'] as string | null) ?? '').trim() || String(k);
    const xmlId = (node.attrs['id'] as string | null) ?? null;
    const anchor = this.ownAnchor(xmlId) ?? `note${this.docIndex}-${k}`;
    const callAnchor = `call${this.docIndex}-${k}`;
    // The note's blocks are rendered with their own mark stack; the text's resumes after.
    const saved = { out: this.out, stack: this.stack };
    const body = this.children(node, pos + 1, true);
    this.out = saved.out;
    this.stack = saved.stack;
    this.notes.push({ anchor, callAnchor, label, body });
    return `<a class="call" id="${callAnchor}" href="#${escapeHtml(anchor)}" role="doc-noteref">${escapeHtml(label)}</a>`;
  }
}

/**
 * Renders a document. Throws a RangeError when its JSON does not fit the schema.
 * Apparatus entries that cannot be placed come back in `rejected`, never dropped
 * silently.
 */
export function renderDocument(
  json: unknown,
  apparatus: readonly ApparatusEntry[],
  docIndex: number,
  context: RenderContext,
  firstPage: string | null = null,
): RenderedDocument {
  const doc = PMNode.fromJSON(schema, json);
  doc.check();
  const { accepted, rejected } = placeApparatus(doc, apparatus);
  let renderer = new DocumentRenderer(context, docIndex, accepted, firstPage);
  let body0 = renderer.render(doc);
  const textless = renderer.textlessRanges();
  if (textless.size > 0) {
    renderer = new DocumentRenderer(context, docIndex, accepted, firstPage, textless);
    body0 = renderer.render(doc);
  }
  const entities = renderer.entities;
  const hrefs = entities.map((o) => escapeHtml(context.entityHref(o)));
  // Placeholders are the only NULs: odd pieces of a split are occurrence numbers.
  const fill = (html: string): string =>
    html
      .split('\u0000')
      .map((piece, k) => (k % 2 === 0 ? piece : (hrefs[Number(piece)] ?? '')))
      .join('');
  const body = fill(body0);
  return {
    body,
    notes: renderer.notes.map((note) => ({ ...note, body: fill(note.body) })),
    apparatus: accepted.map(({ entry, index }) => ({
      index,
      entry,
      anchor: `lem-${index}`,
    })),
    rejected,
    entities,
    firstPage,
    lastPage: renderer.page,
    text: renderer.searchText(),
    hasTitle: renderer.titleAt !== null,
    lead: renderer.lead.replace(/\s+/g, ' ').trim(),
  };
}
