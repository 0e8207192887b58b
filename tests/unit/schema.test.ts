/**
 * The edition schema's content expressions: what nests where. The editor, both
 * importers and the exporters all rely on `doc.check()` to refuse a document that
 * does not fit, so these tests build documents node by node (with `create`, which does
 * not check) and ask `check()` for its verdict.
 */
import { Node as PMNode, type DOMOutputSpec, type Mark } from 'prosemirror-model';
import { describe, expect, it } from 'vitest';
import { importPlainText } from '../../edition/plaintext/index.ts';
import { schema, type MarkName, type NodeName } from '../../edition/schema.ts';
import { readSeed, SEED_NAME } from './plaintext/build.ts';

type Child = PMNode | string;

/** `n('paragraph', 'text', n('pageBreak', { n: '69' }))`: a node, unchecked. */
function n(type: NodeName, ...rest: Array<Child | Record<string, unknown>>): PMNode {
  const first = rest[0];
  const attrs = first !== undefined && typeof first === 'object' && !(first instanceof PMNode) ? first : null;
  const children = (attrs ? rest.slice(1) : rest) as Child[];
  return schema.nodes[type].create(
    attrs,
    children.map((c) => (typeof c === 'string' ? schema.text(c) : c)),
  );
}

function marked(text: string, ...marks: Mark[]): PMNode {
  return schema.text(text, marks);
}

function mark(type: MarkName, attrs: Record<string, unknown> | null = null): Mark {
  return schema.marks[type].create(attrs);
}

const p = (...c: Child[]) => n('paragraph', ...c);
const doc = (...c: Child[]) => n('doc', ...c);
const run = (...c: Child[]) => n('teiText', { name: null }, ...c);

describe('the edition schema', () => {
  it('has a node for every structure of a documentary edition and a mark for each highlight', () => {
    const nodes = Object.keys(schema.nodes);
    for (const name of [
      'heading',
      'paragraph',
      'sourceNote',
      'list',
      'label',
      'item',
      'opener',
      'closer',
      'dateline',
      'salute',
      'signed',
      'pageBreak',
      'lineBreak',
      'note',
      'teiBlock',
      'teiText',
      'teiInline',
    ]) {
      expect(nodes).toContain(name);
    }
    expect(Object.keys(schema.marks)).toEqual(
      expect.arrayContaining(['italic', 'bold', 'smallcaps', 'superscript', 'teiMark', 'mention']),
    );
  });

  it('accepts the seed despatch as the plain-text importer builds it, and keeps it through JSON', () => {
    const json = importPlainText(readSeed(), SEED_NAME).doc;
    const seed = PMNode.fromJSON(schema, json);
    expect(() => seed.check()).not.toThrow();
    expect(PMNode.fromJSON(schema, seed.toJSON()).eq(seed)).toBe(true);
    const types = new Set<string>();
    seed.descendants((node) => {
      types.add(node.type.name);
    });
    expect([...types].sort()).toEqual(
      [
        'sourceNote',
        'heading',
        'opener',
        'teiText',
        'paragraph',
        'list',
        'label',
        'item',
        'note',
        'pageBreak',
        'closer',
        'salute',
        'signed',
        'text',
      ].sort(),
    );
  });
});

