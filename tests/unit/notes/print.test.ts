/**
 * A note on a span prints as a footnote whose call-out follows the span's last
 * word, in the printed book and in the HTML edition: the note stands at the
 * span's end in the model, so neither needs anything of its own for it. Neither
 * prints lemmata on notes (the span's words are not repeated in the footnote).
 */
import { EditorState, TextSelection } from 'prosemirror-state';
import type { Node as PMNode } from 'prosemirror-model';
import { describe, expect, it } from 'vitest';
import type { DocJSON } from '../../../edition/api.ts';
import { noteOnSelection } from '../../../edition/notes/command.ts';
import { buildPrintHtml } from '../../../edition/print/html.ts';
import { resolvePrintSettings } from '../../../edition/print/model.ts';
import { renderDocument } from '../../../edition/publish/html/render.ts';
import { find, seedDoc } from '../entities/helpers.ts';

/** The seed despatch with a note on "Association for Settlement of the Russian Problem". */
function annotated(): PMNode {
  let doc = seedDoc();
  const { from, to } = find(doc, 'Association for Settlement of the Russian Problem');
  noteOnSelection(EditorState.create({ doc, selection: TextSelection.create(doc, from, to) }), (tr) => {
    doc = tr.insertText('An émigré society.', tr.selection.from + 2).doc;
  });
  return doc;
}

describe('a span note', () => {
  it('is called right after its span in the HTML edition, its text in the notes list', () => {
    const rendered = renderDocument(annotated().toJSON(), [], 0, { resolve: () => null, entityHref: () => '#' });
    const note = rendered.notes.find((n) => n.body.includes('An émigré society.'));
    expect(note).toBeDefined();
    expect(rendered.body).toContain(`Russian Problem<a class="call" id="${note!.callAnchor}"`);
  });

  it('prints as a footnote called right after its span', () => {
    const edition = {
      title: 'T',
      witnesses: [],
      documents: [{ title: 'D', doc: annotated().toJSON() as DocJSON, apparatus: [] }],
      settings: {},
    };
    const { html } = buildPrintHtml(edition, resolvePrintSettings(edition.settings), {
      css: '',
      hyphenate: (s: string) => s,
    });
    const call = /Russian Problem<sup class="call" data-note="([\d-]+)">/.exec(html);
    expect(call).not.toBeNull();
    expect(html).toMatch(
      new RegExp(`<div class="fn" data-note="${call![1]}"><span class="fn-n">[^<]*</span>.*An émigré society\\.`),
    );
  });
});
