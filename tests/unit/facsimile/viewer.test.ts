/**
 * The viewer's pure parts: zone shapes as the drawing tools change them, tile keys, and
 * the text side of line-by-line transcription (lines, stepping, the next line's zone).
 */
import type { Node as PMNode } from 'prosemirror-model';
import { EditorState, TextSelection } from 'prosemirror-state';
import { builders } from 'prosemirror-test-builder';
import { describe, expect, it } from 'vitest';
import type { Surface, Zone } from '../../../edition/facsimile/api.ts';
import { zoneAt } from '../../../edition/facsimile/links.ts';
import { schema } from '../../../edition/schema.ts';
import {
  contains,
  moved,
  outline,
  polygonThrough,
  rectangleBetween,
  reshaped,
} from '../../../renderer/facsimile/geometry.ts';
import {
  atLineEnd,
  insertLinkedLineBreak,
  linkedLineZones,
  linkLine,
  linkPage,
  nextLineZone,
  pageBreakOf,
  selectionZone,
  stepLine,
} from '../../../renderer/facsimile/lines.ts';
import { parseTileKey, tileKey } from '../../../renderer/facsimile/tileKeys.ts';

const b = builders(schema, {
  p: { nodeType: 'paragraph' },
  pb: { nodeType: 'pageBreak' },
  lb: { nodeType: 'lineBreak' },
});
type Builder = (...args: unknown[]) => PMNode & { tag: Record<string, number> };
const doc = b['doc'] as Builder;
const p = b['p'] as Builder;
const pb = b['pb'] as Builder;
const lb = b['lb'] as Builder;

function zone(id: string, over: Partial<Zone> = {}): Zone {
  return {
    id,
    kind: 'line',
    type: null,
    ulx: 10,
    uly: 20,
    lrx: 110,
    lry: 40,
    points: null,
    baseline: null,
    parent: null,
    position: 0,
    ...over,
  };
}

function surface(zones: Zone[]): Surface {
  return {
    id: 's1',
    documentId: 'd',
    position: 0,
    n: '1',
    image: null,
    ulx: 0,
    uly: 0,
    lrx: 1000,
    lry: 1500,
    zones,
    metadata: [],
  };
}

function stateAt(d: PMNode & { tag: Record<string, number> }, tag = 'a'): EditorState {
  const state = EditorState.create({ doc: d });
  return state.apply(state.tr.setSelection(TextSelection.create(d, d.tag[tag]!)));
}

describe('zone shapes', () => {
  it('draws a rectangle between two corners dragged in any direction, and none without area', () => {
    expect(rectangleBetween([50, 80], [10, 20])).toEqual({
      kind: 'custom',
      ulx: 10,
      uly: 20,
      lrx: 50,
      lry: 80,
      points: null,
    });
    expect(rectangleBetween([5, 5], [5, 90])).toBeNull();
  });

  it('draws a polygon through three or more points, with their bounding box', () => {
    expect(
      polygonThrough([
        [0, 0],
        [10, 0],
      ]),
    ).toBeNull();
    const poly = polygonThrough([
      [0, 0],
      [10.4, 0],
      [5, 8.6],
    ]);
    expect(poly).toMatchObject({
      ulx: 0,
      uly: 0,
      lrx: 10,
      lry: 9,
      points: [
        [0, 0],
        [10, 0],
        [5, 9],
      ],
    });
  });

  it('counts a corner clicked twice (the double click that closes a polygon) once', () => {
    expect(
      polygonThrough([
        [0, 0],
        [10, 0],
        [10, 0],
        [5, 9],
        [5, 9],
      ])?.points,
    ).toEqual([
      [0, 0],
      [10, 0],
      [5, 9],
    ]);
    expect(
      polygonThrough([
        [0, 0],
        [10, 0],
        [10, 0],
      ]),
    ).toBeNull();
  });

  it('moves a zone, its outline and box together, keeping its id and kind', () => {
    const z = zone('z1', {
      points: [
        [10, 20],
        [110, 20],
        [60, 40],
      ],
    });
    expect(moved(z, 5, -10)).toMatchObject({
      id: 'z1',
      kind: 'line',
      ulx: 15,
      uly: 10,
      lrx: 115,
      lry: 30,
      points: [
        [15, 10],
        [115, 10],
        [65, 30],
      ],
    });
  });

  it('reshapes a rectangle by a corner, the opposite corner staying put', () => {
    const z = zone('z1');
    // handle 2 is the bottom right corner; the top left (10, 20) stays
    expect(reshaped(z, 2, [200, 90])).toMatchObject({ ulx: 10, uly: 20, lrx: 200, lry: 90, points: null });
    // dragged past the opposite corner the rectangle flips rather than turning inside out
    expect(reshaped(z, 2, [0, 0])).toMatchObject({ ulx: 0, uly: 0, lrx: 10, lry: 20 });
    expect(() => reshaped(z, 4, [0, 0])).toThrow(RangeError);
  });

  it('reshapes a polygon by moving one vertex', () => {
    const z = zone('z1', {
      points: [
        [0, 0],
        [10, 0],
        [5, 8],
      ],
    });
    expect(reshaped(z, 2, [5, 30])).toMatchObject({
      lry: 30,
      points: [
        [0, 0],
        [10, 0],
        [5, 30],
      ],
    });
  });

  it('tells whether a point is inside a zone', () => {
    const tri = zone('t', {
      points: [
        [0, 0],
        [100, 0],
        [0, 100],
      ],
    });
    expect(contains(tri, [10, 10])).toBe(true);
    expect(contains(tri, [90, 90])).toBe(false);
    expect(outline(zone('r'))).toEqual([
      [10, 20],
      [110, 20],
      [110, 40],
      [10, 40],
    ]);
  });
});

