/**
 * The whitespace between elements: a volume imported and exported again comes back
 * byte for byte, whatever its indentation (two spaces, tabs), blank lines, breaks and
 * comments on lines of their own; blocks made in the editor are indented as their
 * siblings; documents stored before the whitespace was kept export as they did.
 */
import { Node as PMNode } from 'prosemirror-model';
import { describe, expect, it } from 'vitest';
import type { DocJSON } from '../../../edition/types.ts';
import { schema } from '../../../edition/schema.ts';
import { exportCollectionTei, exportDocumentTei, exportProjectTei, importTei } from '../../../edition/tei/index.ts';

/** A TEI file whose body is `body`, every line of the skeleton indented by `unit`. */
function volume(body: string, unit = '  '): string {
  const i = (n: number): string => unit.repeat(n);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<TEI xmlns="http://www.tei-c.org/ns/1.0">',
    `${i(1)}<teiHeader>`,
    `${i(2)}<fileDesc>`,
    `${i(3)}<titleStmt><title>Layout</title></titleStmt>`,
    `${i(3)}<publicationStmt><p>Test</p></publicationStmt>`,
    `${i(3)}<sourceDesc><p>Made up</p></sourceDesc>`,
    `${i(2)}</fileDesc>`,
    `${i(1)}</teiHeader>`,
    `${i(1)}<text>`,
    `${i(2)}<body>`,
    body,
    `${i(2)}</body>`,
    `${i(1)}</text>`,
    '</TEI>',
    '',
  ].join('\n');
}

function roundTrip(source: string): string {
  const read = importTei(source, 'layout.xml');
  return exportCollectionTei(read.collection.frame, new Map(read.documents.map((d) => [d.key, d.doc])));
}

const twoSpaces = volume(
  [
    '      <div type="document" xml:id="d1">',
    '        <pb n="1"/>',
    '        <pb n="2"/>',
    '        <p>Text one.</p>',
    '        <pb n="3"/>',
    '        <p>Text two.</p>',
    '      </div>',
  ].join('\n'),
);

