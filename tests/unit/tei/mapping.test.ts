import { builders } from 'prosemirror-test-builder';
import { describe, expect, it } from 'vitest';
import { SiglumError } from '../../../edition/errors.ts';
import { schema } from '../../../edition/schema.ts';
import { exportCollectionTei, exportDocumentTei, importTei } from '../../../edition/tei/index.ts';
import { canonicalDifference } from './canonical.ts';
import { withoutLayout } from './withoutLayout.ts';

const { doc, heading, paragraph, sourceNote, list, label, item, closer, signed, italic, smallcaps } = builders(schema);

const TEI = 'http://www.tei-c.org/ns/1.0';
const wrap = (body: string, ns = ''): string =>
  `<TEI xmlns="${TEI}"${ns}><teiHeader><fileDesc><titleStmt><title>Test volume</title></titleStmt><publicationStmt><p>p</p></publicationStmt><sourceDesc><p>s</p></sourceDesc></fileDesc></teiHeader><text><body>${body}</body></text></TEI>`;

function one(body: string) {
  const imported = importTei(wrap(body), 'test.xml');
  expect(imported.documents).toHaveLength(1);
  return { imported, d: imported.documents[0]! };
}

function roundTrip(body: string): string {
  const { imported } = one(body);
  return exportCollectionTei(imported.collection.frame, new Map(imported.documents.map((x) => [x.key, x.doc])));
}

describe('importTei maps modelled elements to their nodes', () => {
  it('reads a despatch: source note, heading, paragraphs with highlighting, a list, a closer', () => {
    const { d } = one(
      '<div type="document" xml:id="d1" n="1"><note rend="inline" type="source">761.94/587</note><head><hi rend="italic">The Ambassador</hi> to the Secretary</head><p><hi rend="smallcaps">Sir</hi>: causes</p><list><label>1.</label><item>First</item><item>Second</item></list><closer><signed>Grew</signed></closer></div>',
    );
    const expected = doc(
      sourceNote({ xml: [['rend', 'inline']] }, '761.94/587'),
      heading(italic('The Ambassador'), ' to the Secretary'),
      paragraph(smallcaps('Sir'), ': causes'),
      list(label('1.'), item('First'), item('Second')),
      closer(signed('Grew')),
    );
    expect(withoutLayout(d.doc)).toEqual(withoutLayout(expected.toJSON()));
    expect(d).toMatchObject({ key: 'd1', n: '1', kind: 'document', title: 'The Ambassador to the Secretary' });
    expect(d.meta.source).toBe('761.94/587');
  });

  it('reads page breaks with n and facs, line breaks and footnotes with their n and xml:id', () => {
    const { d } = one(
      '<div type="document"><p>a<pb n="69" xml:id="pg_69" facs="0073"/>b<lb/>c<note n="89" xml:id="fn89">Not printed.</note></p></div>',
    );
    const para = schema.nodeFromJSON(d.doc).firstChild!;
    const kinds: Array<[string, Record<string, unknown>]> = [];
    para.forEach((n) => kinds.push([n.type.name, n.attrs]));
    expect(kinds.map((k) => k[0])).toEqual(['text', 'pageBreak', 'text', 'lineBreak', 'text', 'note']);
    expect(kinds[1]![1]).toMatchObject({ n: '69', facs: '0073', xml: [['xml:id', 'pg_69']] });
    expect(kinds[5]![1]).toMatchObject({ n: '89', id: 'fn89', type: null });
    expect(para.lastChild!.textContent).toBe('Not printed.');
  });
});

