/**
 * TEI parallel segmentation and the witness list: `<app>` with `<lem>` and `<rdg>` in
 * the text, `<listWit>` in the header.
 *
 * An `app` mark (edition/schema) is written as `<app><lem wit>lemma</lem><rdg wit
 * type>reading</rdg>...<note>note</note></app>`. Reading goes the other way for every
 * `<app>` the flat mark can hold exactly: one non-empty `<lem>` first, then `<rdg>`s of
 * plain text, at most one plain `<note>` last, and `@wit` pointers of the form `#id`.
 * Anything else (nested `<app>`, `<rdgGrp>`, `witStart`/`witEnd` or other markup inside a
 * reading, an `<app>` without a lemma) stays as generic marks (`teiMark` named app, lem,
 * rdg...), which keep it losslessly: export writes it back element for element.
 */
import type { Mark } from 'prosemirror-model';
import type { AppAttrs } from '../apparatus/model.ts';
import { schema } from '../schema.ts';
import type { XmlAttr, XmlElement, XmlNode } from '../xml/tree.ts';
import { TEI_NS, childElements, element, getAttr, isWhitespace } from '../xml/tree.ts';

/** A witness as the header lists it. */
export interface ListedWitness {
  readonly siglum: string;
  readonly description: string;
}

const PLAIN_ID = /^[A-Za-z_][A-Za-z0-9_-]*$/u;
const PREFIX = 'wit.';

/**
 * The `xml:id` of a witness: its siglum when that is a plain XML name, else `wit.`
 * followed by the siglum with every other character escaped as `.HEX.` (so `1859` is
 * `wit.1859`). Reversible: `siglumOf` reads it back.
 */
export function witnessXmlId(siglum: string): string {
  if (PLAIN_ID.test(siglum) && !siglum.startsWith(PREFIX)) return siglum;
  return (
    PREFIX + [...siglum].map((c) => (/[A-Za-z0-9_-]/u.test(c) ? c : `.${c.codePointAt(0)!.toString(16)}.`)).join('')
  );
}

/** The siglum an `xml:id` written by `witnessXmlId` stands for. */
export function siglumOf(xmlId: string): string {
  if (!xmlId.startsWith(PREFIX)) return xmlId;
  return xmlId
    .slice(PREFIX.length)
    .replace(/\.([0-9a-f]+)\./gu, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)));
}

function pointers(sigla: readonly string[]): string {
  return sigla.map((s) => `#${witnessXmlId(s)}`).join(' ');
}

/** The sigla a `@wit` names, or null when a pointer is not a local `#id`. */
function readPointers(value: string | null): string[] | null {
  if (value === null) return [];
  const out: string[] = [];
  for (const p of value.trim().split(/\s+/u)) {
    if (p === '') continue;
    if (!p.startsWith('#') || p.length === 1) return null;
    out.push(siglumOf(p.slice(1)));
  }
  return out;
}

function tei(name: string, attrs: XmlAttr[], children: XmlNode[]): XmlElement {
  return element(name, TEI_NS, attrs, children);
}

function attr(name: string, value: string): XmlAttr {
  return { name, uri: '', value };
}

/**
 * The `<app>` element for an `app` mark, with an empty `<lem>` whose children the
 * caller fills with the lemma's content (`lemmaSlot`). `extra` are the mark's `xml`
 * attributes, already checked.
 */
export function appElement(mark: Mark, extra: XmlAttr[]): XmlElement {
  const a = mark.attrs as AppAttrs;
  const attrs: XmlAttr[] = [];
  if (a.type !== null) attrs.push(attr('type', a.type));
  attrs.push(...extra);
  const lem = tei('lem', a.wit.length > 0 ? [attr('wit', pointers(a.wit))] : [], []);
  const readings = a.readings.map((r) => {
    const ra: XmlAttr[] = [];
    if (r.wit.length > 0) ra.push(attr('wit', pointers(r.wit)));
    if (r.type !== null) ra.push(attr('type', r.type));
    return tei('rdg', ra, r.text === '' ? [] : [{ type: 'text', text: r.text }]);
  });
  const note = a.note === null ? [] : [tei('note', [], [{ type: 'text', text: a.note }])];
  return tei('app', attrs, [lem, ...readings, ...note]);
}

/** Where the lemma's content goes in an element made by `appElement`. */
export function lemmaSlot(app: XmlElement): XmlNode[] {
  const lem = childElements(app)[0];
  if (lem === undefined || lem.name !== 'lem') throw new Error('an app element without its lem');
  return lem.children;
}

function isTeiNamed(el: XmlElement, name: string): boolean {
  return el.uri === TEI_NS && el.name === name;
}

function plainText(el: XmlElement): string | null {
  let text = '';
  for (const c of el.children) {
    if (c.type !== 'text') return null;
    text += c.text;
  }
  return text;
}

function onlyAttrs(el: XmlElement, allowed: readonly string[]): boolean {
  return el.attrs.every((a) => allowed.includes(a.name));
}