describe('the whitespace between elements, imported and exported again', () => {
  it.each([
    ['indented by two spaces, with page breaks on lines of their own', twoSpaces],
    [
      'indented by tabs',
      volume(
        [
          '\t\t\t<div type="document" xml:id="d1">',
          '\t\t\t\t<head>Title</head>',
          '\t\t\t\t<p>Text one.</p>',
          '\t\t\t\t<list>',
          '\t\t\t\t\t<item>one</item>',
          '\t\t\t\t\t<item>two</item>',
          '\t\t\t\t</list>',
          '\t\t\t</div>',
        ].join('\n'),
        '\t',
      ),
    ],
    [
      'with blank lines between blocks and a comment on its own line',
      volume(
        [
          '      <div type="document" xml:id="d1">',
          '        <p>Text one.</p>',
          '',
          '        <!-- a comment -->',
          '',
          '',
          '        <p>Text two.</p>',
          '      </div>',
        ].join('\n'),
      ),
    ],
    [
      'with breaks, milestones and anchors on one line and on several',
      volume(
        [
          '      <div type="document" xml:id="d1">',
          '        <pb n="1"/> <milestone unit="section"/><anchor xml:id="a1"/>',
          '        <lb/>',
          '        <p>Text one.</p><p>Text two.</p>',
          '      </div>',
        ].join('\n'),
      ),
    ],
    [
      'with odd whitespace before the closing tags of a document and of a div in it',
      volume(
        [
          '      <div type="document" xml:id="d1">',
          '        <div type="section">',
          '            <p>Deeper than its parent by four.</p>',
          '          ',
          '        </div>',
          '        <p>Text.</p>   </div>',
          '      <div type="document" xml:id="d2">',
          '      </div>',
          '      <div type="document" xml:id="d3"/>',
        ].join('\n'),
      ),
    ],
    [
      'with a paragraph holding a note next to element-only lists',
      volume(
        [
          '      <div type="document" xml:id="d1">',
          '        <opener>',
          '          <dateline>Paris, <date when="1900-01-01">1 January 1900</date>.</dateline>',
          '          <salute>Sir:</salute>',
          '        </opener>',
          '        <note n="1" place="foot">A footnote.</note>',
          '        <p>Text.</p>',
          '      </div>',
        ].join('\n'),
      ),
    ],
  ])('comes back byte for byte from a volume %s', (_what, source) => {
    expect(roundTrip(source)).toBe(source);
  });

  it('comes back byte for byte from a file that is one document (its body)', () => {
    const source = volume(['        <p>One.</p>', '', '        <pb n="2"/>', '        <p>Two.</p>'].join('\n'), '    ');
    expect(roundTrip(source)).toBe(source);
  });

  it('indents a paragraph made in the editor as its siblings', () => {
    const read = importTei(twoSpaces, 'layout.xml');
    const doc = PMNode.fromJSON(schema, read.documents[0]!.doc);
    const added = doc.copy(doc.content.addToEnd(schema.nodes.paragraph.create(null, schema.text('Added.'))));
    const out = exportCollectionTei(read.collection.frame, new Map([['d1', added.toJSON() as DocJSON]]));
    expect(out).toBe(twoSpaces.replace('<p>Text two.</p>\n', '<p>Text two.</p>\n        <p>Added.</p>\n'));
  });

  it('indents a list made in the editor one unit of the source deeper', () => {
    const read = importTei(twoSpaces, 'layout.xml');
    const doc = PMNode.fromJSON(schema, read.documents[0]!.doc);
    const list = schema.nodes.list.create(null, [schema.nodes.item.create(null, schema.text('New.'))]);
    const out = exportCollectionTei(
      read.collection.frame,
      new Map([['d1', doc.copy(doc.content.addToEnd(list)).toJSON() as DocJSON]]),
    );
    expect(out).toContain(
      '<p>Text two.</p>\n        <list>\n          <item>New.</item>\n        </list>\n      </div>',
    );
  });

  it('exports a document stored before its whitespace was kept as it did: indented by four spaces', () => {
    const read = importTei(twoSpaces, 'layout.xml');
    // What the importer made of the document then: the two breaks in one run, no whitespace.
    const { teiText, pageBreak, paragraph } = schema.nodes;
    const pb = (n: string): PMNode => pageBreak.create({ n });
    const old = schema.nodes.doc.create(null, [
      teiText.create({ name: null }, [pb('1'), pb('2')]),
      paragraph.create(null, schema.text('Text one.')),
      teiText.create({ name: null }, [pb('3')]),
      paragraph.create(null, schema.text('Text two.')),
    ]);
    const out = exportCollectionTei(read.collection.frame, new Map([['d1', old.toJSON() as DocJSON]]));
    expect(out).toBe(
      twoSpaces.replace(
        /(<div type="document" xml:id="d1">)[\s\S]*?(<\/div>)/,
        '$1\n          <pb n="1"/><pb n="2"/>\n          <p>Text one.</p>\n          <pb n="3"/>\n          <p>Text two.</p>\n      $2',
      ),
    );
  });

  it('writes a document on its own laid out as its volume: the same unit, moved to where it stands', () => {
    // The document, its lines indented by `indent` (the blank line stays empty).
    const lines = ['<div type="document" xml:id="d1">', '  <pb n="1"/>', '  <pb n="2"/>', '', '  <list>'];
    lines.push('    <item>one</item>', '  </list>', '</div>');
    const at = (indent: string): string => lines.map((l) => (l === '' ? l : indent + l)).join('\n');
    const source = volume(['      <div type="chapter">', at('        '), '      </div>'].join('\n'));
    const read = importTei(source, 'layout.xml');
    const d = read.documents[0]!;
    const out = exportDocumentTei(d.doc, d.meta, { frame: read.collection.frame, key: d.key });
    expect(out).toContain('\n  <teiHeader>\n    <fileDesc>\n      <titleStmt>\n');
    expect(out).toContain(`\n    <body>\n${at('      ')}\n    </body>\n`);
  });

  it('moves a document written at the margin on its own without adding spaces to its blank lines', () => {
    const lines = ['<div type="document" xml:id="d1">', '<p>One.</p>', '', '<p>Two.</p>', '</div>'];
    const read = importTei(volume(lines.join('\n')), 'layout.xml');
    const d = read.documents[0]!;
    const out = exportDocumentTei(d.doc, d.meta, { frame: read.collection.frame, key: d.key });
    expect(out).toContain(`\n    <body>\n${lines.map((l) => (l === '' ? l : `      ${l}`)).join('\n')}\n    </body>\n`);
  });

  it('writes each volume of a teiCorpus with the whitespace of its source', () => {
    const read = importTei(twoSpaces, 'layout.xml');
    const out = exportProjectTei([
      { frame: read.collection.frame, docs: new Map(read.documents.map((d) => [d.key, d.doc])) },
    ]);
    const body = /<div type="document"[\s\S]*?<\/div>/.exec(twoSpaces)![0];
    expect(out).toContain(body);
    expect(out).toContain('<teiCorpus xmlns="http://www.tei-c.org/ns/1.0">\n  <teiHeader>\n    <fileDesc>\n');
  });
});
