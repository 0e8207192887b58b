/**
 * Plain-text import: a despatch as a reader copies it from a FRUS web page (the
 * conventions are in ../shared/corpus/seed/README.md and conventions.ts) becomes a
 * document in edition/schema.ts, with its source note, heading, opener, numbered
 * lists, page breaks, footnotes and closer. A text that follows none of those
 * conventions becomes plain paragraphs, one per block of lines between blank lines.
 *
 * Line breaks inside a block are kept as `lineBreak` nodes (TEI `<lb/>`), not turned
 * into spaces: a line end in a transcription may be the source's own, and a break the
 * editor does not want is one keystroke to remove, whereas a lost one cannot be seen.
 */
import type { Node as PMNode } from 'prosemirror-model';
import type { DocJSON, DocumentMeta } from '../types.ts';
import { ParseError, SiglumError } from '../errors.ts';
import { schema } from '../schema.ts';
import { pageMarkers } from './callouts.ts';
import { readLayout, type Callout, type OpenerPart, type Part, type TextLine } from './layout.ts';

/** What a plain-text file imports as: one document. */
export interface PlainImport {
  title: string;
  meta: DocumentMeta;
  doc: DocJSON;
}

/**
 * The `type` of an imported footnote. FRUS's own TEI marks these footnotes as plain
 * `<note n="89" xml:id="d63fn89">` with no type, so they get none here either: the
 * same footnote reads the same whether it came from TEI or from plain text.
 */
export const FOOTNOTE_TYPE: string | null = null;

/**
 * Reads a plain-text file into a document. `fileName` names the file in messages and
 * gives the title when the text has no heading.
 *
 * Throws SiglumError('bad-input') for an empty file or one that is not text, and
 * ParseError (with line and column) for a character that TEI cannot hold.
 */
export function importPlainText(text: string, fileName: string): PlainImport {
  const normalised = normalise(text, fileName);
  const layout = readLayout(normalised);
  const blocks = layout.parts.map(partNode);
  const doc = schema.node('doc', null, blocks);
  doc.check();
  const heading = blocks.find((b) => b.type === schema.nodes.heading);
  const title = (heading && plainText(heading)) || titleFromFileName(fileName);
  return {
    title,
    meta: { title, date: layout.date, source: layout.source, extra: {} },
    doc: doc.toJSON() as DocJSON,
  };
}

/**
 * Characters XML 1.0 cannot hold: C0 controls other than tab and line ends, U+FFFE
 * and U+FFFF, and halves of surrogate pairs standing alone.
 */
const NOT_XML =
  // eslint-disable-next-line no-control-regex -- finding the control characters is the point
  /[\u0001-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Line ends to `\n`, byte-order mark off; refuses empty and binary files. */
function normalise(text: string, fileName: string): string {
  const t = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  if (t.trim() === '') {
    throw new SiglumError(
      'bad-input',
      `The file ${fileName} is empty: there is no text to import. Choose a file with the text of a document.`,
    );
  }
  if (t.includes('\0')) {
    throw new SiglumError(
      'bad-input',
      `The file ${fileName} is not plain text (it contains NUL bytes). Import a .txt file, or a TEI .xml file.`,
    );
  }
  const bad = NOT_XML.exec(t);
  if (bad) {
    const before = t.slice(0, bad.index).split('\n');
    const line = before.length;
    const column = (before[before.length - 1]?.length ?? 0) + 1;
    const code = (bad[0].codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0');
    throw new ParseError(
      `the character U+${code} cannot be kept in a TEI document; remove it and import the file again`,
      line,
      column,
      fileName,
    );
  }
  return t;
}

function partNode(part: Part): PMNode {
  switch (part.kind) {
    case 'sourceNote':
      return schema.node('sourceNote', null, inline([part.line]));
    case 'heading':
      return schema.node('heading', null, inline(part.lines));
    case 'paragraph':
      return schema.node('paragraph', null, inline(part.lines));
    case 'opener':
      return schema.node('opener', null, part.parts.map(openerNode));
    case 'list':
      return schema.node(
        'list',
        null,
        part.entries.flatMap((e) => [
          schema.node('label', null, inline([e.label])),
          schema.node('item', null, inline(e.lines)),
        ]),
      );
    case 'closer': {
      const salute = schema.node('salute', null, inline([part.salute]));
      const signed = part.signed && schema.node('signed', null, inline(part.signed));
      return schema.node('closer', null, signed ? [salute, signed] : [salute]);
    }
  }
}

/** The despatch number as FRUS encodes it, `<seg>No. 256</seg>`, and the dateline. */
function openerNode(part: OpenerPart): PMNode {
  return part.kind === 'number'
    ? schema.node('teiText', { name: 'seg' }, inline([part.line]))
    : schema.node('dateline', null, inline(part.lines));
}

/** Lines joined by line breaks. */
function inline(lines: TextLine[]): PMNode[] {
  return lines.flatMap((l, i) => (i === 0 ? lineContent(l) : [schema.node('lineBreak'), ...lineContent(l)]));
}

/**
 * One line's text with its page markers as page breaks and its callouts as notes.
 * A page break takes no space of its own: the words around it keep one space between
 * them, before the break (`in <pb n="69"/>all`, as FRUS writes it).
 */
function lineContent(line: TextLine): PMNode[] {
  const events = [
    ...pageMarkers(line.text).map((m) => ({
      ...m,
      node: schema.node('pageBreak', { n: m.n }),
    })),
    ...line.callouts.map((c) => ({ ...c, node: noteNode(c) })),
  ].sort((a, b) => a.start - b.start);
  // Strings and nodes alternate, starting and ending with a (maybe empty) string.
  const pieces: Array<string | PMNode> = [];
  let at = 0;
  for (const e of events) {
    pieces.push(line.text.slice(at, e.start), e.node);
    at = e.end;
  }
  pieces.push(line.text.slice(at));
  for (let i = 1; i < pieces.length; i += 2) {
    const node = pieces[i];
    if (typeof node === 'string' || node?.type !== schema.nodes.pageBreak) continue;
    const before = String(pieces[i - 1]);
    const after = String(pieces[i + 1]);
    const spaced = /\s$/.test(before) || /^\s/.test(after);
    const wordsBefore = pieces.slice(0, i - 1).some(isContent) || before.trim() !== '';
    const wordsAfter = pieces.slice(i + 2).some(isContent) || after.trim() !== '';
    pieces[i - 1] = before.trimEnd() + (spaced && wordsBefore && wordsAfter ? ' ' : '');
    pieces[i + 1] = after.trimStart();
  }
  return pieces.flatMap((p) => (typeof p !== 'string' ? [p] : p === '' ? [] : [schema.text(p)]));
}

/** Text or a note, as opposed to a page break or nothing. */
function isContent(p: string | PMNode): boolean {
  return typeof p === 'string' ? p.trim() !== '' : p.type !== schema.nodes.pageBreak;
}

function noteNode(callout: Callout): PMNode {
  return schema.node('note', { n: String(callout.value), type: FOOTNOTE_TYPE }, [
    schema.node('teiText', { name: null }, inline(callout.note)),
  ]);
}

/** A block's text without its notes and page breaks, line breaks as spaces. */
function plainText(block: PMNode): string {
  let text = '';
  block.forEach((child) => {
    if (child.isText) text += child.text ?? '';
    else if (child.type === schema.nodes.lineBreak) text += ' ';
  });
  return text.replace(/\s+/g, ' ').trim();
}

function titleFromFileName(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? '';
  return base.replace(/\.[^.]*$/, '').trim() || 'Untitled';
}
