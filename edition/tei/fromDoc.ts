/**
 * ProseMirror nodes of edition/schema to TEI (the light XML tree): one writer
 * per node type and per mark type, strict about unknown types.
 *
 * Marks are written as nested elements. Where a run of inline nodes opens
 * several marks at once, the mark that reaches furthest is opened first; marks
 * that reach equally far open by their `nest` number when they have one (the
 * importer sets it where it matters), else in schema order. Element-only
 * content is laid out with the whitespace its source had (the blocks'
 * `spaceBefore` and `spaceAfter`), blocks without indented as their siblings;
 * content with text runs (`teiText` with name null) is written exactly as it is.
 */
import type { Fragment, Mark, Node as PMNode } from 'prosemirror-model';
import { mentionToTei, type MentionMarkAttrs } from '../entities/teiMentions.ts';
import type { MarkName, NodeName } from '../schema.ts';
import type { XmlAttr, XmlElement, XmlNode } from '../xml/tree.ts';
import { TEI_NS, element } from '../xml/tree.ts';
import { appElement, lemmaSlot } from './apparatus.ts';
import { writeNoteSpans } from './noteSpans.ts';

/** The unit of indentation for element-only content whose document shows none of its own. */
export const INDENT = '    ';

// An XML qualified name (a simplified form of the XML Name production, with at most one colon).
const NAME_START =
  'A-Za-z_\\u00C0-\\u02FF\\u0370-\\u037D\\u037F-\\u1FFF\\u2070-\\u218F\\u2C00-\\u2FEF\\u3001-\\uD7FF\\uF900-\\uFDCF\\uFDF0-\\uFFFD';
const NCNAME = `[${NAME_START}][${NAME_START}\\-.0-9\\u00B7\\u203F\\u2040]*`;
const QNAME = new RegExp(`^${NCNAME}(?::${NCNAME})?$`);

/** The name, checked: content that arrives as JSON must not be able to break the XML it is written into. */
function checkedName(name: string, what: string): string {
  if (!QNAME.test(name)) throw new RangeError(`${what} ${JSON.stringify(name)} is not an XML name`);
  return name;
}

function attr(name: string, value: string): XmlAttr {
  return { name: checkedName(name, 'attribute name'), uri: '', value };
}

/** The `xml` attribute of a node or mark as XML attributes; RangeError when it is not a list of pairs. */
function xmlAttrs(value: unknown): XmlAttr[] {
  if (!Array.isArray(value))
    throw new RangeError(`xml attribute must be an array of [name, value] pairs, got ${JSON.stringify(value)}`);
  return value.map((p: unknown) => {
    if (!Array.isArray(p) || p.length !== 2 || typeof p[0] !== 'string' || typeof p[1] !== 'string') {
      throw new RangeError(`xml attribute entry must be a [name, value] pair of strings, got ${JSON.stringify(p)}`);
    }
    return attr(p[0], p[1]);
  });
}

/** Modelled attributes (skipped when null) followed by the node's `xml` attributes. */
function attrsOf(node: PMNode | Mark, modelled: Array<[string, unknown]> = []): XmlAttr[] {
  const out: XmlAttr[] = [];
  for (const [name, v] of modelled) if (v !== null && v !== undefined) out.push(attr(name, String(v)));
  return out.concat(xmlAttrs(node.attrs['xml']));
}

function el(name: string, attrs: XmlAttr[], children: XmlNode[]): XmlElement {
  return element(name, name.includes(':') ? '' : TEI_NS, attrs, children);
}

function nameOf(node: PMNode | Mark): string {
  const name = node.attrs['name'];
  if (typeof name !== 'string' || name === '')
    throw new RangeError(`${node.type.name} needs an element name, got ${JSON.stringify(name)}`);
  return name.startsWith('#') ? name : checkedName(name, `${node.type.name} element name`);
}

/**
 * What writing a document needs beyond the document, passed down (as prosemirror-model's
 * ParseContext is) so that two exports at once share nothing.
 */
export interface WriteContext {
  /**
   * How a mention's register id becomes the `xml:id` its pointer names (null: the
   * mention is written without a pointer). An export over a project register maps
   * them; otherwise they are xml:ids already.
   */
  readonly pointerOf: (entityId: string) => string | null;
  /**
   * The unit of indentation for blocks with no whitespace of their own (see the
   * schema's `spaceBefore`) and no sibling to take it from; by default the one the
   * document's own whitespace shows, else INDENT.
   */
  readonly unit?: string;
  /**
   * For a document written elsewhere than in its volume (a file of its own): its
   * whitespace from the source is re-indented, each line that began with `from`
   * beginning with `to` instead.
   */
  readonly rebase?: { readonly from: string; readonly to: string };
}

