/**
 * The reading text of TEI, for round-trip tests, written independently of the
 * importer: what a reader sees, block by block. Text is taken as it stands,
 * whitespace between two inline elements included; each block element (its own
 * list below, the elements a reader sees as separate blocks) is a boundary, a
 * space; comments and processing instructions add nothing; whitespace runs
 * collapse to one space. So indentation added or removed between blocks does not
 * count, and a space lost between `<placeName>Washington</placeName> <date>` does.
 */
import { parseXml, type XmlElement, type XmlNode } from '../../../edition/xml/index.ts';

const TEI = 'http://www.tei-c.org/ns/1.0';

/** Elements a reader sees as blocks of their own (TEI's divisions, chunks and their parts). */
const BLOCKS = new Set([
  'TEI',
  'teiCorpus',
  'teiHeader',
  'text',
  'front',
  'body',
  'back',
  'group',
  'div',
  'div1',
  'div2',
  'div3',
  'div4',
  'div5',
  'div6',
  'div7',
  'p',
  'ab',
  'head',
  'list',
  'item',
  'label',
  'lg',
  'l',
  'table',
  'row',
  'cell',
  'opener',
  'closer',
  'dateline',
  'salute',
  'signed',
  'byline',
  'trailer',
  'argument',
  'epigraph',
  'postscript',
  'floatingText',
  'titlePage',
  'docTitle',
  'titlePart',
  'docAuthor',
  'docImprint',
  'docDate',
  'listBibl',
  'bibl',
  'biblStruct',
  'sp',
  'speaker',
  'stage',
  'castList',
  'castGroup',
  'castItem',
  'msDesc',
  'msIdentifier',
  'msContents',
  'msItem',
  'physDesc',
  'history',
  'additional',
  'standOff',
  'listPerson',
  'person',
  'listPlace',
  'place',
  'listOrg',
  'org',
  'figure',
  'quote',
]);

function isBlock(el: XmlElement): boolean {
  return el.uri === TEI && BLOCKS.has(el.name);
}

function walk(nodes: readonly XmlNode[], out: string[]): void {
  for (const n of nodes) {
    if (n.type === 'text' || n.type === 'cdata') out.push(n.text);
    else if (n.type === 'element') {
      const block = isBlock(n);
      if (block) out.push('\u0000');
      walk(n.children, out);
      if (block) out.push('\u0000');
    }
  }
}

/** The reading text of an element, as one string per block boundary run: the text between two boundaries, whitespace collapsed, empty runs left out. */
export function readingBlocks(el: XmlElement): string[] {
  const out: string[] = [];
  walk([el], out);
  return out
    .join('')
    .split('\u0000')
    .map((s) => s.replace(/[ \t\r\n]+/g, ' ').trim())
    .filter((s) => s !== '');
}

/** The reading blocks of an XML text's root element. */
export function readingBlocksOf(xml: string): string[] {
  return readingBlocks(parseXml(xml).root);
}

/** null when two lists of reading blocks are the same, else the first block that differs, with its neighbours. */
export function readingDifference(expected: readonly string[], actual: readonly string[]): string | null {
  const n = Math.max(expected.length, actual.length);
  for (let i = 0; i < n; i++) {
    if (expected[i] !== actual[i]) {
      const show = (a: readonly string[]): string => JSON.stringify(a.slice(Math.max(0, i - 1), i + 2));
      return `reading text differs at block ${i}:\n  expected ${show(expected)}\n  actual   ${show(actual)}`;
    }
  }
  return null;
}
