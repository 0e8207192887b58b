import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Node as PMNode } from 'prosemirror-model';
import { EditorState, NodeSelection, TextSelection } from 'prosemirror-state';
import { history, undo } from 'prosemirror-history';
import { describe, expect, it } from 'vitest';
import {
  attributeRows,
  checkAttribute,
  checkAttributeName,
  idsIn,
  isW3cTemporal,
  withXmlAttr,
} from '../../../edition/attributes/index.ts';
import { schema } from '../../../edition/schema.ts';
import { exportCollectionTei, importTei } from '../../../edition/tei/index.ts';
import { setAttribute, targetsAt } from '../../../renderer/attributes/attrCommands.ts';

const FILE = resolve(import.meta.dirname, '../../../../shared/corpus/frus/frus1938v03-d486-grew-3534.xml');
const imported = importTei(readFileSync(FILE, 'utf8'), 'frus1938v03-d486-grew-3534.xml');
const despatch = imported.documents[0]!;
const docNode = PMNode.fromJSON(schema, despatch.doc);

/** A state with the caret just inside the first occurrence of `words`. */
function caretIn(words: string, offset = 1): EditorState {
  let at = -1;
  docNode.descendants((node, pos) => {
    if (at < 0 && node.isText && node.text!.includes(words)) at = pos + node.text!.indexOf(words) + offset;
    return at < 0;
  });
  if (at < 0) throw new Error(`"${words}" not in the despatch`);
  return EditorState.create({ doc: docNode, selection: TextSelection.create(docNode, at), plugins: [history()] });
}

const none = { ids: new Map<string, number>(), previous: null };

describe('the attributes at the caret of a FRUS despatch', () => {
  it('list the persName, its italic and the head around it, innermost first, with their attributes', () => {
    const targets = targetsAt(caretIn('Grew'));
    expect(targets.map((t) => t.element)).toEqual(['persName', 'hi', 'head']);
    const persName = targets[0]!;
    expect(attributeRows(persName.kind === 'mark' ? persName.mark : persName.node)).toEqual([
      { name: 'type', value: 'from', source: { kind: 'xml' } },
    ]);
    const hi = targets[1]!;
    expect(attributeRows(hi.kind === 'mark' ? hi.mark : hi.node)).toEqual([
      { name: 'rend', value: 'italic', source: { kind: 'fixed' } },
    ]);
  });

  it('change a mark’s attribute over its whole extent in one undoable transaction, and export it', () => {
    const state = caretIn('Secretary of State', 3);
    const gloss = targetsAt(state).find((t) => t.element === 'gloss')!;
    expect(gloss.kind).toBe('mark');
    const tr = setAttribute(state, gloss, 'corresp', '#secretary')!;
    const after = state.apply(tr);
    const again = targetsAt(after).find((t) => t.element === 'gloss')!;
    expect(again.kind === 'mark' && again.to - again.from).toBe('Secretary of State'.length);
    expect(attributeRows(again.kind === 'mark' ? again.mark : again.node).map((r) => [r.name, r.value])).toEqual([
      ['type', 'to'],
      ['corresp', '#secretary'],
    ]);
    const xml = exportCollectionTei(imported.collection.frame, new Map([[despatch.key, after.doc.toJSON()]]));
    expect(xml).toContain('<gloss type="to" corresp="#secretary">Secretary of State</gloss>');
    let undone: EditorState | null = null;
    undo(after, (t) => (undone = after.apply(t)));
    expect(undone!.doc.eq(docNode)).toBe(true);
  });

  it('set a block’s kept attribute and remove it again', () => {
    const state = caretIn('Tokyo');
    const dateline = targetsAt(state).find((t) => t.element === 'dateline')!;
    expect(dateline.kind).toBe('node');
    const changed = state.apply(setAttribute(state, dateline, 'rendition', '#left')!);
    const node = changed.doc.nodeAt(dateline.kind === 'node' ? dateline.pos : 0)!;
    expect(node.attrs['xml']).toEqual([['rendition', '#left']]);
    const removed = changed.apply(setAttribute(changed, dateline, 'rendition', null)!);
    expect(removed.doc.nodeAt(dateline.kind === 'node' ? dateline.pos : 0)!.attrs['xml']).toEqual([]);
  });

  it('change a note’s modelled attributes through the schema, and refuse to change a fixed one', () => {
    let noteAt = -1;
    docNode.descendants((node, pos) => {
      if (noteAt < 0 && node.type.name === 'note') noteAt = pos;
      return noteAt < 0;
    });
    expect(noteAt).toBeGreaterThan(0);
    const selected = EditorState.create({ doc: docNode, selection: NodeSelection.create(docNode, noteAt) });
    const note = targetsAt(selected)[0]!;
    expect(note.element).toBe('note');
    const after = selected.apply(setAttribute(selected, note, 'xml:id', 'n1')!);
    expect(after.doc.nodeAt(noteAt)!.attrs['id']).toBe('n1');
    const state = caretIn('Grew');
    const hi = targetsAt(state).find((t) => t.element === 'hi')!;
    expect(setAttribute(state, hi, 'rend', 'bold')).toBeNull();
  });
});

