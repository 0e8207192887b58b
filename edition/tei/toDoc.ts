/**
 * TEI (the light XML tree) to ProseMirror nodes of edition/schema.
 *
 * Modelled elements become their nodes and marks; everything else becomes a
 * generic node or mark carrying its qualified name and attributes, so that
 * nothing is dropped. Whitespace-only text in element-only content is layout,
 * kept on the blocks it stands between (see `blockContent`), so that export
 * writes it back; all text in mixed content is kept exactly, line breaks and
 * indentation included, so that export never changes the text.
 *
 * Each inline container (a paragraph, a heading...) is checked as it is built:
 * its content is written back to XML and compared with the source. Where
 * ProseMirror's mark order would nest elements differently, or would merge two
 * adjacent equal elements into one, the container is built again with every
 * mark numbered (the `nest` attribute), and if highlighting marks nest inside
 * themselves, with `hi` kept as generic marks.
 */
import { Fragment, type Mark, type Node as PMNode } from 'prosemirror-model';
import { mentionFromTei } from '../entities/teiMentions.ts';
import { schema } from '../schema.ts';
import type { XmlAttr, XmlElement, XmlNode } from '../xml/tree.ts';
import { TEI_NS, getAttr, hasMixedContent } from '../xml/tree.ts';
import {
  REND_MARKS,
  containsBlock,
  isBlockInElementOnly,
  isBlockish,
  isSourceNote,
  isSpacePreserved,
  isTei,
  isVisibleInline,
} from './names.ts';
import { inlineToXml } from './fromDoc.ts';
import { sameContent } from './compare.ts';
import { appFromTei, appMarkFromTei, type AppIds } from './apparatus.ts';
import { readNoteSpans } from './noteSpans.ts';

type XmlPairs = Array<[string, string]>;
type Mode = 'default' | 'explicit' | 'generic';

/** The `xml` attribute of a node: the element's attributes except the modelled ones, in order. */
function pairs(attrs: readonly XmlAttr[], except: readonly string[] = []): XmlPairs {
  const out: XmlPairs = [];
  for (const a of attrs) if (!except.includes(a.name)) out.push([a.name, a.value]);
  return out;
}

/**
 * What reading one document needs beyond the XML, passed down (as prosemirror-model's
 * ParseContext is) so that two imports at once share nothing.
 */
export interface ReadContext {
  /**
   * The `xml:id`s of the register read with the volume, or null for none. With a
   * register, mention elements (`persName`, `gloss[@target]`, `rs`...) whose pointer
   * names one of its entries are read as `mention` marks, their `ref` that xml:id;
   * other such elements stay generic marks.
   */
  readonly registerIds: ReadonlySet<string> | null;
  /** Numbering of apparatus entries without `xml:id`. */
  readonly appIds: AppIds;
}

/** A context for reading one document: its own numbering of entries. */
export function readContext(registerIds: ReadonlySet<string> | null = null): ReadContext {
  return { registerIds, appIds: { last: 0 } };
}

interface InlineState {
  mode: Mode;
  counter: number;
  read: ReadContext;
}

/**
 * The mention mark an element becomes, when a register is being read: a name that
 * points into the register, or a date that carries a normalised value (`@when`,
 * `@from`/`@to`, `@notBefore`/`@notAfter`), which needs no register entry.
 */
function mentionFor(el: XmlElement, nest: number | null, context: ReadContext): Mark | null {
  const ids = context.registerIds;
  if (ids === null || el.uri !== TEI_NS) return null;
  const attrs = mentionFromTei(el.name, pairs(el.attrs), (id) => (ids.has(id) ? id : null));
  if (attrs === null) return null;
  const datedDate =
    attrs.kind === 'date' &&
    el.name === 'date' &&
    [attrs.when, attrs.from, attrs.to, attrs.notBefore, attrs.notAfter].some((v) => v !== null);
  if (attrs.ref === null && !datedDate) return null;
  return schema.marks.mention.create({ ...attrs, nest });
}

/** The mark an inline element becomes (before it is added to the enclosing set). */
function markFor(el: XmlElement, state: InlineState): Mark {
  const nest = state.mode === 'default' ? null : state.counter++;
  const mention = mentionFor(el, nest, state.read);
  if (mention !== null) return mention;
  const rend = isTei(el, 'hi') ? getAttr(el, 'rend') : null;
  if (rend !== null && state.mode !== 'generic' && Object.hasOwn(REND_MARKS, rend)) {
    const type = schema.marks[rend as keyof typeof REND_MARKS];
    return type.create({ xml: pairs(el.attrs, ['rend']), nest });
  }
  return schema.marks.teiMark.create({ name: el.name, xml: pairs(el.attrs), nest });
}

function piText(target: string, body: string): string {
  return body === '' ? target : `${target} ${body}`;
}