describe('content the schema accepts', () => {
  const valid: Array<[string, () => PMNode]> = [
    [
      'a list of labelled items',
      () => doc(n('list', n('label', '1.'), n('item', 'One'), n('label', '2.'), n('item', 'Two'))),
    ],
    ['a list of items without labels', () => doc(n('list', n('item', 'One'), n('item', 'Two')))],
    ['a list that labels only some items', () => doc(n('list', n('item', 'One'), n('label', '2.'), n('item', 'Two')))],
    [
      'an opener with a seg and a dateline, a closer with salute and signature',
      () =>
        doc(
          n('opener', n('teiText', { name: 'seg' }, 'No. 256'), n('dateline', 'Tokyo, January 13, 1933.')),
          p('Sir: ...'),
          n('closer', n('salute', 'Respectfully yours,'), n('signed', 'Joseph C. Grew')),
        ),
    ],
    [
      'an unmodelled element holding blocks inside a closer',
      () => doc(n('closer', n('teiBlock', { name: 'postscript' }, p('P.S.')))),
    ],
    ['an unmodelled block holding nothing', () => doc(n('teiBlock', { name: 'div' }))],
    ['unmodelled blocks nested', () => doc(n('teiBlock', { name: 'div' }, n('teiBlock', { name: 'div' }, p('Deep.'))))],
    ['a note of one run of text', () => doc(p('enclosed.', n('note', { n: '89' }, run('Not printed.'))))],
    ['a note of several paragraphs', () => doc(p('text', n('note', { n: '1' }, p('First.'), p('Second.'))))],
    [
      'notes, page breaks and line breaks in every kind of text block',
      () =>
        doc(
          n('sourceNote', '761.94/587', n('note', { n: '1' }, run('Telegram.'))),
          n('heading', 'The Ambassador', n('lineBreak'), 'to the Secretary', n('note', { n: '2' }, run('x'))),
          n('list', n('label', '1.', n('pageBreak', { n: '3' })), n('item', 'in ', n('pageBreak', { n: '69' }), 'all')),
          n('closer', n('salute', 'Yours,', n('note', { n: '3' }, run('y'))), n('signed', 'A.', n('lineBreak'), 'B.')),
        ),
    ],
    ['an empty inline element where text may stand', () => doc(p('a', n('teiInline', { name: 'gap' }), 'b'))],
    [
      'overlapping highlights and nested mentions on the same text',
      () =>
        doc(
          p(
            marked(
              'Association',
              mark('italic'),
              mark('bold'),
              mark('teiMark', { name: 'orgName' }),
              mark('teiMark', { name: 'hi' }),
            ),
          ),
        ),
    ],
  ];

  for (const [what, build] of valid) {
    it(`accepts ${what}`, () => {
      const node = build();
      expect(() => node.check()).not.toThrow();
    });
  }
});

describe('content the schema refuses', () => {
  const invalid: Array<[string, () => PMNode]> = [
    ['an empty document', () => doc()],
    ['text straight in the document', () => doc('loose text')],
    ['a paragraph inside a paragraph', () => doc(p(p('inner')))],
    ['a heading inside a paragraph', () => doc(p(n('heading', 'inner')))],
    ['an item outside a list', () => doc(n('item', 'One'))],
    ['a label outside a list', () => doc(n('label', '1.'))],
    ['an empty list', () => doc(n('list'))],
    ['a label with no item after it', () => doc(n('list', n('item', 'One'), n('label', '2.')))],
    ['two labels in a row', () => doc(n('list', n('label', '1.'), n('label', '2.'), n('item', 'Two')))],
    ['a paragraph inside a list', () => doc(n('list', p('One')))],
    ['a paragraph inside an opener', () => doc(n('opener', p('No. 256')))],
    ['an empty closer', () => doc(n('closer'))],
    ['text straight in a closer', () => doc(n('closer', 'Respectfully yours,'))],
    ['a salute outside a closer or opener', () => doc(n('salute', 'Respectfully yours,'))],
    ['an empty note', () => doc(p('text', n('note', { n: '1' })))],
    ['text straight in a note', () => doc(p('text', n('note', { n: '1' }, 'Not printed.')))],
    ['a note straight in the document', () => doc(n('note', { n: '1' }, run('x')))],
    ['a page break outside text', () => doc(n('pageBreak', { n: '69' }))],
    ['content inside a page break', () => doc(p(n('pageBreak', { n: '69' }, 'x')))],
    ['an unmodelled block inside a paragraph', () => doc(p(n('teiBlock', { name: 'div' })))],
  ];

  for (const [what, build] of invalid) {
    it(`refuses ${what}`, () => {
      const node = build();
      expect(() => node.check()).toThrow(RangeError);
    });
  }

  it('is needed: Node.fromJSON lets invalid nesting through, only check() catches it', () => {
    const json = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'paragraph' }] }] };
    const loaded = PMNode.fromJSON(schema, json);
    expect(() => loaded.check()).toThrow(/Invalid content for node paragraph/);
  });

  it('refuses unknown node and mark types when loading JSON', () => {
    expect(() => PMNode.fromJSON(schema, { type: 'doc', content: [{ type: 'blockquote' }] })).toThrow(RangeError);
    const badMark = { type: 'text', text: 'x', marks: [{ type: 'underline' }] };
    expect(() =>
      PMNode.fromJSON(schema, { type: 'doc', content: [{ type: 'paragraph', content: [badMark] }] }),
    ).toThrow(RangeError);
  });

  it('requires the element name of an unmodelled block, element or mark', () => {
    // `{}`, not `null`: given null, ProseMirror fills every attribute with null unchecked.
    expect(() => schema.nodes.teiBlock.create({})).toThrow(/No value supplied for attribute name/);
    expect(() => schema.nodes.teiInline.create({})).toThrow(/No value supplied for attribute name/);
    expect(() => schema.marks.teiMark.create({})).toThrow(/No value supplied for attribute name/);
  });
});

