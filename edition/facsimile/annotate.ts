/**
 * The tags on a region's lines (TextTag: Transkribus's `custom` tags, ALTO's TAGREFS)
 * made into what the schema has for them, as the TEI import would read the same TEI:
 *
 * - person, place, organization: a `mention` of that kind, its `ref` a provisional key of
 *   a register entry the import proposes (`TagContext.entities`; the store links it to an
 *   entry of the same name or authority id, or adds it). Firstname and lastname make the
 *   entry's name ("Daniel Galschut", "Galschut, Daniel" as another form), `wikiData` its
 *   Wikidata id, an ALTO tag's LABEL its name and URI its authority.
 * - date: a `mention` of kind date with `when` (or from/to, notBefore/notAfter), from
 *   `when` or Transkribus's older year/month/day.
 * - abbrev with an expansion, sic with a correction: `<choice>` holding the text as
 *   `<abbr>`/`<sic>` and the expansion or correction, added after it, as `<expan>`/`<corr>`;
 *   without one, `<abbr>` or `<sic>` alone. unclear, supplied, add: those elements.
 * - textStyle: bold, italic, superscript and small caps as the schema's marks; subscript,
 *   underline, strike-through and letter spacing as `<hi rend>`.
 * - comment: an editorial note at the end of its text, which it marks as the note's span.
 * - gap: `<gap/>` where the tag begins.
 * - any other tag: `<seg type="NAME">`, its attributes kept in `@n` in the tag's own syntax
 *   (`n="key:value;"`), with one warning per type for the import.
 *
 * Pieces of a tag that go on from one line to the next (`continued`, the same ALTO tag)
 * are one mark over the text and the line break between, so they export as one element.
 * Every element's mark made here has a `nest` number of its own (the schema's rule for keeping two
 * adjacent elements two): two abbreviations side by side stay two `<choice>`s.
 */
import type { Mark, Node as PMNode } from 'prosemirror-model';
import { fold } from '../entities/fold.ts';
import {
  AUTHORITY_KEYS,
  normaliseAuthorityId,
  validateEntity,
  type Authority,
  type Entity,
} from '../entities/model.ts';
import { schema, type XmlAttrs } from '../schema.ts';
import { tagAttr } from './custom.ts';
import type { LayoutLine } from './layout.ts';

/** What tagging a whole import collects: the register entries its mentions propose, warnings, counters. */
export class TagContext {
  /** The register entries the mentions point at (by `ref`), each with `id` its provisional key. */
  readonly entities: Entity[] = [];
  readonly warnings: string[] = [];
  private readonly byIdentity = new Map<string, Entity>();
  private readonly warned = new Set<string>();
  private notes = 0;

  constructor(private readonly random: () => number = Math.random) {}

  /** Warns once for `key` (an unknown tag type, an attribute not read). */
  warnOnce(key: string, sentence: string): void {
    if (this.warned.has(key)) return;
    this.warned.add(key);
    this.warnings.push(sentence);
  }

  /** The entry with this identity (type, folded name, Wikidata id) already proposed, else `entity` added. */
  propose(entity: Entity): string {
    const identity = `${entity.type}\u0000${entity.authority.wikidata ?? fold(entity.name)}`;
    const known = this.byIdentity.get(identity);
    if (known !== undefined) return known.id;
    const proposed = { ...entity, id: `tag-${this.entities.length + 1}` };
    this.entities.push(proposed);
    this.byIdentity.set(identity, proposed);
    return proposed.id;
  }

  /** A note id: random, as the editor's are, because ids must be unique across an export of many documents. */
  noteId(): string {
    this.notes++;
    return `note-${this.random().toString(36).slice(2, 10).padEnd(8, '0')}${this.notes}`;
  }
}