describe('importTei keeps what the schema does not model', () => {
  it('keeps unknown elements as generic nodes and marks with their name and attributes in order', () => {
    const { d } = one(
      '<div type="document"><opener><seg rendition="#left">No. 3</seg></opener><p>To <persName type="from" ref="#p1">Grew</persName><milestone unit="x"/></p><floatingText><body><p>inner</p></body></floatingText></div>',
    );
    const pm = schema.nodeFromJSON(d.doc);
    const seg = pm.firstChild!.firstChild!;
    expect([seg.type.name, seg.attrs['name'], seg.attrs['xml']]).toEqual(['teiText', 'seg', [['rendition', '#left']]]);
    const p = pm.child(1);
    expect(p.child(1).marks.map((m) => [m.type.name, m.attrs['name'], m.attrs['xml']])).toEqual([
      [
        'teiMark',
        'persName',
        [
          ['type', 'from'],
          ['ref', '#p1'],
        ],
      ],
    ]);
    expect([p.child(2).type.name, p.child(2).attrs['name']]).toEqual(['teiInline', 'milestone']);
    expect([pm.child(2).type.name, pm.child(2).attrs['name']]).toEqual(['teiBlock', 'floatingText']);
  });

  it('keeps comments, processing instructions and CDATA in content', () => {
    const body = '<div type="document"><p>a<!-- check -->b<?editor hold?>c<![CDATA[<d>]]></p><!-- between --></div>';
    expect(canonicalDifference(wrap(body), roundTrip(body))).toBeNull();
  });

  it('shows the tag name of unknown elements in the editor', () => {
    const { d } = one('<div type="document"><ab>text</ab></div>');
    const node = schema.nodeFromJSON(d.doc).firstChild!;
    const [tag, attrs, hole] = node.type.spec.toDOM!(node) as [string, Record<string, string>, number];
    expect([tag, hole]).toEqual(['div', 0]);
    expect(attrs).toMatchObject({ 'data-tei': 'ab', class: 'tei-text' });
  });

  it('keeps text in mixed content exactly, line breaks and indentation included', () => {
    const body = '<div type="document">\n  <p>one\n      two  <hi rend="italic">three</hi>\n  </p>\n</div>';
    const out = roundTrip(body);
    expect(out).toContain('<p>one\n      two  <hi rend="italic">three</hi>\n  </p>');
  });

  it('keeps a block inside a paragraph by making the paragraph generic', () => {
    const body = '<div type="document"><p>The following: <list><item>x</item></list> end</p></div>';
    const { d } = one(body);
    expect(schema.nodeFromJSON(d.doc).firstChild!.type.name).toBe('teiBlock');
    expect(canonicalDifference(wrap(body), roundTrip(body))).toBeNull();
  });
});

describe('mark nesting survives the round trip', () => {
  const cases = {
    'an element around highlighting, against schema order':
      '<p>(<persName type="from"><hi rend="italic">Grew</hi></persName>)</p>',
    'highlighting around an element': '<p><hi rend="italic"><persName>Grew</persName></hi></p>',
    'two adjacent equal elements': '<p><hi rend="italic">a</hi><hi rend="italic">b</hi></p>',
    'equal elements on both sides of an element':
      '<p><hi rend="italic">x</hi><persName><hi rend="italic">y</hi></persName></p>',
    'highlighting nested in itself': '<p><hi rend="italic">a <hi rend="italic">b</hi> c</hi></p>',
    'bold and italic coextensive in both orders':
      '<p><hi rend="bold"><hi rend="italic">a</hi></hi> <hi rend="italic"><hi rend="bold">b</hi></hi></p>',
    'a note inside highlighting': '<p><hi rend="italic">a<note n="1">b <hi rend="bold">c</hi></note></hi></p>',
  };
  it.each(Object.entries(cases))('%s', (_name, p) => {
    const body = `<div type="document">${p}</div>`;
    const out = roundTrip(body);
    expect(canonicalDifference(wrap(body), out)).toBeNull();
    const again = importTei(out, 'again.xml');
    expect(again.documents[0]!.doc).toEqual(one(body).d.doc);
  });

  it('numbers the marks of a container whose nesting goes against schema order', () => {
    const { d } = one('<div type="document"><p><hi rend="italic"><persName>Grew</persName></hi></p></div>');
    expect(JSON.stringify(d.doc)).toMatch(/"nest":0/);
    expect(JSON.stringify(d.doc)).toMatch(/"nest":1/);
  });

  it('leaves marks unnumbered where schema order writes the XML back already', () => {
    const { d: names } = one(
      '<div type="document"><p>(<persName type="from"><hi rend="italic">Grew</hi></persName>)</p></div>',
    );
    expect(JSON.stringify(names.doc)).not.toMatch(/"nest":\d/);
    const { d } = one(
      '<div type="document"><p><hi rend="italic">to the <gloss type="to">Secretary</gloss></hi></p></div>',
    );
    expect(JSON.stringify(d.doc)).not.toMatch(/"nest":\d/);
  });
});

