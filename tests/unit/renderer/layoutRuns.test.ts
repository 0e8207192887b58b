/**
 * Text typed into a run of breaks between blocks (a letter's `<pb n="1"/>` before its
 * opener) goes into a paragraph of its own, before or after the run as the cursor stood,
 * so that the exported div holds no bare text; a run that holds text is typed into.
 */
import type { Node as PMNode } from 'prosemirror-model';
import { history, undo } from 'prosemirror-history';
import { EditorState, TextSelection } from 'prosemirror-state';
import { describe, expect, it } from 'vitest';
import { schema } from '../../../edition/schema.ts';
import { exportDocumentTei } from '../../../edition/tei/index.ts';
import { layoutRuns } from '../../../renderer/editor/layoutRuns.ts';

const run = (content: PMNode[], spaceBefore: string | null = '\n   ') =>
  schema.nodes.teiText.create({ name: null, spaceBefore }, content);
const pb = (n: string) => schema.nodes.pageBreak.create({ n });
const para = (text: string) => schema.nodes.paragraph.create({ spaceBefore: '\n   ' }, schema.text(text));

function stateAt(d: PMNode, at: number): EditorState {
  return EditorState.create({ doc: d, selection: TextSelection.create(d, at), plugins: [history(), layoutRuns()] });
}

/** Types `text` a character at a time, as keys do. */
function type(state: EditorState, text: string): EditorState {
  let s = state;
  for (const ch of text) s = s.apply(s.tr.insertText(ch));
  return s;
}

/** The blocks of a document, as [type, text] pairs. */
const blocks = (d: PMNode) => d.children.map((b) => [b.type.name, b.textContent]);

describe('text typed into a run of breaks', () => {
  const letter = schema.nodes.doc.create(null, [run([pb('1')]), para('Aufrichtig leid')]);

  it('goes into a paragraph before the run when typed at its start, the cursor after the text', () => {
    const s = type(stateAt(letter, 1), 'Vor');
    expect(blocks(s.doc)).toEqual([
      ['paragraph', 'Vor'],
      ['teiText', ''],
      ['paragraph', 'Aufrichtig leid'],
    ]);
    expect(s.doc.child(0).attrs['spaceBefore']).toBe('\n   ');
    expect(s.selection.from).toBe(4);
    // Undo takes the paragraph away with the letters, the run as it was.
    let back = s;
    while (blocks(back.doc).length > 2) back = back.apply(undoTr(back));
    expect(back.doc.eq(letter)).toBe(true);
  });

  it('goes into a paragraph after the run when typed after a break', () => {
    const s = type(stateAt(letter, 2), 'Seite 1');
    expect(blocks(s.doc)).toEqual([
      ['teiText', ''],
      ['paragraph', 'Seite 1'],
      ['paragraph', 'Aufrichtig leid'],
    ]);
  });

  it('leaves text still being composed where it is', () => {
    const s = stateAt(letter, 1);
    const composed = s.apply(s.tr.insertText('é').setMeta('composition', 1));
    expect(blocks(composed.doc)[0]).toEqual(['teiText', 'é']);
  });

  it('makes an empty run the paragraph', () => {
    const d = schema.nodes.doc.create(null, [run([]), para('x')]);
    expect(blocks(type(stateAt(d, 1), 'A').doc)).toEqual([
      ['paragraph', 'A'],
      ['paragraph', 'x'],
    ]);
  });

  it('leaves a run that holds text to ordinary typing, and a break inside a letter part', () => {
    const mixed = schema.nodes.doc.create(null, [run([schema.text('Text '), pb('2')])]);
    expect(blocks(type(stateAt(mixed, 1), 'x').doc)).toEqual([['teiText', 'xText ']]);
    const opener = schema.nodes.opener.create(null, [
      run([pb('1')]),
      schema.nodes.dateline.create(null, schema.text('Wien')),
    ]);
    const d = schema.nodes.doc.create(null, [opener]);
    expect(type(stateAt(d, 2), 'x').doc.child(0).child(0).textContent).toBe('x');
  });

  it('writes a div with no bare text', () => {
    const typed = type(stateAt(letter, 1), 'Vorbemerkung');
    const xml = exportDocumentTei(typed.doc.toJSON() as never, { title: 'Brief', date: null, source: null, extra: {} });
    const body = xml.slice(xml.indexOf('<body>'), xml.indexOf('</body>'));
    expect(body).toMatch(/<p>Vorbemerkung<\/p>\s*<pb n="1"\/>\s*<p>Aufrichtig leid<\/p>/);
  });
});

function undoTr(state: EditorState) {
  let out: import('prosemirror-state').Transaction | null = null;
  undo(state, (tr) => (out = tr));
  if (out === null) throw new Error('nothing to undo');
  return out;
}