/** Tag types (lower-cased) by what they become; ALTO's and NER's names for the three entity kinds too. */
const ENTITY_TYPES: Readonly<Record<string, 'person' | 'place' | 'org'>> = {
  person: 'person',
  per: 'person',
  pers: 'person',
  persname: 'person',
  place: 'place',
  loc: 'place',
  location: 'place',
  placename: 'place',
  organization: 'org',
  organisation: 'org',
  org: 'org',
  orgname: 'org',
};
const CHOICES: Readonly<Record<string, { outer: string; inner: string; attr: string }>> = {
  abbrev: { outer: 'abbr', inner: 'expan', attr: 'expansion' },
  sic: { outer: 'sic', inner: 'corr', attr: 'correction' },
};
const ELEMENTS: Readonly<Record<string, string>> = {
  unclear: 'unclear',
  supplied: 'supplied',
  add: 'add',
  addition: 'add',
};
/** textStyle attributes and the mark (or `hi/@rend`) each becomes when true. */
const STYLES: Readonly<Record<string, { mark: 'bold' | 'italic' | 'superscript' | 'smallcaps' } | { rend: string }>> = {
  bold: { mark: 'bold' },
  italic: { mark: 'italic' },
  superscript: { mark: 'superscript' },
  smallCaps: { mark: 'smallcaps' },
  subscript: { rend: 'subscript' },
  underlined: { rend: 'underline' },
  strikethrough: { rend: 'strikethrough' },
  letterSpaced: { rend: 'letterspace' },
};
/** textStyle attributes that describe the typeface (PAGE's TextStyle), which the text does not carry. */
const FONT_STYLES = new Set([
  'fontFamily',
  'fontSize',
  'kerning',
  'serif',
  'monospace',
  'textColour',
  'bgColour',
  'reverseVideo',
  'xHeight',
]);
/** Attributes each kind reads; others are reported once (entity kinds keep them in the entry's description). */
const READ_ATTRS: Readonly<Record<string, readonly string[]>> = {
  entity: ['firstname', 'lastname', 'label', 'name', 'placeName', 'wikiData', 'uri', 'dateOfBirth', 'dateOfDeath'],
  date: ['when', 'from', 'to', 'notBefore', 'notAfter', 'year', 'month', 'day'],
  abbrev: ['expansion'],
  sic: ['correction'],
  unclear: ['reason'],
  comment: ['comment'],
  gap: [],
};

/** Tags that may stand at a point of the text, covering none of it. */
const POINT_TYPES = new Set(['gap', 'comment']);

/** One stretch of a tag on one line. */
interface Piece {
  line: number;
  start: number;
  end: number;
}

/** One tag, its pieces joined across lines, and what it becomes. */
interface Annotation {
  type: string;
  key: string | null;
  attrs: Array<[string, string]>;
  pieces: Piece[];
  /** The marks on its text. */
  marks: Mark[];
  /** Text added after it (an expansion, a correction) with its marks. */
  added: { text: string; marks: Mark[] } | null;
  /** A node after it (an editorial note) or at its start (a gap). */
  after: PMNode | null;
  at: PMNode | null;
}

function lastPiece(a: Annotation): Piece {
  return a.pieces[a.pieces.length - 1]!;
}

/** Joins each tag's continued pieces into annotations: a piece that ends its line and one that opens the next. */
function annotations(lines: readonly LayoutLine[], context: TagContext): Annotation[] {
  const out: Annotation[] = [];
  let open: Annotation[] = [];
  lines.forEach((line, index) => {
    const lead = line.text.length - line.text.trimStart().length;
    const next: Annotation[] = [];
    for (const tag of line.tags ?? []) {
      if (tag.start === tag.end && !POINT_TYPES.has(tag.type.toLowerCase())) {
        context.warnOnce(`empty ${tag.type}`, `Some ${tag.type} tags cover no text (length 0); they were left out.`);
        continue;
      }
      const joined = tag.continued
        ? open.find(
            (a) =>
              a.type === tag.type &&
              a.key === tag.key &&
              tag.start <= lead &&
              !next.includes(a) &&
              lastPiece(a).line === index - 1,
          )
        : undefined;
      const piece = { line: index, start: tag.start, end: tag.end };
      if (joined !== undefined) {
        joined.pieces.push(piece);
        for (const [k, v] of tag.attrs) if (tagAttr(joined.attrs, k) === null) joined.attrs.push([k, v]);
        if (tag.end >= line.text.trimEnd().length) next.push(joined);
        continue;
      }
      const a: Annotation = {
        type: tag.type,
        key: tag.key,
        attrs: [...tag.attrs],
        pieces: [piece],
        marks: [],
        added: null,
        after: null,
        at: null,
      };
      out.push(a);
      if (tag.continued && tag.end >= line.text.trimEnd().length) next.push(a);
    }
    open = next;
  });
  return out;
}