describe('attributes and marks', () => {
  it('gives page breaks, notes and generic text runs null defaults and no extra XML attributes', () => {
    expect(schema.nodes.pageBreak.create().attrs).toEqual({ n: null, facs: null, xml: [] });
    expect(schema.nodes.note.create(null, run('x')).attrs).toEqual({ n: null, type: null, id: null, xml: [] });
    expect(schema.nodes.teiText.create().attrs).toMatchObject({ name: null, xml: [] });
  });

  it('lets a highlight apply once but unmodelled elements and mentions many times', () => {
    const italic = mark('italic');
    expect(italic.addToSet(italic.addToSet([]))).toHaveLength(1);
    const orgName = mark('teiMark', { name: 'orgName' });
    const placeName = mark('teiMark', { name: 'placeName' });
    expect(placeName.addToSet(orgName.addToSet([]))).toHaveLength(2);
    const org = schema.marks.mention.create({ kind: 'org' });
    const place = schema.marks.mention.create({ kind: 'place' });
    expect(place.addToSet(org.addToSet([]))).toHaveLength(2);
  });
});

/** How many content holes (`0`) an output spec has. */
function holes(spec: DOMOutputSpec | 0): number {
  if (spec === 0) return 1;
  if (!Array.isArray(spec)) return 0;
  return (spec as readonly unknown[])
    .slice(1)
    .reduce<number>((sum, child) => sum + holes(child as DOMOutputSpec | 0), 0);
}

describe('rendering specs (checked without a DOM)', () => {
  const sample: Partial<Record<string, Record<string, unknown>>> = {
    teiBlock: { name: 'div' },
    teiText: { name: 'seg' },
    teiInline: { name: 'gap' },
  };

  for (const [name, type] of Object.entries(schema.nodes)) {
    const toDOM = type.spec.toDOM;
    if (!toDOM) continue;
    it(`${name} renders ${type.isLeaf ? 'without' : 'with exactly one'} content hole`, () => {
      const node = type.create(sample[name] ?? null);
      expect(holes(toDOM(node))).toBe(type.isLeaf ? 0 : 1);
    });
  }

  for (const [name, type] of Object.entries(schema.marks)) {
    const toDOM = type.spec.toDOM;
    if (!toDOM) continue;
    it(`the mark ${name} renders with at most one content hole`, () => {
      const required: Record<string, Record<string, string>> = {
        teiMark: { name: 'hi' },
        mention: { kind: 'person' },
        noteSpan: { note: 'n1' },
      };
      const attrs = required[name] ?? null;
      expect(holes(toDOM(type.create(attrs), true))).toBeLessThanOrEqual(1);
    });
  }
});