describe('importTei reads volumes', () => {
  const volume = `<?xml version="1.0" encoding="UTF-8"?>
<?xml-model href="frus.rnc"?>
<TEI xmlns="${TEI}"><teiHeader><fileDesc><titleStmt><title type="complete">A Volume</title></titleStmt><publicationStmt><date>1952</date><idno type="frus">v1</idno></publicationStmt><sourceDesc><p>Printed.</p></sourceDesc></fileDesc></teiHeader>
<text><front><titlePage><docTitle><titlePart>A Volume</titlePart></docTitle></titlePage><div xml:id="preface"><head>Preface</head><p>Why.</p></div></front>
<body><div type="chapter"><head>Chapter 1</head><div type="document" xml:id="d1" n="1"><head>One</head><p>1</p></div><div type="document" xml:id="d2" n="2"><head>Two</head><p>2</p></div></div></body>
<back><div xml:id="index"><head>Index</head><p>A, 1</p></div></back></text></TEI>`;
  const imported = importTei(volume, 'v1.xml');

  it('makes a document of each document div and of each front and back matter div, in order', () => {
    expect(imported.documents.map((d) => [d.key, d.kind, d.title])).toEqual([
      ['preface', 'front', 'Preface'],
      ['d1', 'document', 'One'],
      ['d2', 'document', 'Two'],
      ['index', 'back', 'Index'],
    ]);
  });

  it('keeps header, title page, chapter heads and processing instructions in the frame', () => {
    const frame = imported.collection.frame;
    expect(frame).toContain('<?xml-model href="frus.rnc"?>');
    expect(frame).toContain('<titlePage>');
    expect(frame).toContain(
      '<head>Chapter 1</head><div type="document" xml:id="d1" n="1"><?siglum-document d1?></div>',
    );
    expect(frame).not.toContain('<p>1</p>');
    expect(imported.collection.meta).toEqual({
      title: 'A Volume',
      date: '1952',
      source: 'Printed.',
      extra: { 'idno:frus': 'v1' },
    });
  });

  it("makes one document of the body of a file without document divs, titled by the header's title", () => {
    const { d } = one('<head>Alone</head><p>Text.</p>');
    expect([d.key, d.kind, d.title]).toEqual(['body', 'document', 'Test volume']);
  });

  it("titles such a document by its first heading when the header has no title, and the volume by the file's name", () => {
    const untitled = wrap('<head>Alone</head><p>Text.</p>').replace('<title>Test volume</title>', '<title/>');
    const imported = importTei(untitled, 'letters.xml');
    expect([imported.collection.title, imported.documents.map((x) => x.title)]).toEqual(['letters', ['Alone']]);
  });

  it('dates a document by its first dated date, shortened to the day', () => {
    const { d } = one(
      '<div type="document"><opener><dateline><date when="1934-01-05T18:00:00">January 5, 1934—6 p.m.</date></dateline></opener><p>x</p></div>',
    );
    expect(d.meta.date).toBe('1934-01-05');
  });

  it('titles a body without a heading from the header', () => {
    const { d } = one('<p>Text.</p>');
    expect(d.title).toBe('Test volume');
  });

  it('makes one document of a text with no body (a group of texts)', () => {
    const xml = `<TEI xmlns="${TEI}"><teiHeader/><text><group><text><body><p>a</p></body></text><text><body><p>b</p></body></text></group></text></TEI>`;
    const imported = importTei(xml, 'group.xml');
    expect(imported.documents.map((d) => d.key)).toEqual(['text']);
    const out = exportCollectionTei(imported.collection.frame, new Map([['text', imported.documents[0]!.doc]]));
    expect(canonicalDifference(xml, out)).toBeNull();
  });

  it('appends documents added to the collection and refuses a placeholder without a document', () => {
    const docs = new Map(imported.documents.map((d) => [d.key, d.doc]));
    docs.set('new', doc(paragraph('Added')).toJSON() as never);
    expect(exportCollectionTei(imported.collection.frame, docs)).toMatch(
      /<div type="document">\s*<p>Added<\/p>\s*<\/div>\s*<\/body>/,
    );
    docs.delete('d1');
    expect(() => exportCollectionTei(imported.collection.frame, docs)).toThrow(
      /no document for the frame's placeholder "d1"/,
    );
  });

  it('exports a document without a frame straight into the body', () => {
    const xml = exportDocumentTei(doc(heading('Title'), paragraph('Text')).toJSON() as never, {
      title: 'T',
      date: null,
      source: null,
      extra: {},
    });
    expect(xml).toMatch(/<body>\s*<head>Title<\/head>\s*<p>Text<\/p>\s*<\/body>/);
    expect(withoutLayout(importTei(xml, 't.xml').documents[0]!.doc)).toEqual(
      withoutLayout(doc(heading('Title'), paragraph('Text')).toJSON()),
    );
  });

  it('refuses files that are not TEI', () => {
    expect(() => importTei('<html><body/></html>', 'page.html')).toThrow(SiglumError);
    expect(() => importTei('<html><body/></html>', 'page.html')).toThrow(/root element is <html>/);
  });

  it('refuses a file that holds its own placeholder instruction', () => {
    expect(() => importTei(wrap('<p>a<?siglum-document d1?></p>'), 'trick.xml')).toThrow(/reserves for its own use/);
  });

  it('treats CRLF line endings as LF (XML line-end normalisation)', () => {
    const crlf = importTei(wrap('<p>a\r\nb</p>').replace(/></g, '>\r\n<'), 'crlf.xml');
    expect(JSON.stringify(crlf.documents[0]!.doc)).toContain('a\\nb');
    expect(JSON.stringify(crlf.documents[0]!.doc)).not.toContain('\\r');
  });
});