/** The text an annotation covers, its pieces joined by a space (or run together after a line-end hyphen). */
function coveredText(a: Annotation, lines: readonly LayoutLine[]): string {
  let text = '';
  for (const p of a.pieces) {
    const part = lines[p.line]!.text.slice(p.start, p.end).trim();
    if (text === '') text = part;
    else if (/[-¬=]$/.test(text)) text = text.slice(0, -1) + part;
    else text = `${text} ${part}`;
  }
  return text.replace(/\s+/g, ' ');
}

const W3C_DATE =
  /^-?\d{4}(?:-(0[1-9]|1[0-2])(?:-(0[1-9]|[12]\d|3[01])(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})?)?)?)?$/;

/** True for a date TEI's `@when` takes (a year, year-month, date or date and time that exists). */
export function isW3cDate(value: string): boolean {
  const m = W3C_DATE.exec(value);
  if (m === null) return false;
  if (m[1] === undefined || m[2] === undefined) return true;
  const year = Number(value.slice(0, value.indexOf('-', 1)));
  return Number(m[2]) <= new Date(Date.UTC(year, Number(m[1]), 0)).getUTCDate();
}

/** An authority id from a tag's Wikidata id or address: the first authority it fits, else null. */
function authorityOf(values: Array<string | null>): Authority {
  const authority: Authority = {};
  for (const v of values) {
    if (v === null || v === '') continue;
    for (const key of AUTHORITY_KEYS) {
      if (authority[key] !== undefined) continue;
      try {
        authority[key] = normaliseAuthorityId(key, v);
        break;
      } catch {
        // Not this authority's shape; the next may take it.
      }
    }
  }
  return authority;
}

/** The register entry a person, place or organisation tag proposes. */
function entityOf(type: 'person' | 'place' | 'org', a: Annotation, text: string, context: TagContext): string | null {
  const get = (k: string): string | null => tagAttr(a.attrs, k)?.trim() || null;
  const first = get('firstname');
  const last = get('lastname');
  const parts = [first, last].filter((p): p is string => p !== null);
  const name = get('label') ?? get('name') ?? get('placeName') ?? (parts.length > 0 ? parts.join(' ') : text);
  if (name === '') return null;
  const altNames = [text, ...(first !== null && last !== null ? [`${last}, ${first}`] : [])];
  const description = a.attrs
    .filter(([k]) => !READ_ATTRS['entity']!.includes(k))
    .map(([k, v]) => (k === 'notice' || k === 'description' ? v : `${k}: ${v}`))
    .join('; ');
  const input = {
    id: 'new',
    type,
    name,
    altNames,
    dates: Object.fromEntries(
      [
        ['birth', get('dateOfBirth')],
        ['death', get('dateOfDeath')],
      ].filter(([, v]) => type === 'person' && v !== null),
    ),
    coordinates: null,
    description,
    authority: authorityOf([get('wikiData'), get('uri')]),
    xmlId: null,
  };
  const reason = (e: unknown): string => (e instanceof Error ? e.message : String(e));
  try {
    return context.propose(validateEntity(input));
  } catch (e) {
    if (Object.keys(input.dates).length === 0) {
      context.warnings.push(`The ${type} "${name}" was not added to the register: ${reason(e)}`);
      return null;
    }
    // Dates Siglum cannot store (written 5.12.1784, or death before birth): the entry without them.
    context.warnings.push(`The ${type} "${name}" is proposed without its dates: ${reason(e)}`);
    return entityOf(
      type,
      { ...a, attrs: a.attrs.filter(([k]) => k !== 'dateOfBirth' && k !== 'dateOfDeath') },
      text,
      context,
    );
  }
}

/** `mention` attributes of a date tag: its `when` (or range), checked. */
function dateAttrs(a: Annotation, context: TagContext): Record<string, string | null> {
  const get = (k: string): string | null => tagAttr(a.attrs, k)?.trim() || null;
  const [year, month, day] = [get('year'), get('month'), get('day')];
  const ymd =
    year === null
      ? null
      : [year.padStart(4, '0'), month?.padStart(2, '0'), month === null ? undefined : day?.padStart(2, '0')]
          .filter((p) => p !== undefined)
          .join('-');
  const out: Record<string, string | null> = {};
  for (const [attr, value] of [
    ['when', get('when') ?? ymd],
    ['from', get('from')],
    ['to', get('to')],
    ['notBefore', get('notBefore')],
    ['notAfter', get('notAfter')],
  ] as const) {
    if (value === null) continue;
    if (isW3cDate(value)) out[attr] = value;
    else
      context.warnOnce(
        `date ${value}`,
        `A date tag's ${attr} "${value}" is not a date TEI can hold (YYYY, YYYY-MM or YYYY-MM-DD); the date is kept without it.`,
      );
  }
  return out;
}

