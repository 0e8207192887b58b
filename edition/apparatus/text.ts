/**
 * A document's running text as collation reads it, with a map back to document
 * positions, and each witness's own text read out of the apparatus.
 *
 * Textblocks are separated by a blank line; a line break is a newline; notes, page
 * breaks and other atoms add nothing (they are not part of any witness's words).
 */
import type { Node as PMNode } from 'prosemirror-model';
import { schema } from '../schema.ts';
import { attrsOf } from './model.ts';

export interface DocText {
  readonly text: string;
  /**
   * `positions[i]` is the document position before character i of `text`;
   * `positions[text.length]` the position after the last character.
   */
  readonly positions: readonly number[];
}

/**
 * Reads the document's running text. With `siglum`, each apparatus entry contributes
 * that witness's reading instead of its lemma (the lemma when the witness reads it or
 * is not named in the entry, as a negative apparatus implies); positions inside a
 * replaced lemma all map to the lemma's start.
 */
function read(doc: PMNode, siglum: string | null): DocText {
  let text = '';
  const positions: number[] = [];
  let end = 0;
  let replaced: unknown = null;
  // After an omission, the space before it and the space after it are one space.
  let omitted = false;
  const add = (s: string, pos: number, step: boolean): void => {
    let skip = 0;
    if (omitted && /\s$/u.test(text)) skip = s.length - s.trimStart().length;
    omitted = false;
    for (let i = skip; i < s.length; i++) positions.push(step ? pos + i : pos);
    text += s.slice(skip);
  };
  doc.descendants((node, pos) => {
    if (node.isTextblock) {
      if (text !== '' || positions.length > 0) add('\n\n', end, false);
      end = pos + node.nodeSize - 1;
      return true;
    }
    if (!node.isInline) return true;
    const app = node.marks.find((m) => m.type === schema.marks.app) ?? null;
    if (app === null || siglum === null) {
      replaced = null;
      if (node.isText) add(node.text ?? '', pos, true);
      else if (node.type === schema.nodes.lineBreak) add('\n', pos, false);
      return false;
    }
    if (replaced !== null && app.eq(replaced as typeof app)) return false;
    replaced = app;
    const attrs = attrsOf(app);
    const reading = attrs.wit.includes(siglum) ? null : attrs.readings.find((r) => r.wit.includes(siglum));
    if (reading) {
      add(reading.text, pos, false);
      omitted = reading.text === '';
      return false;
    }
    // The witness reads the lemma: the lemma's nodes are read one by one (the next ones
    // carry the same mark, so mark them as not replaced).
    replaced = null;
    if (node.isText) add(node.text ?? '', pos, true);
    return false;
  });
  positions.push(end);
  return { text, positions };
}

/** The document's running text (lemmata as they stand) with positions. */
export function documentText(doc: PMNode): DocText {
  return read(doc, null);
}

/**
 * Witness `siglum`'s own text, read from the base text and the apparatus: where an entry
 * gives the witness a reading, that reading; everywhere else the base text.
 */
export function witnessText(doc: PMNode, siglum: string): string {
  return read(doc, siglum).text;
}
