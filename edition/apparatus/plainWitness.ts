/**
 * A witness given as plain text (pasted, a `.txt` file, `siglum collate FILE.txt`) is
 * read with the conventions of plain-text import (edition/plaintext): `[Page 69]`
 * markers, footnote callouts and the trailing list of notes are not words of the
 * text, so they never show up as variants against a document imported the same way.
 * What is left is the running text as collation reads a document (`documentText`).
 */
import { Node } from 'prosemirror-model';
import { importPlainText } from '../plaintext/index.ts';
import { schema } from '../schema.ts';
import { documentText } from './text.ts';

/** The running text of a plain-text witness; `fileName` names it in an error (an empty text, a character TEI cannot hold). */
export function witnessTextFromPlain(text: string, fileName: string): string {
  const imported = importPlainText(text, fileName);
  return documentText(Node.fromJSON(schema, imported.doc)).text;
}