/** A tag's attributes in its own syntax, for `@n` of a tag Siglum does not model. */
function customSyntax(attrs: ReadonlyArray<readonly [string, string]>): string {
  return attrs.map(([k, v]) => `${k}:${v.replace(/[\\;{}]/g, (c) => `\\${c}`)};`).join(' ');
}

function teiMark(name: string, xml: XmlAttrs, nest: number): Mark {
  return schema.marks.teiMark.create({ name, xml, nest });
}

/** Reports the attributes of `a` that its kind does not read, once per type and attribute. */
function reportUnread(a: Annotation, read: readonly string[] | undefined, context: TagContext): void {
  if (read === undefined) return;
  for (const [k] of a.attrs) {
    if (read.includes(k)) continue;
    context.warnOnce(`${a.type}.${k}`, `The "${k}" of ${a.type} tags is not something Siglum keeps; it was left out.`);
  }
}

/** Decides what each annotation becomes; `nest` numbers its marks. */
function realise(a: Annotation, lines: readonly LayoutLine[], nest: () => number, context: TagContext): void {
  const type = a.type.toLowerCase();
  const entityKind = ENTITY_TYPES[type];
  if (entityKind !== undefined) {
    const ref = entityOf(entityKind, a, coveredText(a, lines), context);
    a.marks = [schema.marks.mention.create({ kind: entityKind, ref, nest: nest() })];
  } else if (type === 'date') {
    reportUnread(a, READ_ATTRS['date'], context);
    a.marks = [schema.marks.mention.create({ kind: 'date', ...dateAttrs(a, context), nest: nest() })];
  } else if (Object.hasOwn(CHOICES, type)) {
    const choice = CHOICES[type]!;
    reportUnread(a, READ_ATTRS[type], context);
    const value = tagAttr(a.attrs, choice.attr);
    if (value === null || value === '') a.marks = [teiMark(choice.outer, [], nest())];
    else {
      const outer = teiMark('choice', [], nest());
      a.marks = [outer, teiMark(choice.outer, [], nest())];
      a.added = { text: value, marks: [outer, teiMark(choice.inner, [], nest())] };
    }
  } else if (Object.hasOwn(ELEMENTS, type)) {
    reportUnread(a, READ_ATTRS[type], context);
    const reason = tagAttr(a.attrs, 'reason');
    const xml: XmlAttrs = reason !== null && /^\S+$/.test(reason) ? [['reason', reason]] : [];
    a.marks = [teiMark(ELEMENTS[type]!, xml, nest())];
  } else if (type === 'textstyle') {
    for (const [k, v] of a.attrs) {
      const style = STYLES[k];
      // The typeface (Transkribus writes it on every line of a printed page) is not markup: not kept, not reported.
      if (style === undefined && FONT_STYLES.has(k)) continue;
      if (style === undefined) {
        context.warnOnce(`textStyle.${k}`, `The text style "${k}" is not something Siglum keeps; it was left out.`);
        continue;
      }
      if (v !== 'true') continue;
      a.marks.push(
        'mark' in style
          ? schema.marks[style.mark].create({ nest: nest() })
          : teiMark('hi', [['rend', style.rend]], nest()),
      );
    }
  } else if (type === 'comment') {
    reportUnread(a, READ_ATTRS['comment'], context);
    const id = context.noteId();
    const text = tagAttr(a.attrs, 'comment') ?? '';
    const run = schema.nodes.teiText.create({ name: null }, text === '' ? [] : [schema.text(text)]);
    const note = schema.nodes.note.create({ id, type: 'editorial' }, run);
    // A comment on no text is a note at its point; on text, a note on that span.
    if (a.pieces.every((p) => p.start === p.end)) a.at = note;
    else {
      a.after = note;
      a.marks = [schema.marks.noteSpan.create({ note: id })];
    }
  } else if (type === 'gap') {
    reportUnread(a, READ_ATTRS['gap'], context);
    a.at = schema.nodes.teiInline.create({ name: 'gap' });
  } else {
    context.warnOnce(
      `type ${a.type}`,
      `Tags of type "${a.type}" are not a kind Siglum models; they were kept as <seg type="${a.type}">.`,
    );
    const xml: Array<[string, string]> = [['type', a.type.replace(/\s+/g, '_')]];
    if (a.attrs.length > 0) xml.push(['n', customSyntax(a.attrs)]);
    a.marks = [teiMark('seg', xml, nest())];
  }
}