function buildInline(children: readonly XmlNode[], marks: readonly Mark[], state: InlineState, out: PMNode[]): void {
  for (const c of children) {
    switch (c.type) {
      case 'text':
        if (c.text !== '') out.push(schema.text(c.text, marks));
        break;
      case 'cdata':
        out.push(schema.nodes.teiInline.create({ name: '#cdata', text: c.text }, null, marks));
        break;
      case 'comment':
        out.push(schema.nodes.teiInline.create({ name: '#comment', text: c.text }, null, marks));
        break;
      case 'pi':
        out.push(schema.nodes.teiInline.create({ name: '#pi', text: piText(c.target, c.body) }, null, marks));
        break;
      case 'element':
        out.push(...inlineElement(c, marks, state));
        break;
    }
  }
}

function inlineElement(el: XmlElement, marks: readonly Mark[], state: InlineState): PMNode[] {
  if (isTei(el, 'pb') && el.children.length === 0) {
    const attrs = { n: getAttr(el, 'n'), facs: getAttr(el, 'facs'), xml: pairs(el.attrs, ['n', 'facs']) };
    return [schema.nodes.pageBreak.create(attrs, null, marks)];
  }
  if (isTei(el, 'lb') && el.children.length === 0) {
    return [schema.nodes.lineBreak.create({ facs: getAttr(el, 'facs'), xml: pairs(el.attrs, ['facs']) }, null, marks)];
  }
  if (isTei(el, 'note')) {
    const attrs = {
      n: getAttr(el, 'n'),
      type: getAttr(el, 'type'),
      id: getAttr(el, 'xml:id'),
      xml: pairs(el.attrs, ['n', 'type', 'xml:id']),
    };
    return [schema.nodes.note.create(attrs, noteContent(el, state.read), marks)];
  }
  if (el.children.length === 0) {
    return [schema.nodes.teiInline.create({ name: el.name, xml: pairs(el.attrs) }, null, marks)];
  }
  const out: PMNode[] = [];
  // An <app> the flat apparatus mark holds exactly marks its lemma; others stay generic.
  const app =
    state.mode === 'generic' || marks.some((m) => m.type === schema.marks.app)
      ? null
      : appFromTei(el, state.read.appIds);
  if (app !== null) {
    buildInline(
      app.lem.children,
      appMarkFromTei(app.mark, state.mode === 'default' ? null : state.counter++).addToSet(marks),
      state,
      out,
    );
    return out;
  }
  buildInline(el.children, markFor(el, state).addToSet(marks), state, out);
  return out;
}

/**
 * The inline content of a container element (or of a run of mixed content),
 * checked against the source and rebuilt with explicit nesting when needed.
 */
export function inlineContent(children: readonly XmlNode[], context: ReadContext = readContext()): PMNode[] {
  let nodes: PMNode[] = [];
  for (const mode of ['default', 'explicit', 'generic'] as const) {
    nodes = [];
    buildInline(children, [], { mode, counter: 0, read: context }, nodes);
    // Span notes (edition/tei/noteSpans) where they write back the same; else note and anchor as read.
    const spanned = readNoteSpans(nodes);
    if (spanned.length !== nodes.length && sameContent(inlineToXml(spanned), children)) return spanned;
    if (mode === 'generic' || sameContent(inlineToXml(nodes), children)) break;
  }
  return nodes;
}

function noteContent(el: XmlElement, context: ReadContext): PMNode[] {
  if (!containsBlock(el)) return [schema.nodes.teiText.create({ name: null }, inlineContent(el.children, context))];
  return blockContent(el, false, context);
}

/** A block of generic content: teiBlock when it holds blocks, else teiText. */
function generic(el: XmlElement, context: ReadContext): PMNode {
  const mixed = hasMixedContent(el);
  const holdsBlocks = el.children.some(
    (c) => c.type === 'element' && (mixed ? isBlockish(c) : isBlockInElementOnly(c)),
  );
  if (holdsBlocks)
    return schema.nodes.teiBlock.create({ name: el.name, xml: pairs(el.attrs) }, blockContent(el, false, context));
  return schema.nodes.teiText.create({ name: el.name, xml: pairs(el.attrs) }, inlineContent(el.children, context));
}

type TextblockName = 'heading' | 'paragraph' | 'sourceNote' | 'label' | 'item' | 'dateline' | 'salute' | 'signed';

function textblock(name: TextblockName, el: XmlElement, context: ReadContext, except: readonly string[] = []): PMNode {
  return schema.nodes[name].create({ xml: pairs(el.attrs, except) }, inlineContent(el.children, context));
}

/** A `<list>` of `(label? item)+` with inline content, else null (it becomes generic). */
function list(el: XmlElement, context: ReadContext): PMNode | null {
  if (hasMixedContent(el) || isSpacePreserved(el)) return null;
  const items: PMNode[] = [];
  let pendingLabel = false;
  let gap = '';
  for (const c of el.children) {
    if (c.type === 'text') {
      gap += c.text;
      continue;
    }
    if (c.type !== 'element' || containsBlock(c)) return null;
    if (isTei(c, 'label') && !pendingLabel) {
      items.push(spaced(textblock('label', c, context), gap));
      pendingLabel = true;
    } else if (isTei(c, 'item')) {
      items.push(spaced(textblock('item', c, context), gap));
      pendingLabel = false;
    } else return null;
    gap = '';
  }
  if (items.length === 0 || pendingLabel) return null;
  items[items.length - 1] = spaced(items[items.length - 1]!, null, gap);
  return schema.nodes.list.create({ xml: pairs(el.attrs) }, items);
}