/** Mentions point at their register ids as they are. */
export const PLAIN_WRITE: WriteContext = Object.freeze({ pointerOf: (id: string) => id });

/** The element each mark type is written as (its content is added by the caller). */
const markWriters: Record<MarkName, (mark: Mark, context: WriteContext) => XmlElement> = {
  italic: (m) => el('hi', attrsOf(m, [['rend', 'italic']]), []),
  bold: (m) => el('hi', attrsOf(m, [['rend', 'bold']]), []),
  smallcaps: (m) => el('hi', attrsOf(m, [['rend', 'smallcaps']]), []),
  superscript: (m) => el('hi', attrsOf(m, [['rend', 'superscript']]), []),
  teiMark: (m) => el(nameOf(m), attrsOf(m), []),
  app: (m) => appElement(m, xmlAttrs(m.attrs['xml'])),
  // Entity mentions as edition/entities writes them, pointing at the entry's xml:id.
  noteSpan: () => {
    throw new RangeError("a noteSpan mark is written as its note's targetEnd and an anchor, never as an element");
  },
  mention: (m, context) => {
    const { name, attrs } = mentionToTei(m.attrs as MentionMarkAttrs, context.pointerOf);
    return el(
      checkedName(name, 'mention element name'),
      attrs.map(([n, v]) => attr(n, v)),
      [],
    );
  },
};

function pushText(out: XmlNode[], text: string): void {
  const last = out[out.length - 1];
  if (last?.type === 'text') out[out.length - 1] = { type: 'text', text: last.text + text };
  else out.push({ type: 'text', text });
}

function splitPi(text: string): { target: string; body: string } {
  const m = /^(\S+)\s*([\s\S]*)$/.exec(text);
  if (!m || /^xml$/i.test(m[1]!) || m[2]!.includes('?>'))
    throw new RangeError(`not a processing instruction: ${JSON.stringify(text)}`);
  return { target: checkedName(m[1]!, 'processing instruction target'), body: m[2]! };
}

function comment(text: string): XmlNode {
  if (text.includes('--') || text.endsWith('-'))
    throw new RangeError(`a comment may not contain "--" or end with "-": ${JSON.stringify(text)}`);
  return { type: 'comment', text };
}

/** One inline node (without its marks). */
function inlineNode(node: PMNode, out: XmlNode[], context: WriteContext): void {
  switch (node.type.name as NodeName) {
    case 'text':
      pushText(out, node.text ?? '');
      return;
    case 'pageBreak':
      out.push(
        el(
          'pb',
          attrsOf(node, [
            ['n', node.attrs['n']],
            ['facs', node.attrs['facs']],
          ]),
          [],
        ),
      );
      return;
    case 'lineBreak':
      out.push(el('lb', attrsOf(node, [['facs', node.attrs['facs']]]), []));
      return;
    case 'note': {
      const modelled: Array<[string, unknown]> = [
        ['n', node.attrs['n']],
        ['type', node.attrs['type']],
        ['xml:id', node.attrs['id']],
      ];
      out.push(el('note', attrsOf(node, modelled), blocksToXml(node.content, null, context)));
      return;
    }
    case 'teiInline': {
      const name = nameOf(node);
      const text = (node.attrs['text'] as string | null) ?? '';
      if (name === '#comment') out.push(comment(text));
      else if (name === '#cdata') out.push({ type: 'cdata', text });
      else if (name === '#pi') out.push({ type: 'pi', ...splitPi(text) });
      else out.push(el(name, attrsOf(node), []));
      return;
    }
    default:
      throw new RangeError(`${node.type.name} is not an inline node TEI export knows`);
  }
}

function markOrder(a: Mark, b: Mark, reach: Map<Mark, number>): number {
  const d = (reach.get(b) ?? 0) - (reach.get(a) ?? 0);
  if (d !== 0) return d;
  // An entry's <app> holds its readings too, so it opens before marks on its lemma.
  if ((a.type.name === 'app') !== (b.type.name === 'app')) return a.type.name === 'app' ? -1 : 1;
  const na = a.attrs['nest'] as number | null;
  const nb = b.attrs['nest'] as number | null;
  if (na !== null && nb !== null) return na - nb;
  return 0; // a mark set is in schema order already, and the sort is stable
}