function withMarks(marks: readonly Mark[]): readonly Mark[] {
  let set: readonly Mark[] = [];
  for (const m of marks) set = m.addToSet(set);
  return set;
}

/**
 * The inline content of one region: for each line its line break (from `lineBreak`)
 * and its text with the tags' marks and nodes.
 */
export function taggedLines(
  lines: readonly LayoutLine[],
  lineBreak: (index: number) => PMNode,
  context: TagContext,
): PMNode[] {
  // Outer tags first, so that their marks nest outside; of tags over the same text, a
  // <choice> first, so that nothing stands between it and its <abbr> or <sic>.
  const isChoice = (a: Annotation): number => (Object.hasOwn(CHOICES, a.type.toLowerCase()) ? 0 : 1);
  const all = annotations(lines, context).sort(
    (x, y) =>
      x.pieces[0]!.line - y.pieces[0]!.line ||
      x.pieces[0]!.start - y.pieces[0]!.start ||
      lastPiece(y).line - lastPiece(x).line ||
      lastPiece(y).end - lastPiece(x).end ||
      isChoice(x) - isChoice(y),
  );
  let counter = 0;
  const nest = (): number => counter++;
  for (const a of all) realise(a, lines, nest, context);

  // Each line's pieces, in the order of their tags (the nesting order).
  const byLine = lines.map((): Array<{ a: Annotation; p: Piece }> => []);
  for (const a of all) for (const p of a.pieces) byLine[p.line]!.push({ a, p });
  const out: PMNode[] = [];
  lines.forEach((line, index) => {
    const here = byLine[index]!;
    // A tag that goes on from the line before holds the line break too.
    const across = here
      .filter(({ a, p }) => p !== a.pieces[0] && a.pieces[a.pieces.indexOf(p) - 1]!.line === index - 1)
      .map(({ a }) => a);
    const br = lineBreak(index);
    out.push(across.length === 0 ? br : br.mark(withMarks(across.flatMap((a) => a.marks))));
    const points = [...new Set([0, line.text.length, ...here.flatMap(({ p }) => [p.start, p.end])])].sort(
      (x, y) => x - y,
    );
    for (let i = 0; i < points.length; i++) {
      const from = points[i]!;
      for (const { a, p } of here) if (a.at !== null && p.start === from && p === a.pieces[0]) out.push(a.at);
      const to = points[i + 1];
      if (to === undefined) break;
      if (to > from) {
        const marks = here.filter(({ p }) => p.start <= from && p.end >= to).flatMap(({ a }) => a.marks);
        out.push(schema.text(line.text.slice(from, to), withMarks(marks)));
      }
      // What follows a tag's text: its expansion or correction, then its note.
      for (const { a, p } of here) {
        if (p.end !== to || p !== lastPiece(a) || (a.added === null && a.after === null)) continue;
        const around = here.filter(({ a: other, p: q }) => other !== a && q.start < to && q.end > to);
        if (a.added !== null) {
          // Marks over more than the abbreviation hold the expansion too; one just on it stays in <abbr>.
          const holding = here.filter(
            ({ a: other, p: q }) =>
              other !== a &&
              q.start <= p.start &&
              q.end >= to &&
              (q.start < p.start || q.end > to || other.pieces.length > 1 || a.pieces.length > 1),
          );
          const marks = [...holding.flatMap(({ a: o }) => o.marks), ...a.added.marks];
          if (a.added.text !== '') out.push(schema.text(a.added.text, withMarks(marks)));
        }
        if (a.after !== null) out.push(a.after.mark(withMarks(around.flatMap(({ a: o }) => o.marks))));
      }
    }
  });
  return out;
}