/** An `<opener>`/`<closer>` whose parts are all letter parts, else null. */
function letter(el: XmlElement, name: 'opener' | 'closer', context: ReadContext): PMNode | null {
  const parts = blockContent(el, true, context);
  if (parts.length === 0) return null;
  const type = schema.nodes[name];
  if (!type.validContent(Fragment.from(parts))) return null;
  return type.create({ xml: pairs(el.attrs) }, parts);
}

/** The block a child element of block content becomes. */
function block(el: XmlElement, inLetter: boolean, context: ReadContext): PMNode {
  if (!containsBlock(el)) {
    if (isTei(el, 'p')) return textblock('paragraph', el, context);
    if (isTei(el, 'head')) return textblock('heading', el, context);
    if (isSourceNote(el)) return textblock('sourceNote', el, context, ['type']);
    if (inLetter && (isTei(el, 'dateline') || isTei(el, 'salute') || isTei(el, 'signed'))) {
      return textblock(el.name as 'dateline' | 'salute' | 'signed', el, context);
    }
  }
  if (isTei(el, 'list')) return list(el, context) ?? generic(el, context);
  if (isTei(el, 'opener') || isTei(el, 'closer'))
    return letter(el, el.name as 'opener' | 'closer', context) ?? generic(el, context);
  return generic(el, context);
}

/** The block with the source's whitespace before it and, when given, after it (see the schema's `spaceBefore`). */
function spaced(node: PMNode, before: string | null, after: string | null = null): PMNode {
  const attrs = {
    ...node.attrs,
    spaceBefore: before ?? (node.attrs['spaceBefore'] as string | null),
    spaceAfter: after ?? (node.attrs['spaceAfter'] as string | null),
  };
  return node.type.create(attrs, node.content, node.marks);
}

/**
 * The blocks for the children of a container element: block children become
 * blocks; runs of text and inline elements between them become `teiText`
 * nodes with `name: null`. In element-only content whitespace is layout: it is
 * kept on the blocks (`spaceBefore`, and `spaceAfter` on the last), and a run of
 * breaks, comments and empty elements is cut where whitespace stands between them,
 * so that each line keeps its own; except in a run that holds something a reader
 * sees (a footnote, a name), which keeps its whitespace as text, so that no two
 * words run together. Under `xml:space="preserve"` all whitespace is kept as text.
 */
export function blockContent(container: XmlElement, inLetter: boolean, context: ReadContext = readContext()): PMNode[] {
  const mixed = hasMixedContent(container);
  const keepSpace = mixed || isSpacePreserved(container);
  const out: PMNode[] = [];
  let run: XmlNode[] = [];
  // Whitespace since the last block, and whether that block was a run a reader sees (which kept it).
  let gap = '';
  let afterVisible = false;
  const push = (node: PMNode, visible = false): void => {
    out.push(keepSpace || afterVisible || visible ? node : spaced(node, gap));
    gap = '';
    afterVisible = visible;
  };
  const pushRun = (nodes: XmlNode[], visible = false): void => {
    push(schema.nodes.teiText.create({ name: null }, inlineContent(nodes, context)), visible);
  };
  const flush = (): void => {
    if (keepSpace || run.some(isVisibleInline)) {
      if (run.length > 0) pushRun(run, !keepSpace);
    } else {
      let piece: XmlNode[] = [];
      for (const c of run) {
        if (c.type !== 'text') piece.push(c);
        else {
          if (piece.length > 0) pushRun(piece);
          piece = [];
          gap += c.text;
        }
      }
      if (piece.length > 0) pushRun(piece);
    }
    run = [];
  };
  for (const c of container.children) {
    if (c.type === 'element' && (mixed ? isBlockish(c) : isBlockInElementOnly(c, inLetter))) {
      flush();
      push(block(c, inLetter, context));
    } else run.push(c);
  }
  flush();
  const last = out[out.length - 1];
  if (last && !keepSpace && !afterVisible) out[out.length - 1] = spaced(last, null, gap);
  return out;
}

/**
 * The ProseMirror document for the children of a container element (a document div, a
 * body), with mentions read against `registerIds` when given (see `ReadContext`).
 */
export function containerToDoc(container: XmlElement, registerIds: ReadonlySet<string> | null = null): PMNode {
  const content = blockContent(container, false, readContext(registerIds));
  if (content.length === 0) {
    // An empty container keeps what whitespace it had.
    const ws = container.children.map((c) => (c.type === 'text' ? c.text : '')).join('');
    content.push(schema.nodes.teiText.create({ name: null, spaceBefore: ws, spaceAfter: '' }));
  }
  const doc = schema.nodes.doc.create(null, content);
  doc.check();
  return doc;
}