describe('attribute values are checked against what the schema allows', () => {
  it('xml:id: a name, and unique in the document', () => {
    expect(checkAttribute('p', 'xml:id', '3 ab', none)?.level).toBe('error');
    const ids = new Map([['d1', 1]]);
    expect(checkAttribute('p', 'xml:id', 'd1', { ids, previous: null })?.message).toMatch(/already used/);
    expect(checkAttribute('p', 'xml:id', 'd1', { ids, previous: 'd1' })).toBeNull();
    expect(checkAttribute('p', 'xml:id', 'd2', { ids, previous: null })).toBeNull();
  });

  it('pointers: URIs without spaces or forbidden characters, several separated by spaces', () => {
    expect(checkAttribute('persName', 'ref', '#p1 #p2', none)).toBeNull();
    expect(checkAttribute('persName', 'corresp', 'https://viaf.org/viaf/12345', none)).toBeNull();
    expect(checkAttribute('persName', 'ref', '<p1>', none)?.message).toMatch(/not a URI/);
    expect(checkAttribute('persName', 'ref', ' ', none)?.message).toMatch(/at least one pointer/);
  });

  it('dates: W3C forms only, with real months and days', () => {
    for (const good of ['1938', '1938-12', '1938-12-22', '1938-12-22T10:15:00Z', '--12-22', '10:15'])
      expect(isW3cTemporal(good), good).toBe(true);
    for (const bad of ['1938-13-01', '1938-02-30', '22 December 1938', '1938/12/22', ''])
      expect(isW3cTemporal(bad), bad).toBe(false);
    expect(checkAttribute('date', 'when', 'December 22, 1938', none)?.message).toMatch(/W3C date/);
    expect(checkAttribute('span', 'from', '#a1', none)).toBeNull();
  });

  it('closed lists are errors; the FRUS schema’s narrower note types a warning', () => {
    expect(checkAttribute('persName', 'cert', 'maybe', none)?.level).toBe('error');
    expect(checkAttribute('persName', 'cert', 'high', none)).toBeNull();
    expect(checkAttribute('note', 'type', 'editorial', none)?.level).toBe('warning');
    expect(checkAttribute('note', 'type', 'summary', none)).toBeNull();
    expect(checkAttribute('p', 'xml:lang', 'en-GB', none)).toBeNull();
    expect(checkAttribute('p', 'xml:lang', 'english language', none)?.level).toBe('error');
  });

  it('names: qualified XML names only', () => {
    expect(checkAttributeName('frus:doc-dateTime-min')).toBeNull();
    expect(checkAttributeName('1type')?.level).toBe('error');
    expect(checkAttributeName('a b')?.level).toBe('error');
  });

  it('the kept list is edited in place, added to at the end, and removed from', () => {
    const xml = [
      ['type', 'from'],
      ['ref', '#p1'],
    ] as const;
    expect(withXmlAttr(xml, 'type', 'to')).toEqual([
      ['type', 'to'],
      ['ref', '#p1'],
    ]);
    expect(withXmlAttr(xml, 'cert', 'low')).toEqual([...xml, ['cert', 'low']]);
    expect(withXmlAttr(xml, 'type', null)).toEqual([['ref', '#p1']]);
  });

  it('ids are counted across notes and kept xml:id attributes', () => {
    const state = caretIn('Tokyo');
    const [, , dateline, opener] = targetsAt(state);
    expect([dateline?.element, opener?.element]).toEqual(['dateline', 'opener']);
    let next = state.apply(setAttribute(state, dateline!, 'xml:id', 'tokyo')!);
    next = next.apply(setAttribute(next, opener!, 'xml:id', 'tokyo')!);
    expect(idsIn(next.doc).get('tokyo')).toBe(2);
    expect(checkAttribute('p', 'xml:id', 'tokyo', { ids: idsIn(next.doc), previous: null })?.level).toBe('error');
  });
});
