/**
 * A canonical form of XML for round-trip tests, written independently of the
 * importer's own check: parse, drop whitespace-only text in element-only
 * content, sort attributes, merge adjacent text; everything else exactly.
 * Since dropping whitespace between two elements would call "WashingtonJuly 12"
 * equal to "Washington July 12", the reading text (./readingText.ts) is compared too.
 */
import { parseXml, type XmlNode } from '../../../edition/xml/index.ts';
import { readingBlocksOf, readingDifference } from './readingText.ts';

function canon(nodes: readonly XmlNode[], out: string[]): void {
  const merged: XmlNode[] = [];
  for (const n of nodes) {
    const last = merged.at(-1);
    if (n.type === 'text' && last?.type === 'text')
      merged[merged.length - 1] = { type: 'text', text: last.text + n.text };
    else merged.push(n);
  }
  const mixed = merged.some((n) => (n.type === 'text' || n.type === 'cdata') && n.text.trim() !== '');
  for (const n of merged) {
    if (n.type === 'text') {
      if (n.text !== '' && (mixed || n.text.trim() !== '')) out.push(`T${JSON.stringify(n.text)}`);
    } else if (n.type === 'cdata') out.push(`D${JSON.stringify(n.text)}`);
    else if (n.type === 'comment') out.push(`C${JSON.stringify(n.text)}`);
    else if (n.type === 'pi') out.push(`P${n.target} ${JSON.stringify(n.body)}`);
    else {
      const attrs = [...n.attrs].map((a) => `${a.name}=${JSON.stringify(a.value)}`).sort();
      out.push(`<${n.name} ${attrs.join(' ')}`);
      canon(n.children, out);
      out.push(`</${n.name}`);
    }
  }
}

/** The canonical lines of an XML text's root element (prolog and epilog are not compared). */
export function canonicalLines(xml: string): string[] {
  const out: string[] = [];
  canon([parseXml(xml).root], out);
  return out;
}

/**
 * null when two XML texts are canonically equal and read the same (the same
 * reading text, block by block), else a short report of the first difference.
 */
export function canonicalDifference(expected: string, actual: string): string | null {
  const a = canonicalLines(expected);
  const b = canonicalLines(actual);
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) {
    if (a[i] !== b[i]) {
      return `first difference at canonical line ${i}:\n  expected ${a.slice(Math.max(0, i - 2), i + 3).join('\n           ')}\n  actual   ${b.slice(Math.max(0, i - 2), i + 3).join('\n           ')}`;
    }
  }
  return readingDifference(readingBlocksOf(expected), readingBlocksOf(actual));
}