/** Inline content as XML nodes, marks written as nested elements. */
export function inlineToXml(nodes: readonly PMNode[] | Fragment, context: WriteContext = PLAIN_WRITE): XmlNode[] {
  const given: PMNode[] = Array.isArray(nodes) ? (nodes as PMNode[]) : [];
  if (!Array.isArray(nodes)) (nodes as Fragment).forEach((n) => given.push(n));
  // A note on a span is written at the span's start, an anchor at its end (./noteSpans.ts).
  const list = writeNoteSpans(given);
  const root: XmlNode[] = [];
  const stack: Array<{ mark: Mark; children: XmlNode[] }> = [];
  for (let i = 0; i < list.length; i++) {
    const node = list[i]!;
    let keep = 0;
    while (keep < stack.length && stack[keep]!.mark.isInSet(node.marks)) keep++;
    stack.length = keep;
    // The stack holds distinct marks of this node's set: as many means none is left to open.
    const open =
      keep === node.marks.length ? [] : node.marks.filter((m) => !stack.some((s) => s.mark === m || s.mark.eq(m)));
    if (open.length > 1) {
      const reach = new Map<Mark, number>();
      for (const m of open) {
        let j = i;
        while (j < list.length && m.isInSet(list[j]!.marks)) j++;
        reach.set(m, j);
      }
      open.sort((a, b) => markOrder(a, b, reach));
    }
    for (const m of open) {
      const e = markWriters[m.type.name as MarkName](m, context);
      (stack[stack.length - 1]?.children ?? root).push(e);
      // An apparatus entry's text is its lemma, inside <app><lem>.
      stack.push({ mark: m, children: m.type.name === 'app' ? lemmaSlot(e) : e.children });
    }
    inlineNode(node, stack[stack.length - 1]?.children ?? root, context);
  }
  return root;
}

type BlockWriter = (node: PMNode, indent: string | null, context: WriteContext) => XmlNode[];
const textblock =
  (name: string): BlockWriter =>
  (node, _indent, context) => [el(name, attrsOf(node), inlineToXml(node.content, context))];
/** True for a node written with `xml:space="preserve"`: nothing may be added to its content. */
function preservesSpace(node: PMNode): boolean {
  const xml: unknown = node.attrs['xml'];
  return Array.isArray(xml) && xml.some((p) => Array.isArray(p) && p[0] === 'xml:space' && p[1] === 'preserve');
}

const container =
  (name: string): BlockWriter =>
  (node, indent, context) => [
    el(name, attrsOf(node), blocksToXml(node.content, preservesSpace(node) ? null : indent, context)),
  ];

/** How each block node is written. `indent` is the node's own indentation, null inside mixed content. */
const blockWriters: Partial<Record<NodeName, BlockWriter>> = {
  heading: textblock('head'),
  paragraph: textblock('p'),
  sourceNote: (node, _indent, context) => [
    el('note', attrsOf(node, [['type', 'source']]), inlineToXml(node.content, context)),
  ],
  list: container('list'),
  label: textblock('label'),
  item: textblock('item'),
  opener: container('opener'),
  closer: container('closer'),
  dateline: textblock('dateline'),
  salute: textblock('salute'),
  signed: textblock('signed'),
  teiBlock: (node, indent, context) => [
    el(nameOf(node), attrsOf(node), blocksToXml(node.content, preservesSpace(node) ? null : indent, context)),
  ],
  teiText: (node, _indent, context) => {
    const content = inlineToXml(node.content, context);
    return node.attrs['name'] === null ? content : [el(nameOf(node), attrsOf(node), content)];
  },
};

/** True for a bare run of inline content (`teiText` with name null). */
function isRun(node: PMNode): boolean {
  return node.type.name === 'teiText' && node.attrs['name'] === null;
}

/** True for a run holding text (or CDATA) outside any element: the content is mixed, as `hasMixedContent` reads it. */
function hasBareText(run: PMNode): boolean {
  let found = false;
  run.forEach((n) => {
    const text = n.isText
      ? n.text
      : n.type.name === 'teiInline' && n.attrs['name'] === '#cdata'
        ? n.attrs['text']
        : null;
    if (typeof text === 'string' && /[^ \t\r\n]/.test(text) && n.marks.every((m) => m.type.name === 'noteSpan'))
      found = true;
  });
  return found;
}