/** Whether an element holds an `<app>` anywhere inside (nesting the flat mark cannot hold). */
function holdsApp(el: XmlElement): boolean {
  return childElements(el).some((c) => isTeiNamed(c, 'app') || holdsApp(c));
}

/** Numbering of entries without `xml:id`: one per document read, so that two imports never share it. */
export interface AppIds {
  /** The number the last entry without an id was given. */
  last: number;
}

/**
 * What an `<app>` becomes when the `app` mark can hold it exactly: the mark (without
 * `nest`) and the `<lem>` whose content is the lemma; else null (it stays generic).
 */
export function appFromTei(
  el: XmlElement,
  ids: AppIds = { last: 0 },
): { mark: Omit<AppAttrs, never> & { xml: Array<[string, string]> }; lem: XmlElement } | null {
  if (!isTeiNamed(el, 'app')) return null;
  if (el.children.some((c) => c.type !== 'element' && !(c.type === 'text' && isWhitespace(c.text)))) return null;
  const kids = childElements(el);
  const [lem, ...rest] = kids;
  if (lem === undefined || !isTeiNamed(lem, 'lem') || !onlyAttrs(lem, ['wit'])) return null;
  if (lem.children.every((c) => c.type === 'text' && isWhitespace(c.text)) || holdsApp(lem)) return null;
  const wit = readPointers(getAttr(lem, 'wit'));
  if (wit === null) return null;
  const readings: Array<{ wit: string[]; text: string; type: string | null }> = [];
  let note: string | null = null;
  for (const [i, r] of rest.entries()) {
    if (isTeiNamed(r, 'note') && i === rest.length - 1 && r.attrs.length === 0) {
      note = plainText(r);
      if (note === null) return null;
      continue;
    }
    if (!isTeiNamed(r, 'rdg') || !onlyAttrs(r, ['wit', 'type'])) return null;
    const text = plainText(r);
    const rw = readPointers(getAttr(r, 'wit'));
    if (text === null || rw === null) return null;
    readings.push({ wit: rw, text, type: getAttr(r, 'type') });
  }
  const xmlId = getAttr(el, 'xml:id');
  const xml = el.attrs.filter((a) => a.name !== 'type').map((a): [string, string] => [a.name, a.value]);
  return {
    mark: { id: xmlId ?? `app-${++ids.last}`, type: getAttr(el, 'type'), wit, readings, note, xml },
    lem,
  };
}

/** The `app` mark for what `appFromTei` read. */
export function appMarkFromTei(read: NonNullable<ReturnType<typeof appFromTei>>['mark'], nest: number | null): Mark {
  return schema.marks.app.create({ ...read, nest });
}

/** `<listWit>` for the witnesses, each `<witness xml:id n>` with its description. */
export function listWitElement(witnesses: readonly ListedWitness[], indent = ''): XmlElement {
  const children: XmlNode[] = [];
  for (const w of witnesses) {
    children.push({ type: 'text', text: `\n${indent}    ` });
    children.push(
      tei(
        'witness',
        [attr('xml:id', witnessXmlId(w.siglum)), attr('n', w.siglum)],
        w.description === '' ? [] : [{ type: 'text', text: w.description }],
      ),
    );
  }
  if (children.length > 0) children.push({ type: 'text', text: `\n${indent}` });
  return tei('listWit', [], children);
}

/** The witnesses a TEI header lists (`sourceDesc/listWit/witness`), in order. */
export function readListWit(teiRoot: XmlElement): ListedWitness[] {
  const out: ListedWitness[] = [];
  const visit = (el: XmlElement): void => {
    for (const c of childElements(el)) {
      if (isTeiNamed(c, 'witness')) {
        const id = getAttr(c, 'xml:id');
        const siglum = getAttr(c, 'n') ?? (id === null ? null : siglumOf(id));
        if (siglum !== null) out.push({ siglum, description: textOf(c).replace(/\s+/gu, ' ').trim() });
      } else if (!isTeiNamed(c, 'text')) visit(c);
    }
  };
  const header = childElements(teiRoot).find((c) => isTeiNamed(c, 'teiHeader'));
  if (header) visit(header);
  return out;
}

function textOf(node: XmlNode): string {
  if (node.type === 'text' || node.type === 'cdata') return node.text;
  if (node.type !== 'element') return '';
  return node.children.map(textOf).join('');
}

/**
 * Puts `<listWit>` into the header's `sourceDesc` (replacing one that is there). A
 * sourceDesc of paragraphs cannot also hold a list, so its paragraphs become `<bibl>`s
 * (same text). Returns the root, changed in place.
 */
