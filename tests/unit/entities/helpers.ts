/** Test helpers for entities: the seed despatch as a document, and text lookup by content. */
import { readFileSync } from 'node:fs';
import type { Mark, Node as PMNode } from 'prosemirror-model';
import { Transform } from 'prosemirror-transform';
import { importPlainText } from '../../../edition/plaintext/index.ts';
import { schema } from '../../../edition/schema.ts';

export const corpus = new URL('../../../../shared/corpus/', import.meta.url);
export const seedText = readFileSync(new URL('seed/frus1933v03-d63-grew-256.txt', corpus), 'utf8');

/** The seed despatch imported as the editor would import it. */
export function seedDoc(): PMNode {
  return schema.nodeFromJSON(importPlainText(seedText, 'frus1933v03-d63-grew-256.txt').doc);
}

/** The document range of the `nth` (0-based) occurrence of `needle` within one text node. */
export function find(doc: PMNode, needle: string, nth = 0): { from: number; to: number } {
  let seen = 0;
  let found: { from: number; to: number } | null = null;
  doc.descendants((node, pos) => {
    if (found || !node.isText) return !found;
    const text = node.text ?? '';
    for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
      if (seen++ === nth) {
        found = { from: pos + at, to: pos + at + needle.length };
        return false;
      }
    }
    return true;
  });
  if (!found) throw new Error(`"${needle}" #${nth} is not in the document`);
  return found;
}

export function mention(kind: string, ref: string | null, attrs: Record<string, unknown> = {}): Mark {
  return schema.marks.mention.create({ kind, ref, ...attrs });
}

/** The document with `mark` added over the `nth` occurrence of `needle`. */
export function marked(doc: PMNode, needle: string, mark: Mark, nth = 0): PMNode {
  const { from, to } = find(doc, needle, nth);
  return new Transform(doc).addMark(from, to, mark).doc;
}

/** The document with `text` inserted at `pos`. */
export function inserted(doc: PMNode, pos: number, text: string): PMNode {
  return new Transform(doc).insert(pos, schema.text(text)).doc;
}

export const p = (...content: Array<PMNode | string>): PMNode =>
  schema.node(
    'paragraph',
    null,
    content.map((c) => (typeof c === 'string' ? schema.text(c) : c)),
  );
export const doc = (...blocks: PMNode[]): PMNode => schema.node('doc', null, blocks);
export const pb = (n: string): PMNode => schema.node('pageBreak', { n });
export const br = (): PMNode => schema.node('lineBreak');
export const note = (text: string, attrs: Record<string, unknown> = {}): PMNode =>
  schema.node('note', attrs, [p(text)]);
