/**
 * Span notes in TEI: a note on a span exports as `<note targetEnd="#…">` at the
 * span's start and `<anchor xml:id="…"/>` at its end, validates against
 * tei_all, and imports back to the same document; TEI written that way by hand
 * imports as a span note; anchors no note points to stay generic.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { EditorState, TextSelection } from 'prosemirror-state';
import { afterAll, describe, expect, it } from 'vitest';
import { noteOnSelection } from '../../../edition/notes/command.ts';
import { noteSpanAt } from '../../../edition/notes/spans.ts';
import { importPlainText } from '../../../edition/plaintext/index.ts';
import { schema } from '../../../edition/schema.ts';
import { exportDocumentTei, importTei } from '../../../edition/tei/index.ts';
import { find, seedText } from '../entities/helpers.ts';
import { withoutLayout } from './withoutLayout.ts';

const TEI_ALL = resolve(import.meta.dirname, '../../../../shared/schema/tei_all.rng');
const dir = mkdtempSync(join(tmpdir(), 'siglum-notespan-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function jingErrors(xml: string, name: string): string[] {
  const path = join(dir, name);
  writeFileSync(path, xml);
  const run = spawnSync('jing', [TEI_ALL, path], { encoding: 'utf8' });
  if (run.error) throw run.error;
  return run.stdout.split('\n').filter((l) => l.includes('error:'));
}

/** The seed despatch with notes on "Su Ping-wen" (italicised first) and on "Manchuli" inside it. */
function annotatedSeed() {
  const seed = importPlainText(seedText, 'frus1933v03-d63-grew-256.txt');
  let doc = schema.nodeFromJSON(seed.doc);
  const onSpan = (needle: string, body: string): void => {
    const { from, to } = find(doc, needle);
    const state = EditorState.create({ doc, selection: TextSelection.create(doc, from, to) });
    noteOnSelection(state, (tr) => {
      const notePos = tr.selection.from;
      tr.insertText(body, notePos + 2);
      doc = tr.doc;
    });
  };
  const su = find(doc, 'Su Ping-wen');
  doc = EditorState.create({ doc }).tr.addMark(su.from, su.to, schema.marks.italic.create()).doc;
  onSpan('Su Ping-wen', 'General Su Ping-wen, commander at Manchuli.');
  onSpan('Association for Settlement of the Russian Problem', 'Not identified further.');
  return { meta: seed.meta, doc };
}

describe('span notes in TEI', () => {
  const { meta, doc } = annotatedSeed();
  const xml = exportDocumentTei(doc.toJSON(), meta);

  it("write the note at the span's start with targetEnd, and an anchor at its end", () => {
    expect(xml).toMatch(
      /<note xml:id="note-[0-9a-z]+" targetEnd="#note-[0-9a-z]+-end">Not identified further\.<\/note>Association for Settlement of the Russian Problem<anchor xml:id="note-[0-9a-z]+-end"\/>/,
    );
    expect(xml).toMatch(
      /<note xml:id="note-[0-9a-z]+" targetEnd="#(note-[0-9a-z]+-end)">General Su Ping-wen[^<]*<\/note><hi rend="italic">Su Ping-wen<\/hi><anchor xml:id="\1"\/>/,
    );
  });

  it('validate against tei_all', () => {
    expect(jingErrors(xml, 'seed-spans.xml')).toEqual([]);
  });

  it('import back to the same document', () => {
    const back = importTei(xml, 'seed-spans.xml').documents[0]!.doc;
    expect(withoutLayout(back)).toEqual(withoutLayout(doc.toJSON()));
  });

  it('read hand-written targetEnd notes as span notes, and leave other anchors generic', () => {
    const hand = xml.replace(
      /<body>[\s\S]*<\/body>/,
      `<body>
            <p>The <note xml:id="fn1" n="3" targetEnd="#a1">A lemma.</note>quoted <hi rend="italic">words</hi><anchor xml:id="a1"/> and a <anchor xml:id="loose"/>point.</p>
        </body>`,
    );
    expect(jingErrors(hand, 'hand.xml')).toEqual([]);
    const read = schema.nodeFromJSON(importTei(hand, 'hand.xml').documents[0]!.doc);
    let notePos = -1;
    const anchors: string[] = [];
    read.descendants((n, pos) => {
      if (n.type === schema.nodes.note) notePos = pos;
      if (n.type === schema.nodes.teiInline) anchors.push(JSON.stringify(n.attrs['xml']));
      return true;
    });
    expect(noteSpanAt(read, notePos)?.text).toBe('quoted words');
    const note = read.nodeAt(notePos)!;
    expect(note.attrs['n']).toBe('3');
    expect(note.attrs['xml']).toEqual([]);
    expect(anchors).toEqual([JSON.stringify([['xml:id', 'loose']])]);
    const again = exportDocumentTei(read.toJSON(), meta);
    expect(again).toContain(
      '<p>The <note n="3" xml:id="fn1" targetEnd="#a1">A lemma.</note>quoted <hi rend="italic">words</hi><anchor xml:id="a1"/> and a <anchor xml:id="loose"/>point.</p>',
    );
  });

  it('read the target + targetEnd pair (note after its span) as a span note, and write it back in that form', () => {
    const para =
      '<p>As <anchor xml:id="s1"/>quoted <hi rend="italic">words</hi><anchor xml:id="e1"/><note xml:id="fn2" target="#s1" targetEnd="#e1">A pair.</note> end.</p>';
    const hand = xml.replace(/<body>[\s\S]*<\/body>/, `<body>\n            ${para}\n        </body>`);
    expect(jingErrors(hand, 'pair.xml')).toEqual([]);
    const read = schema.nodeFromJSON(importTei(hand, 'pair.xml').documents[0]!.doc);
    let notePos = -1;
    let anchors = 0;
    read.descendants((n, pos) => {
      if (n.type === schema.nodes.note) notePos = pos;
      if (n.type === schema.nodes.teiInline) anchors++;
      return true;
    });
    expect(anchors).toBe(0);
    expect(noteSpanAt(read, notePos)?.text).toBe('quoted words');
    expect(exportDocumentTei(read.toJSON(), meta)).toContain(para);
  });

  it('keep a targetEnd note as read, with its anchor generic, where a span would not write the source back', () => {
    const para =
      '<p>The <hi rend="italic"><note xml:id="fn3" targetEnd="#a3">Inside.</note>words</hi><anchor xml:id="a3"/> end.</p>';
    const hand = xml.replace(/<body>[\s\S]*<\/body>/, `<body>\n            ${para}\n        </body>`);
    const read = schema.nodeFromJSON(importTei(hand, 'inside.xml').documents[0]!.doc);
    expect(read.rangeHasMark(0, read.content.size, schema.marks.noteSpan)).toBe(false);
    const kinds: string[] = [];
    read.descendants((n) => {
      if (n.type === schema.nodes.note) kinds.push(`note ${JSON.stringify(n.attrs['xml'])}`);
      if (n.type === schema.nodes.teiInline) kinds.push(`${String(n.attrs['name'])} ${JSON.stringify(n.attrs['xml'])}`);
      return true;
    });
    expect(kinds).toEqual(['note [["targetEnd","#a3"]]', 'anchor [["xml:id","a3"]]']);
    expect(exportDocumentTei(read.toJSON(), meta)).toContain(para);
  });
});