describe('export refuses content that would break the XML', () => {
  const { teiText, teiInline } = builders(schema);
  const meta = { title: 't', date: null, source: null, extra: {} };
  const write = (d: ReturnType<typeof doc>): string => exportDocumentTei(d.toJSON() as never, meta);

  it('refuses element and attribute names that are not XML names', () => {
    expect(() => write(doc(teiText({ name: 'p><script' }, 'x')))).toThrow(/is not an XML name/);
    expect(() => write(doc(paragraph({ xml: [['a="1" b', 'v']] }, 'x')))).toThrow(/attribute name/);
  });

  it('refuses comments and processing instructions that would end early', () => {
    expect(() => write(doc(paragraph('a', teiInline({ name: '#comment', text: 'x -- y' }))))).toThrow(/comment/);
    expect(() => write(doc(paragraph('a', teiInline({ name: '#pi', text: 'x ?><evil/>' }))))).toThrow(
      /processing instruction/,
    );
  });

  it('escapes attribute values and text', () => {
    const xml = write(doc(paragraph({ xml: [['rend', '"<&>']] }, 'a < b && c > d &amp;')));
    expect(xml).toContain('<p rend="&quot;&lt;&amp;>">a &lt; b &amp;&amp; c &gt; d &amp;amp;</p>');
  });
});