describe('tile keys', () => {
  it('name a tile uniquely and read back, whatever the image id holds', () => {
    const key = tileKey('img/1 ä', 12, 3, 4);
    expect(parseTileKey(key)).toEqual({ imageId: 'img/1 ä', level: 12, x: 3, y: 4 });
    expect(parseTileKey('https://example.org/tile.jpg')).toBeNull();
  });
});

describe('lines of a page', () => {
  const page = () =>
    doc(
      p(
        pb({ facs: '#s1' }),
        lb({ facs: '#l1' }),
        'first<a> line',
        lb({ facs: '#l2' }),
        'sec<b>ond<c>',
        lb(),
        'third<d>',
      ),
    );

  it('finds a surface’s page break and the zone the caret’s line is linked to', () => {
    const d = page();
    expect(pageBreakOf(d, 's1')).toBe(1);
    expect(pageBreakOf(d, 'nope')).toBeNull();
    expect(zoneAt(d, d.tag['a']!)).toBe('l1');
    expect(zoneAt(d, d.tag['b']!)).toBe('l2');
  });

  it('steps the caret to the next and the previous line, and stops at the ends', () => {
    const d = page();
    const second = stepLine(d, d.tag['a']!, 1)!;
    expect(zoneAt(d, second)).toBe('l2');
    expect(d.textBetween(second, second + 6)).toBe('second');
    expect(stepLine(d, d.tag['b']!, -1)).toBe(d.tag['a']! - 'first'.length);
    expect(stepLine(d, d.tag['d']!, 1)).toBeNull();
    expect(stepLine(d, d.tag['a']! - 'first'.length, -1)).toBeNull();
  });

  it('knows the caret is at a line’s end before a break or at the block’s end, and not within', () => {
    const d = page();
    expect(atLineEnd(stateAt(d, 'c'))).toBe(true);
    expect(atLineEnd(stateAt(d, 'd'))).toBe(true);
    expect(atLineEnd(stateAt(d, 'b'))).toBe(false);
  });

  it('proposes the line zone after the current one, or the first one not yet linked', () => {
    const s = surface([
      zone('l2', { position: 1 }),
      zone('l1', { position: 0 }),
      zone('r1', { kind: 'region', position: 0 }),
      zone('l3', { position: 2 }),
    ]);
    expect(nextLineZone(s, 'l1', new Set())).toBe('l2');
    expect(nextLineZone(s, 'l3', new Set())).toBeNull();
    expect(nextLineZone(s, null, linkedLineZones(page()))).toBe('l3');
  });

  it('starts a new line linked to a zone, the caret after it', () => {
    const state = stateAt(page(), 'd');
    const tr = insertLinkedLineBreak(state, 'l3')!;
    const next = state.apply(tr);
    expect(zoneAt(next.doc, next.selection.from)).toBe('l3');
    expect(next.doc.textContent).toBe(state.doc.textContent);
  });

  it('gives a caret at the start of a linked span, and a range, the zone of their first character', () => {
    const b2 = builders(schema, { seg: { markType: 'teiMark', name: 'seg' } });
    const seg = b2['seg'] as Builder;
    const d = doc(p(lb({ facs: '#l1' }), '<a>', seg({ xml: [['facs', '#w1']] }, 'Wo<b>rd<c>'), ' rest<d>'));
    const at = (from: number, to = from) => selectionZone(d, TextSelection.create(d, from, to));
    expect(at(d.tag['a']!)).toBe('w1');
    expect(at(d.tag['b']!)).toBe('w1');
    expect(at(d.tag['c']!)).toBe('l1');
    expect(at(d.tag['a']!, d.tag['c']!)).toBe('w1');
    expect(at(d.tag['c']!, d.tag['d']!)).toBe('l1');
  });

  it('links the caret’s line and page to a zone and a surface', () => {
    const state = stateAt(page(), 'd');
    const lined = state.apply(linkLine(state, 'l9')!);
    expect(zoneAt(lined.doc, lined.selection.from)).toBe('l9');
    const paged = lined.apply(linkPage(lined, 's2')!);
    expect(pageBreakOf(paged.doc, 's2')).toBe(1);
    // a block with no line break gets one at its start
    const plain = stateAt(doc(p('no breaks<a>')));
    const linked = plain.apply(linkLine(plain, 'l1')!);
    expect(zoneAt(linked.doc, linked.selection.from)).toBe('l1');
    expect(linkPage(plain, 's1')).toBeNull();
  });
});
