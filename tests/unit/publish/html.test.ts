/**
 * The static HTML edition, file by file: escaping of untrusted text, notes, page
 * breaks, apparatus and witnesses, entity index pages, cross-references and the
 * search index.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { builders } from 'prosemirror-test-builder';
import type { Node as PMNode } from 'prosemirror-model';
import { describe, expect, it } from 'vitest';
import type { DocJSON } from '../../../edition/api.ts';
import { fold, words } from '../../../edition/entities/fold.ts';
import {
  buildHtmlEdition,
  CONTENT_SECURITY_POLICY,
  decodePostings,
  type SearchIndex,
} from '../../../edition/publish/html/index.ts';
import {
  editionFromOpened,
  editionFromTei,
  type PublishDocument,
  type PublishEdition,
} from '../../../edition/publish/model.ts';
import { schema } from '../../../edition/schema.ts';
import { entry } from './fixtures.ts';
import { importTei } from '../../../edition/tei/index.ts';

const { doc, heading, paragraph, note, teiText, pageBreak, sourceNote, italic, mention, teiMark, teiBlock, teiInline } =
  builders(schema);

const json = (node: PMNode): DocJSON => node.toJSON() as DocJSON;

function edition(documents: PublishDocument[], extra: Partial<PublishEdition> = {}): PublishEdition {
  return { title: 'Specimen', witnesses: [], documents, ...extra };
}

function file(files: Map<string, string>, path: string): string {
  const content = files.get(path);
  if (content === undefined) throw new Error(`no file ${path}; files: ${[...files.keys()].join(', ')}`);
  return content;
}

/** The search index as the browser gets it. */
function searchIndex(files: Map<string, string>): SearchIndex {
  const script = file(files, 'assets/search-index.js');
  const prefix = 'window.SIGLUM_SEARCH = ';
  expect(script.startsWith(prefix)).toBe(true);
  return JSON.parse(script.slice(prefix.length).trim().replace(/;$/, '')) as SearchIndex;
}

/** Documents (by title) that contain `term`, with the count, read back from the index. */
function lookup(index: SearchIndex, term: string): Array<[string, number]> {
  const t = index.terms.indexOf(term);
  if (t < 0) return [];
  return decodePostings(index.post[t]!).map(([d, count]) => [index.docs[d]![1], count]);
}

const HOSTILE = '<script>alert(1)</script> & "quoted" <img src=x onerror=alert(2)>';