describe('export of entity mentions', () => {
  it('writes a mention as its TEI element with the register id as pointer', () => {
    const person = schema.marks.mention.create({ kind: 'person', ref: 'p1', xml: [['type', 'from']] });
    const date = schema.marks.mention.create({ kind: 'date', when: '1934-01-01' });
    const d = doc(paragraph(schema.text('Grew', [person]), ' on ', schema.text('1 Jan', [date])));
    const xml = exportDocumentTei(d.toJSON() as never, { title: 't', date: null, source: null, extra: {} });
    expect(xml).toContain(
      '<p><persName type="from" ref="#p1">Grew</persName> on <date when="1934-01-01">1 Jan</date></p>',
    );
  });
});

describe('a document of awkward structures', () => {
  // Elements in unusual places, each of which must come back exactly.
  const body = `<div type="document" xml:id="k1">
  <head type="x">Head <!-- c --> with <![CDATA[cdata <x>]]> and <note n="1">a note <list><item>in a list</item></list></note></head>
  <list type="ordered"><head>List head</head><item>one</item></list>
  <list><!-- comment in list --><item>a</item></list>
  <list><label>1.</label><label>2.</label><item>x</item></list>
  <table><row role="label"><cell>A</cell><cell>B <hi rend="bold">b</hi></cell></row></table>
  <opener><pb n="3"/><dateline>Here</dateline>text in opener<salute>Sir</salute></opener>
  <p>Para <hi rend="italic"><p>block in hi</p></hi> tail</p>
  <p>x<egXML xmlns="http://www.tei-c.org/ns/Examples"><p>example p</p></egXML>y</p>
  <p xml:space="preserve">  spaced   text  </p>
  <quote><p>quoted para</p></quote>
  <div type="document" xml:id="inner"><p>nested doc</p></div>
  <closer>Respectfully, <signed>S</signed><lb/>tail</closer>
  <closer><p>para in closer</p></closer>
  <p><hi rend="italic underline">multi rend</hi><hi rend="superscript">2</hi><hi rend="bold"/><persName/></p>
  <fw type="header">running head</fw>
  <note type="source"><p>source with para</p></note>
  <ab><hi rend="smallcaps"><hi rend="bold">both</hi></hi><hi rend="bold"><hi rend="smallcaps">both</hi></hi></ab>
  <p>a<note><p>p1</p><p>p2</p></note>b<note/>c</p>
  <?editor note?>
</div>`;
  const xml = wrap(body);
  const imported = importTei(xml, 'awkward.xml');
  const docs = new Map(imported.documents.map((d) => [d.key, d.doc]));

  it('exports back to the same XML', () => {
    expect(imported.documents.map((d) => d.key)).toEqual(['k1']);
    expect(canonicalDifference(xml, exportCollectionTei(imported.collection.frame, docs))).toBeNull();
  });

  it('imports the export to the same document, as a volume and on its own', () => {
    const again = importTei(exportCollectionTei(imported.collection.frame, docs), 'again.xml');
    expect(again.documents[0]!.doc).toEqual(imported.documents[0]!.doc);
    const d = imported.documents[0]!;
    const alone = importTei(
      exportDocumentTei(d.doc, d.meta, { frame: imported.collection.frame, key: d.key }),
      'alone.xml',
    );
    expect(alone.documents[0]!.doc).toEqual(d.doc);
  });

  it('models what fits and keeps the rest generic', () => {
    const kinds = schema
      .nodeFromJSON(imported.documents[0]!.doc)
      .content.content.map((n) => (n.attrs['name'] ? `${n.type.name}:${String(n.attrs['name'])}` : n.type.name));
    expect(kinds.slice(0, 7)).toEqual([
      'heading',
      'teiBlock:list',
      'teiBlock:list',
      'teiBlock:list',
      'teiBlock:table',
      'opener',
      'teiBlock:p',
    ]);
  });
});