/**
 * True for a run a reader sees something of, as the importer's `isVisibleInline`
 * reads its XML: text, CDATA, a note, anything inside an element (a node with a
 * mark). Page and line breaks, comments and empty elements alone are not.
 */
function isVisibleRun(run: PMNode): boolean {
  let found = false;
  run.forEach((n) => {
    if (
      n.isText ||
      n.type.name === 'note' ||
      (n.type.name === 'teiInline' && n.attrs['name'] === '#cdata') ||
      n.marks.length > 0
    )
      found = true;
  });
  return found;
}

/** A block's whitespace from the source (`spaceBefore` or `spaceAfter`), re-based for where it is written; null for none. */
function recorded(node: PMNode, which: 'spaceBefore' | 'spaceAfter', context: WriteContext): string | null {
  const space: unknown = node.attrs[which];
  if (typeof space !== 'string') return null;
  if (!/^[ \t\r\n]*$/.test(space)) throw new RangeError(`${which} must be whitespace, got ${JSON.stringify(space)}`);
  const r = context.rebase;
  if (r === undefined || r.from === r.to) return space;
  // Each line after a break that begins with `from`, blank lines apart (they stay empty).
  const lines = space.split('\n');
  return lines
    .map((l, i) =>
      i === 0 || (l === '' && i < lines.length - 1) || !l.startsWith(r.from) ? l : r.to + l.slice(r.from.length),
    )
    .join('\n');
}

/** The indentation of the last line of some whitespace, or null when it holds no line break. */
function lastLine(space: string | null): string | null {
  return space === null || !space.includes('\n') ? null : space.slice(space.lastIndexOf('\n') + 1);
}

/** The indentation the source gave these blocks: that of the first one written on a line of its own. */
function sourceIndent(content: Fragment, context: WriteContext): string | null {
  let found: string | null = null;
  content.forEach((n) => {
    found ??= lastLine(recorded(n, 'spaceBefore', context));
  });
  return found;
}

/**
 * Block content as XML nodes. In element-only content (no text outside elements)
 * each block is written after the whitespace the source had before it, and the
 * last is followed by what the source had before the closing tag (see the schema's
 * `spaceBefore`); a block without (made in the editor) goes on a line of its own,
 * indented as its siblings, or one unit deeper than `indent` (INDENT unless the
 * document shows another). Nothing is added next to a run of inline content a
 * reader sees, whose whitespace is its own (the importer kept it); with `indent`
 * null, or in mixed content, nothing is added.
 */
export function blocksToXml(content: Fragment, indent: string | null, context: WriteContext = PLAIN_WRITE): XmlNode[] {
  let mixed = false;
  content.forEach((n) => {
    if (isRun(n) && hasBareText(n)) mixed = true;
  });
  // In mixed content nothing is added; inside it (indent null) only the whitespace the source had.
  const own = mixed ? null : sourceIndent(content, context);
  if (!mixed && indent !== null && context.unit === undefined) {
    const unit =
      own !== null && own.startsWith(indent) && own.length > indent.length ? own.slice(indent.length) : INDENT;
    context = { ...context, unit };
  }
  const inner = mixed ? null : (own ?? (indent === null ? null : `${indent}${context.unit ?? INDENT}`));
  const gap = (n: PMNode, which: 'spaceBefore' | 'spaceAfter', computed: string | null): string =>
    mixed ? '' : (recorded(n, which, context) ?? (computed === null ? '' : `\n${computed}`));
  const out: XmlNode[] = [];
  let afterVisible = false;
  let last: PMNode | null = null;
  content.forEach((n) => {
    const write = blockWriters[n.type.name as NodeName];
    if (!write) throw new RangeError(`${n.type.name} is not a block node TEI export knows`);
    const visible = isRun(n) && isVisibleRun(n);
    if (!visible && !afterVisible) pushText(out, gap(n, 'spaceBefore', inner));
    for (const x of write(n, inner, context)) {
      if (x.type === 'text') pushText(out, x.text);
      else out.push(x);
    }
    afterVisible = visible;
    last = n;
  });
  if (last !== null && !afterVisible) pushText(out, gap(last, 'spaceAfter', inner === null ? null : indent));
  return out.filter((x) => x.type !== 'text' || x.text !== '');
}