describe('the static HTML edition', () => {
  it('escapes every piece of untrusted text: content, titles, notes, readings, keys and witnesses', () => {
    // Built with schema.text: the test builder would read `<b>` as a position tag.
    const t = (text: string, marks: ReturnType<typeof schema.mark>[] = []) => schema.text(text, marks);
    const content = schema.node('doc', null, [
      schema.node('heading', null, [t(HOSTILE)]),
      schema.node('paragraph', null, [
        t('Text '),
        t('<b>Evil</b>', [
          schema.mark('mention', {
            kind: 'person',
            ref: '"><script>x</script>',
          }),
        ]),
        schema.node('note', { n: '"><i>' }, [schema.node('teiText', { name: null }, [t(`Note ${HOSTILE}`)])]),
        t('<tag>'),
      ]),
    ]);
    const lemmaFrom = content.content.size - 6;
    const built = buildHtmlEdition(
      edition(
        [
          {
            key: '../../etc/passwd',
            title: `Title ${HOSTILE}`,
            doc: json(content),
            apparatus: [entry('A', lemmaFrom, lemmaFrom + 5, '<tag>', '</li><script>', ['"B'])],
          },
        ],
        {
          title: `Edition ${HOSTILE}`,
          witnesses: [{ siglum: '"B', description: `Copy ${HOSTILE}` }],
          introduction: HOSTILE,
        },
      ),
    );
    expect(built.documentFiles).toEqual(['etc_passwd.html']);
    for (const [path, content] of built.files) {
      if (path.endsWith('.css') || path === 'assets/edition.js') continue;
      expect(content, path).not.toContain('<script>alert');
      expect(content, path).not.toContain('<img src=x');
      expect(content, path).not.toContain('<b>Evil');
      expect(content, path).not.toContain('<tag>');
      expect(content, path).not.toContain('</li><script>');
    }
    const page = file(built.files, 'etc_passwd.html');
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quoted&quot;');
    expect(page).toContain('&lt;b&gt;Evil&lt;/b&gt;');
    expect(page).toContain('data-wit="&quot;B"');
    // The search index is a script: it must not be able to close a script element.
    expect(file(built.files, 'assets/search-index.js')).not.toMatch(/<\/?script/i);
  });

  it('renders TEI elements the schema does not model by name, keeping empty ones and dropping comments', () => {
    const content = doc(
      teiBlock({ name: 'quote' }, paragraph('Quoted.')),
      heading('Enclosure'),
      teiBlock(
        { name: 'table' },
        teiText(
          { name: 'row' },
          'a',
          teiInline({ name: 'cell' }),
          teiInline({ name: '#comment', text: '<!-- x -->' }),
          'b',
        ),
      ),
      teiBlock({ name: 'frus:attachment' }, paragraph('Encl ', teiInline({ name: 'gap' }), '.')),
    );
    const built = buildHtmlEdition(edition([{ title: 'T', doc: json(content), apparatus: [] }]));
    expect(file(built.files, 'doc-1.html')).toContain(
      // With no heading of its own, the document's title heads the page.
      '<h1 class="head">T</h1><div class="text"><blockquote class="tei tei-quote"><p class="p">Quoted.</p></blockquote>' +
        '<h2 class="head">Enclosure</h2>' +
        '<div class="tei tei-table"><div class="tei tei-row">a<span class="tei tei-cell"></span>b</div></div>' +
        '<div class="tei tei-frus-attachment"><p class="p">Encl <span class="gap">[…]</span>.</p></div>',
    );
  });

  it('publishes documents as the store opens them, pages named by their ids', () => {
    const opened = (id: string, n: string | null, title: string) => ({
      info: {
        id,
        collectionId: 'c1',
        title,
        n,
        position: 0,
        kind: 'document' as const,
        updatedAt: '2026-01-01T00:00:00Z',
      },
      meta: { title, date: '1934-01-05', source: '825.5151/132', extra: {} },
      doc: json(doc(paragraph(`Text of ${title}.`))),
      version: 3,
    });
    const edition = editionFromOpened('Volume', [opened('0a1b', '1', 'First'), opened('9f8e', null, 'Second')], {
      witnesses: [{ siglum: 'B', description: 'Copy' }],
      apparatus: new Map([['9f8e', [entry('A', 1, 5, 'Text', 'Texts')]]]),
    });
    const built = buildHtmlEdition(edition);
    expect(built.documentFiles).toEqual(['0a1b.html', '9f8e.html']);
    expect(file(built.files, 'index.html')).toContain(
      '<li><span class="n">1.</span><a href="0a1b.html">First</a> <span class="date">5 January 1934</span></li>',
    );
    expect(file(built.files, '9f8e.html')).toContain('<option value="B">B: Copy</option>');
    expect(file(built.files, '0a1b.html')).not.toContain('witness-switcher');
  });

  it('names document pages after their keys, safe for any file system and clear of the edition’s own pages', () => {
    const one = json(doc(paragraph('x')));
    const keys = ['d1', '-dash', 'index', 'Index', 'D1', 'd1', 'a b/c', '', '..'];
    const built = buildHtmlEdition(edition(keys.map((key) => ({ key, title: key, doc: one, apparatus: [] }))));
    expect(built.documentFiles).toEqual([
      'd1.html',
      'dash.html',
      'index-2.html',
      'Index-3.html',
      'D1-2.html',
      'd1-3.html',
      'a_b_c.html',
      'doc-8.html',
      'doc-9.html',
    ]);
    expect(file(built.files, 'index.html')).toContain('<a href="index-2.html">index</a>');
  });

  it('gives every page a strict Content-Security-Policy and no inline script, style or handler', () => {
    const built = buildHtmlEdition(
      edition([
        {
          title: 'One',
          doc: json(doc(paragraph('A ', mention({ kind: 'place' }, 'Tokyo'), note(teiText({ name: null }, 'n'))))),
          apparatus: [],
        },
      ]),
    );
    const pages = [...built.files].filter(([path]) => path.endsWith('.html'));
    expect(pages.map(([p]) => p).sort()).toEqual(['doc-1.html', 'index.html', 'places.html', 'search.html']);
    for (const [path, html] of pages) {
      expect(html, path).toContain(`<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">`);
      expect(html, path).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
      expect(html, path).not.toMatch(/\sstyle=|<style|\son[a-z]+=/i);
      expect(html, path).not.toMatch(/(?:src|href)="(?:https?:)?\/\//);
    }
    expect(CONTENT_SECURITY_POLICY).toMatch(/script-src 'self'/);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-inline/);
  });

  it('turns notes into call-outs linked to the notes below the text, labelled by their number', () => {
    const content = doc(
      paragraph(
        'enclosed.',
        note({ n: '89', id: 'd63fn89' }, teiText({ name: null }, 'Not ', italic('printed'), '.')),
        ' Then',
        note(paragraph('Second.')),
      ),
    );
    const built = buildHtmlEdition(edition([{ key: 'd63', title: 'Despatch', doc: json(content), apparatus: [] }]));
    const page = file(built.files, 'd63.html');
    expect(page).toContain('enclosed.<a class="call" id="call0-1" href="#d63fn89" role="doc-noteref">89</a> Then');
    expect(page).toContain('<a class="call" id="call0-2" href="#note0-2" role="doc-noteref">2</a>');
    expect(page).toContain(
      '<li id="d63fn89" class="note" data-label="89"><a class="note-back" href="#call0-1" aria-label="Back to the text">89</a>' +
        '<div class="note-body"><div class="run">Not <i>printed</i>.</div></div></li>',
    );
    expect(page).toContain('<div class="note-body"><p class="p">Second.</p></div>');
    // The note's words are searchable but do not run into the text around the call-out.
    expect(lookup(searchIndex(built.files), 'printed')).toEqual([['Despatch', 1]]);
  });

  it('marks page breaks for the margin and carries the page into the next document', () => {
    const first = doc(
      sourceNote('761.94/587'),
      heading('First'),
      paragraph('one ', pageBreak({ n: '69', xml: [['xml:id', 'pg_69']] }), 'two'),
    );
    const second = doc(
      heading('Second'),
      paragraph(
        'Words on ',
        mention({ kind: 'place', ref: 'tokyo' }, 'Tokyo'),
        ' still ',
        pageBreak({ n: '70' }),
        'over.',
      ),
    );
    const built = buildHtmlEdition(
      edition([
        { key: 'd1', n: '1', title: 'First', doc: json(first), apparatus: [] },
        {
          key: 'd2',
          n: '2',
          title: 'Second',
          doc: json(second),
          apparatus: [],
          meta: {
            title: 'Second',
            date: '1933-01-13',
            source: null,
            extra: {},
          },
        },
      ]),
    );
    const one = file(built.files, 'd1.html');
    expect(one).toContain(
      'one <span class="pb" id="pg_69" data-n="69"><span class="pb-label">[Page 69]</span></span>two',
    );
    expect(one).toContain('<h1 class="head">First</h1>');
    // The page the first document starts on is not known, so no pages are given.
    expect(one).toContain('<p class="doc-facts">Document 1</p>');
    const two = file(built.files, 'd2.html');
    expect(two).toContain(
      '<p class="doc-facts">Document 2 · <time datetime="1933-01-13">13 January 1933</time> · pp. 69–70</p>',
    );
    expect(file(built.files, 'places.html')).toContain('<a href="d2.html#e1-1">p. 69</a>');
  });

  it('resolves TEI pointers to pages and documents of the edition and leaves others unlinked', () => {
    const first = doc(
      paragraph(
        'see ',
        teiMark({ name: 'ref', xml: [['target', '#pg_12']] }, 'page 12'),
        ' and ',
        teiMark({ name: 'ref', xml: [['target', '#d2']] }, 'doc 2'),
        ' and ',
        teiMark({ name: 'ref', xml: [['target', 'http://example.org/']] }, 'away'),
        ' ',
        teiMark({ name: 'ref', xml: [['target', '#lem-0']] }, 'p. 13'),
      ),
    );
    const second = doc(
      paragraph(
        'a ',
        pageBreak({ n: '12', xml: [['xml:id', 'pg_12']] }),
        'b ',
        pageBreak({ n: '13', xml: [['xml:id', 'lem-0']] }),
        'c',
      ),
    );
    const built = buildHtmlEdition(
      edition([
        { key: 'd1', title: 'One', doc: json(first), apparatus: [] },
        { key: 'd2', title: 'Two', doc: json(second), apparatus: [] },
      ]),
    );
    const page = file(built.files, 'd1.html');
    expect(page).toContain('<a class="ref" href="d2.html#pg_12">page 12</a>');
    expect(page).toContain('<a class="ref" href="d2.html">doc 2</a>');
    expect(page).toContain('<span class="tei tei-ref">away</span>');
    expect(page).not.toContain('example.org');
    // An xml:id that is one of the page's own ids is not used, and a pointer to it is not a link.
    expect(page).toContain('<span class="tei tei-ref">p. 13</span>');
    expect(file(built.files, 'd2.html')).toContain('<span class="pb" id="pb1-2" data-n="13">');
  });

  it('wraps each lemma in pieces keyed to its entry, lists the apparatus by series and rejects what cannot be placed', () => {
    const content = doc(
      paragraph('the <a>increasingly <c>cordial<b> relations', note(teiText({ name: null }, 'in <n>note'))),
      paragraph('end<p>'),
    );
    const t = content.tag as Record<string, number>;
    const entries = [
      {
        series: 'A' as const,
        from: t['a']!,
        to: t['b']!,
        lemma: 'increasingly cordial',
        readings: [{ text: 'cordial', sigla: ['B'] }],
      },
      {
        series: 'B' as const,
        from: t['c']!,
        to: t['b']!,
        lemma: 'cordial',
        readings: [
          { text: 'friendly', sigla: ['C'] },
          { text: '', sigla: ['B'] },
        ],
      },
      {
        series: 'A' as const,
        from: t['p']!,
        to: t['p']!,
        lemma: 'end',
        readings: [{ text: 'finis', sigla: ['C'] }],
      },
      {
        series: 'A' as const,
        from: t['n']!,
        to: t['n']! + 4,
        lemma: 'note',
        readings: [{ text: 'x', sigla: ['B'] }],
      },
      { series: 'A' as const, from: 5, to: 9999, lemma: '?', readings: [] },
    ];
    const built = buildHtmlEdition(
      edition([{ title: 'T', doc: json(content), apparatus: entries }], {
        witnesses: [
          { siglum: 'A', description: 'Base' },
          { siglum: 'B', description: 'Second' },
          { siglum: 'C', description: 'Third' },
        ],
      }),
    );
    const page = file(built.files, 'doc-1.html');
    expect(page).toContain(
      'the <span class="lem" data-app="0" id="lem-0" tabindex="0" role="button">increasingly </span>' +
        '<span class="lem" data-app="0 1" id="lem-1" tabindex="0" role="button">cordial</span> relations',
    );
    expect(page).toContain('end<span class="lem pt" id="lem-2" data-app="2"');
    expect(page).toContain(
      `<li id="app-1" class="app-entry" data-app="1" data-from="${t['c']}" data-to="${t['b']}"><a class="app-lem" href="#lem-1">cordial</a>] `,
    );
    expect(page).toContain('<span class="rdg" data-wit="B" data-text=""><i>om.</i> <span class="sig">B</span></span>');
    expect(page).toMatch(
      /<ol class="app-series" data-series="A"[^>]*>\n<li id="app-0"[^]*<li id="app-2"[^]*<\/ol>\n<ol class="app-series" data-series="B"/,
    );
    // Only the witnesses that have readings in the document are offered, after the edited text.
    expect(page).toContain(
      '<select id="witness"><option value="">the edited text</option><option value="B">B: Second</option><option value="C">C: Third</option></select>',
    );
    expect(built.rejected).toEqual([
      { document: 0, index: 3, reason: 'its lemma lies inside a note' },
      {
        document: 0,
        index: 4,
        reason: `its positions 5–9999 lie outside the document (size ${content.content.size})`,
      },
    ]);
  });

  it('gives every placed entry an anchor for the apparatus to link to, wherever its lemma lies', () => {
    const content = doc(
      paragraph('<a>very<b> quick<c> and ', '<p>', pageBreak({ n: '5' }), '<q>on'),
      paragraph('last<z>'),
    );
    const t = content.tag as Record<string, number>;
    const end = content.content.size;
    const built = buildHtmlEdition(
      edition([
        {
          title: 'T',
          doc: json(content),
          apparatus: [
            entry('A', t['a']!, t['c']!, 'very quick', 'slow', ['B']),
            entry('A', t['a']!, t['b']!, 'very', 'most', ['B']),
            entry('A', t['p']!, t['q']!, '[page]', '', ['B']),
            entry('B', end, end, 'last', 'finis', ['B']),
          ],
        },
      ]),
    );
    const page = file(built.files, 'doc-1.html');
    expect(built.rejected).toEqual([]);
    expect(page).toContain(
      '<span class="lem-anchor" id="lem-1"></span><span class="lem" data-app="0 1" id="lem-0" tabindex="0" role="button">very</span>',
    );
    // A lemma that holds no text (a page break alone) is marked where it starts.
    expect(page).toContain('<span class="lem pt" id="lem-2" data-app="2"');
    // A point at the very end of the document is still placed.
    expect(page).toContain('<span class="lem pt" id="lem-3" data-app="3"');
    for (const k of [0, 1, 2, 3]) {
      expect(page).toContain(`href="#lem-${k}"`);
      expect(page.match(new RegExp(`id="lem-${k}"`, 'g'))).toHaveLength(1);
    }
  });

  it('offers no witness switcher when the edition has no witnesses', () => {
    const content = doc(paragraph('<a>word<b>'));
    const t = content.tag as Record<string, number>;
    const built = buildHtmlEdition(
      edition([
        {
          title: 'T',
          doc: json(content),
          apparatus: [entry('A', t['a']!, t['b']!, 'word', 'ward', ['B'])],
        },
      ]),
    );
    const page = file(built.files, 'doc-1.html');
    expect(page).toContain('class="app-entry"');
    expect(page).not.toContain('witness-switcher');
  });

  it('indexes persons, places, organisations and terms from mentions and TEI names, linking every occurrence', () => {
    const first = doc(
      heading(
        'The Ambassador (',
        teiMark({ name: 'persName', xml: [['corresp', '#p_GJC1']] }, 'Grew'),
        ') to the ',
        teiMark({ name: 'gloss', xml: [['target', '#t_SecState']] }, 'Secretary of State'),
      ),
      paragraph(
        mention({ kind: 'person', ref: 'p_GJC1' }, 'Joseph ', italic('C.'), ' Grew'),
        ' met ',
        mention({ kind: 'person' }, 'Su Ping-wen'),
        ' at ',
        teiMark({ name: 'placeName' }, 'Tokyo'),
        '.',
      ),
      paragraph(
        'The ',
        teiMark({ name: 'orgName' }, 'Foreign Office'),
        ' on ',
        mention({ kind: 'date', when: '1933-01-13' }, 'January 13'),
        ' aboard the ',
        mention({ kind: 'ship' }, 'Augusta'),
        ' off ',
        teiMark({ name: 'rs', xml: [['type', 'place']] }, 'Shanghai'),
        '.',
      ),
    );
    const second = doc(
      paragraph(
        'Again ',
        mention({ kind: 'person' }, 'Su  Ping-wen'),
        ' in ',
        teiMark({ name: 'placeName' }, 'Tokyo'),
        '.',
      ),
    );
    const built = buildHtmlEdition(
      edition(
        [
          {
            key: 'd1',
            n: '1',
            title: 'First',
            doc: json(first),
            apparatus: [],
          },
          {
            key: 'd2',
            n: '2',
            title: 'Second',
            doc: json(second),
            apparatus: [],
          },
        ],
        {
          register: [
            {
              id: 'p_GJC1',
              kind: 'person',
              name: 'Grew, Joseph C.',
              description: 'Ambassador in Japan',
            },
          ],
        },
      ),
    );
    const persons = file(built.files, 'persons.html');
    // Register name and description; a mention split by italics is one occurrence.
    expect(persons).toMatch(
      /<li class="entry" id="x-p-gjc1"><span class="name">Grew, Joseph C\.<\/span> <span class="desc">Ambassador in Japan<\/span> <span class="count">2 occurrences<\/span><ul class="where"><li><span class="in-doc">1\. First<\/span>: <a href="d1\.html#e0-1">1<\/a>, <a href="d1\.html#e0-3">2<\/a><\/li><\/ul><\/li>/,
    );
    // Unlinked mentions group by their words, whitespace and case aside.
    expect(persons).toContain(
      '<span class="name">Su Ping-wen</span> <span class="count">2 occurrences</span><ul class="where"><li><span class="in-doc">1. First</span>: <a href="d1.html#e0-4">text</a></li><li><span class="in-doc">2. Second</span>: <a href="d2.html#e1-1">text</a></li></ul>',
    );
    expect(persons.indexOf('Grew, Joseph C.')).toBeLessThan(persons.indexOf('Su Ping-wen'));
    expect(file(built.files, 'places.html')).toContain(
      '<span class="name">Tokyo</span> <span class="count">2 occurrences</span>',
    );
    // A TEI `rs` of a kind that has an index goes there; a kind without one is only marked.
    expect(file(built.files, 'places.html')).toContain('<span class="name">Shanghai</span>');
    expect(file(built.files, 'd1.html')).toContain('<span class="mention mention-ship">Augusta</span>');
    expect(file(built.files, 'organisations.html')).toContain('<span class="name">Foreign Office</span>');
    expect(file(built.files, 'terms.html')).toContain('<span class="name">Secretary of State</span>');
    const d1 = file(built.files, 'd1.html');
    expect(d1).toContain(
      '<span class="ent ent-person" id="e0-3" data-kind="person" data-href="persons.html#x-p-gjc1" tabindex="0" role="button">Joseph <i>C.</i> Grew</span>',
    );
    expect(d1).toContain('<span class="date" title="1933-01-13">January 13</span>');
    // Every page links every index that has entries.
    expect(d1).toContain(
      '<a href="persons.html">Persons</a><a href="places.html">Places</a><a href="organisations.html">Organisations</a><a href="terms.html">Terms</a>',
    );
  });

  it('builds a search index of folded words with their documents and counts, and the folding table the browser needs', () => {
    const built = buildHtmlEdition(
      edition([
        {
          key: 'a',
          title: 'Straße',
          doc: json(doc(paragraph('Su Ping-wên went to Łódź. Su left.'))),
          apparatus: [],
        },
        {
          key: 'b',
          n: '7',
          title: 'Other',
          doc: json(doc(paragraph('Nothing about su here.'))),
          apparatus: [],
          meta: {
            title: 'Other',
            date: '1934-01-05T18:00:00',
            source: null,
            extra: {},
          },
        },
      ]),
    );
    const index = searchIndex(built.files);
    expect(index.docs).toEqual([
      ['a.html', 'Straße', '', '', 'Su Ping-wên went to Łódź. Su left.', 9],
      ['b.html', '7. Other', '7', '5 January 1934', 'Nothing about su here.', 6],
    ]);
    expect(lookup(index, 'su')).toEqual([
      ['Straße', 2],
      ['7. Other', 1],
    ]);
    expect(lookup(index, 'wen')).toEqual([['Straße', 1]]);
    expect(lookup(index, 'lodz')).toEqual([['Straße', 1]]);
    expect(lookup(index, 'strasse')).toEqual([['Straße', 1]]);
    expect(index.terms).toEqual([...index.terms].sort());
    expect(index.terms).not.toContain('wên');
    // ß and Ł do not fold through NFD: the page script gets them from a table.
    const script = file(built.files, 'assets/edition.js');
    expect(script).toMatch(/\}\)\(\{[^)]*"ß":"ss"/);
    expect(script).toMatch(/"Ł":"L"/);
    expect(script).not.toMatch(/"ê":/);
  });

  it('lists front matter, documents and back matter on the index page with numbers and dates', () => {
    const built = buildHtmlEdition(
      edition(
        [
          {
            key: 'toc',
            kind: 'front',
            title: 'Contents',
            doc: json(doc(paragraph('c'))),
            apparatus: [],
          },
          {
            key: 'd1',
            kind: 'document',
            n: '1',
            title: 'A despatch',
            doc: json(doc(paragraph('d'))),
            apparatus: [],
            meta: {
              title: 'A despatch',
              date: '1938-08-18',
              source: null,
              extra: {},
            },
          },
        ],
        { subtitle: 'Sub', introduction: 'First para.\n\nSecond\npara.' },
      ),
    );
    const index = file(built.files, 'index.html');
    expect(index).toContain(
      '<section class="toc" aria-label="Front matter"><h2>Front matter</h2>\n<ol class="doc-list">\n<li><span class="n"></span><a href="toc.html">Contents</a>',
    );
    expect(index).toContain(
      '<li><span class="n">1.</span><a href="d1.html">A despatch</a> <span class="date">18 August 1938</span></li>',
    );
    expect(index).toContain('<section class="introduction"><p>First para.</p>\n<p>Second para.</p></section>');
    expect(index).not.toContain('Back matter');
  });

  it('publishes a FRUS file with every document, its notes and its names', () => {
    const path = fileURLToPath(new URL('../../../../shared/corpus/frus/frus1938v03-d480-d486.xml', import.meta.url));
    const imported = importTei(readFileSync(path, 'utf8'), 'frus1938v03-d480-d486.xml');
    const built = buildHtmlEdition(editionFromTei(imported));
    expect(built.documentFiles).toEqual(imported.documents.map((d) => `${d.key}.html`));
    const notes = imported.documents.reduce(
      (n, d) => n + (JSON.stringify(d.doc).match(/"type":"note"/g)?.length ?? 0),
      0,
    );
    const calls = built.documentFiles.reduce(
      (n, f) => n + (file(built.files, f).match(/<a class="call" /g)?.length ?? 0),
      0,
    );
    expect(calls).toBe(notes);
    const d486 = file(built.files, 'd486.html');
    expect(d486).toContain('<span class="pb-label">[Page 488]</span>');
    expect(file(built.files, 'persons.html')).toContain('d486.html#');
    // Every word of every document is in the index.
    const index = searchIndex(built.files);
    const d = index.docs.findIndex(([href]) => href === 'd486.html');
    const terms = new Set(index.terms.filter((_, t) => decodePostings(index.post[t]!).some(([doc]) => doc === d)));
    const text = JSON.stringify(imported.documents.find((x) => x.key === 'd486')!.doc).match(
      /"text":"((?:[^"\\]|\\.)*)"/g,
    )!;
    for (const w of words(fold(text.map((s) => JSON.parse(`{${s}}`).text as string).join(' '))))
      expect(terms.has(w), w).toBe(true);
  });
});
