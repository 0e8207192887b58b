import type { Node as PMNode } from 'prosemirror-model';
import { describe, expect, it } from 'vitest';
import { importPlainText } from '../../../edition/plaintext/index.ts';
import { b, footnote, nodeOf, pieces, readSeed, SEED_NAME, seedLine } from './build.ts';

const imported = importPlainText(readSeed(), SEED_NAME);
const doc = nodeOf(imported.doc);
const blocks: PMNode[] = [];
doc.forEach((block) => blocks.push(block));

function only(type: string): PMNode {
  const found = blocks.filter((block) => block.type.name === type);
  expect(found).toHaveLength(1);
  return found[0] as PMNode;
}

/** Every node of `type` in the document, in reading order. */
function all(type: string): PMNode[] {
  const found: PMNode[] = [];
  doc.descendants((node) => {
    if (node.type.name === type) found.push(node);
  });
  return found;
}

/** The document's text outside its notes, one line per text node. */
function runningText(node: PMNode): string {
  const texts: string[] = [];
  node.descendants((child) => {
    if (child.type.name === 'note') return false;
    if (child.isText) texts.push(child.text ?? '');
    return true;
  });
  return texts.join('\n');
}

describe('the seed despatch (FRUS 1933 III, doc. 63) as plain text', () => {
  it('is a valid document of the edition schema', () => {
    expect(() => doc.check()).not.toThrow();
  });

  it('opens with the file number as source note, the From / To heading and the despatch number', () => {
    expect(blocks.slice(0, 3).map((block) => block.toString())).toEqual([
      b.sourceNote('761.94/587').toString(),
      b.heading('The Ambassador in Japan (Grew) to the Secretary of State').toString(),
      b.opener(b.seg('No. 256')).toString(),
    ]);
  });

  it('takes its title from the heading and its source from the file number; it has no dateline', () => {
    expect(imported.title).toBe('The Ambassador in Japan (Grew) to the Secretary of State');
    expect(imported.meta).toEqual({
      title: imported.title,
      date: null,
      source: '761.94/587',
      extra: {},
    });
  });

  it('reads the three numbered causes as one list of labelled items', () => {
    const list = only('list');
    const kinds: string[] = [];
    list.forEach((child) =>
      kinds.push(`${child.type.name} ${child.type.name === 'label' ? child.textContent : ''}`.trim()),
    );
    expect(kinds).toEqual(['label 1.', 'item', 'label 2.', 'item', 'label 3.', 'item']);
    expect(list.child(1).textContent).toMatch(/^The success of the Japanese military drive/);
    expect(list.child(5).textContent).toMatch(/^The resumption of diplomatic relations/);
  });

  it('puts the break before page 69 inside the third cause, right after "in "', () => {
    const line = seedLine('[Page 69]');
    const [before = '', after = ''] = line.split(' [Page 69] ');
    const third = only('list').child(5);
    expect(third.eq(b.item(`${before} `, b.pb({ n: '69' }), after))).toBe(true);
    expect(pieces(third)[1]).toBe('<pageBreak 69>');
    expect(pieces(third)[0]).toMatch(/nevertheless, in $/);
  });

  it('puts the break before page 70 inside the last paragraph, between "It " and "is believed"', () => {
    const last = blocks.filter((block) => block.type.name === 'paragraph').at(-1);
    expect(last).toBeDefined();
    const parts = pieces(last as PMNode);
    expect(parts).toHaveLength(3);
    expect(parts[0]).toMatch(/predominant\. It $/);
    expect(parts[1]).toBe('<pageBreak 70>');
    expect(parts[2]).toMatch(/^is believed by some observers/);
  });

  it('makes footnote 89 a note right after "enclosed." with the text of the first listed note', () => {
    const second = only('list').child(3);
    const parts = pieces(second);
    expect(parts.at(-2)).toMatch(/A translation of one of these posters is enclosed\.$/);
    expect(parts.at(-1)).toBe('<note 89>');
    expect(second.lastChild?.eq(footnote('89', 'Not printed.'))).toBe(true);
  });

  it('makes footnote 90 a note right after "4 p.m.)," with the text of the second listed note', () => {
    const paragraph = blocks.find((block) => block.textContent.includes('(No. 8, of January 6, 4 p.m.),'));
    expect(paragraph).toBeDefined();
    const parts = pieces(paragraph as PMNode);
    expect(parts).toHaveLength(3);
    expect(parts[0]).toMatch(/\(No\. 8, of January 6, 4 p\.m\.\),$/);
    expect(parts[1]).toBe('<note 90>');
    expect(parts[2]).toMatch(/^ in which I stated/);
    expect(paragraph?.child(1).eq(footnote('90', 'Not printed.'))).toBe(true);
  });

  it('has exactly the notes 89 and 90, in that order, and no trace of the notes list', () => {
    expect(all('note').map((note) => [note.attrs['n'], note.textContent])).toEqual([
      ['89', 'Not printed.'],
      ['90', 'Not printed.'],
    ]);
    expect(runningText(doc)).not.toContain('Not printed');
  });

  it('leaves no callout digits and no page markers in the running text', () => {
    const text = runningText(doc);
    expect(text).not.toMatch(/enclosed\.\d/);
    expect(text).not.toMatch(/[\p{L}\p{P}](89|90)\b/u);
    expect(text).not.toMatch(/\),\s*90/);
    expect(text).not.toMatch(/\[Page/);
    expect(all('pageBreak').map((pb) => pb.attrs['n'])).toEqual(['69', '70']);
  });

  it('keeps the ordinary numbers that are not callouts', () => {
    const text = runningText(doc);
    for (const kept of [
      'December, 1932, several',
      'December 21–22, 1932,',
      'No. 8, of January 6, 4 p.m.)',
      'spring of 1933.',
    ]) {
      expect(text).toContain(kept);
    }
  });

  it('ends with a closer holding the valediction and the signature', () => {
    expect(blocks.at(-1)?.eq(b.closer(b.salute('Respectfully yours,'), b.signed('Joseph C. Grew')))).toBe(true);
  });

  it('keeps the web edition’s typo "put Up in Tokyo"', () => {
    expect(runningText(doc)).toContain('were put Up in Tokyo by the');
  });

  it('gives the same document from CRLF line ends', () => {
    const crlf = readSeed().replace(/\n/g, '\r\n');
    expect(crlf).toContain('\r\n');
    expect(importPlainText(crlf, SEED_NAME)).toEqual(imported);
  });
});