export function addListWit(teiRoot: XmlElement, witnesses: readonly ListedWitness[]): XmlElement {
  const header = childElements(teiRoot).find((c) => isTeiNamed(c, 'teiHeader'));
  const fileDesc = header && childElements(header).find((c) => isTeiNamed(c, 'fileDesc'));
  const sourceDesc = fileDesc && childElements(fileDesc).find((c) => isTeiNamed(c, 'sourceDesc'));
  if (!sourceDesc) throw new RangeError('The TEI header has no fileDesc/sourceDesc to list the witnesses in');
  const kept = sourceDesc.children
    .filter((c) => !(c.type === 'element' && isTeiNamed(c, 'listWit')))
    .map((c) => (c.type === 'element' && isTeiNamed(c, 'p') ? { ...c, name: 'bibl' } : c));
  const last = kept[kept.length - 1];
  const closing = last?.type === 'text' && isWhitespace(last.text) ? last.text : '';
  const indent = closing.replace(/^\n/u, '');
  const body = closing === '' ? kept : kept.slice(0, -1);
  const children: XmlNode[] = [
    ...body,
    { type: 'text', text: `\n${indent}    ` },
    listWitElement(witnesses, `${indent}    `),
    { type: 'text', text: closing === '' ? '\n' : closing },
  ];
  fileDesc.children.splice(fileDesc.children.indexOf(sourceDesc), 1, { ...sourceDesc, children });
  return teiRoot;
}

/** Elements whose text belongs to no witness's running text. */
const NOT_TEXT = new Set(['teiHeader', 'note', 'lacunaStart', 'lacunaEnd', 'witDetail', 'wit']);
/** Elements that start a new line of running text. */
const BLOCKS = new Set([
  'p',
  'l',
  'lg',
  'head',
  'ab',
  'div',
  'body',
  'front',
  'back',
  'item',
  'label',
  'opener',
  'closer',
  'dateline',
  'salute',
  'signed',
]);

/** The readings of an `<app>`: its `lem` and `rdg` children, those inside `rdgGrp` included. */
function readingsOf(app: XmlElement): XmlElement[] {
  return childElements(app).flatMap((c) =>
    isTeiNamed(c, 'rdgGrp') ? readingsOf(c) : isTeiNamed(c, 'lem') || isTeiNamed(c, 'rdg') ? [c] : [],
  );
}

/**
 * The reading of `app` that witness `siglum` has: the one whose `@wit` names it; else,
 * when no reading names it, the reading without `@wit` (it covers the witnesses not named
 * elsewhere), else the lemma; null when the witness has nothing here.
 */
function readingFor(app: XmlElement, siglum: string): XmlElement | null {
  const readings = readingsOf(app);
  const named = readings.find((r) => readPointers(getAttr(r, 'wit'))?.includes(siglum));
  if (named) return named;
  const unnamed = readings.find((r) => getAttr(r, 'wit') === null && isTeiNamed(r, 'rdg'));
  return unnamed ?? readings.find((r) => isTeiNamed(r, 'lem')) ?? null;
}

/** Collapses spaces within lines and drops empty lines: how witness texts are compared. */
export function normaliseWitnessText(text: string): string {
  return text
    .split('\n')
    .map((line) => line.replace(/\s+/gu, ' ').trim())
    .filter((line) => line !== '')
    .join('\n');
}

/**
 * Witness `siglum`'s text read out of TEI parallel segmentation: at each `<app>`
 * (nested ones included) the witness's reading (see `readingFor`), elsewhere the text as
 * it stands; notes and the header add nothing. A fragmentary witness has no text
 * between a `<witEnd/>` in one of its readings and the next `<witStart/>` (nor before a
 * first `<witStart/>`). Blocks (`p`, `l`, `head`...) are lines; whitespace is collapsed
 * (`normaliseWitnessText`).
 */
export function witnessTextFromTei(root: XmlElement, siglum: string): string {
  let out = '';
  let active = true;
  let first: 'witStart' | 'witEnd' | null = null;
  const walk = (nodes: readonly XmlNode[], record: boolean): void => {
    for (const n of nodes) {
      // Line breaks in the source are layout; lines are the blocks.
      if ((n.type === 'text' || n.type === 'cdata') && active && !record) out += n.text.replace(/\s+/gu, ' ');
      if (n.type !== 'element') continue;
      if (isTeiNamed(n, 'witStart') || isTeiNamed(n, 'witEnd')) {
        first ??= n.name as 'witStart' | 'witEnd';
        if (!record) active = n.name === 'witStart';
        continue;
      }
      if (n.uri === TEI_NS && NOT_TEXT.has(n.name)) continue;
      if (isTeiNamed(n, 'app')) {
        const reading = readingFor(n, siglum);
        if (reading) walk(reading.children, record);
        continue;
      }
      const block = n.uri === TEI_NS && BLOCKS.has(n.name);
      if (block && !record) out += '\n';
      walk(n.children, record);
      if (block && !record) out += '\n';
    }
  };
  // First the witness's markers alone: one whose first marker is a witStart starts absent.
  walk([root], true);
  active = first !== 'witStart';
  walk([root], false);
  return normaliseWitnessText(out);
}
