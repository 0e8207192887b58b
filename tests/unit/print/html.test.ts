import { describe, expect, it } from 'vitest';
import { buildPrintHtml } from '../../../edition/print/html.ts';
import { loadHyphenator } from '../../../edition/print/hyphenate.ts';
import { resolvePrintSettings, type PrintEdition } from '../../../edition/print/model.ts';
import { schema } from '../../../edition/schema.ts';
import type { DocJSON } from '../../../edition/api.ts';
import { SiglumError } from '../../../edition/errors.ts';

const { doc, paragraph, heading, note, teiText } = schema.nodes;
const t = (s: string) => schema.text(s);

function edition(
  content: ReturnType<typeof doc.create>,
  apparatus: PrintEdition['documents'][number]['apparatus'] = [],
  settings = {},
): PrintEdition {
  return {
    title: 'T',
    witnesses: [{ siglum: 'A', description: 'First' }],
    documents: [{ title: 'D', doc: content.toJSON() as DocJSON, apparatus }],
    settings,
  };
}

const identity = (s: string) => s;
const build = (e: PrintEdition) =>
  buildPrintHtml(e, resolvePrintSettings(e.settings), {
    css: '',
    hyphenate: identity,
  });

describe('print HTML', () => {
  it('puts lemma markers at the entry’s document positions, between the right characters', () => {
    // doc(heading("Title"), paragraph("one two three")): "two" starts at 7 + 1 + 4.
    const content = doc.create(null, [heading.create(null, t('Title')), paragraph.create(null, t('one two three'))]);
    const from = 7 + 1 + 4;
    const { html, rejected } = build(
      edition(content, [
        {
          series: 'A',
          from,
          to: from + 3,
          lemma: 'two',
          readings: [{ text: 'too', sigla: ['A'] }],
        },
      ]),
    );
    expect(rejected).toEqual([]);
    expect(html).toContain(
      'one <span class="as" data-app="0-0"></span>two<span class="ae" data-app="0-0"></span> three',
    );
    expect(html).toContain('<h2 class="blk heading unnum">Title</h2>');
  });

  it('turns notes into numbered calls and keeps their bodies for the foot', () => {
    const content = doc.create(null, [
      paragraph.create(null, [
        t('word'),
        note.create({ type: 'editorial' }, teiText.create({ name: null }, t('Body.'))),
        t(' more'),
      ]),
    ]);
    const { html, data } = build(edition(content));
    expect(html).toContain('word<sup class="call" data-note="0-0">1</sup> more');
    expect(html).toContain(
      '<div class="fn" data-note="0-0"><span class="fn-n">1.</span><div class="blk text fnp">Body.</div></div>',
    );
    expect(data.documents[0]!.notes).toEqual([{ mark: '1' }]);
  });

  it('leaves out notes of types the settings do not print, and numbers the rest without gaps', () => {
    const n = (type: string, body: string) => note.create({ type }, teiText.create({ name: null }, t(body)));
    const content = doc.create(null, [
      paragraph.create(null, [t('a'), n('internal', 'x'), t('b'), n('editorial', 'y')]),
    ]);
    const { html, data } = build(edition(content, [], { noteTypes: ['editorial'] }));
    expect(html).not.toContain('>x<');
    expect(html).toContain('b<sup class="call" data-note="0-0">1</sup>');
    expect(data.documents[0]!.notes).toHaveLength(1);
  });

  it('rejects, with a reason, entries outside the document or inside a note', () => {
    const content = doc.create(null, [
      paragraph.create(null, [t('abc'), note.create(null, teiText.create({ name: null }, t('inside'))), t('def')]),
    ]);
    const r = [{ text: '', sigla: ['A'] }];
    const { rejected, data } = build(
      edition(content, [
        { series: 'A', from: 1, to: 4, lemma: 'abc', readings: r },
        { series: 'A', from: 500, to: 501, lemma: 'x', readings: r },
        { series: 'B', from: 6, to: 8, lemma: 'in', readings: r },
        { series: 'B', from: 3, to: 2, lemma: 'y', readings: r },
      ]),
    );
    expect(rejected.map((m) => [m.index, m.reason])).toEqual([
      [1, expect.stringMatching(/outside the document/)],
      [2, expect.stringMatching(/inside a note/)],
      [3, expect.stringMatching(/not a range/)],
    ]);
    expect(data.documents[0]!.apparatus.map((a) => a === null)).toEqual([false, true, true, true]);
  });

  it('refuses, naming it, a document whose JSON does not fit the schema', () => {
    const e: PrintEdition = {
      title: 'T',
      witnesses: [],
      documents: [
        {
          title: 'Broken',
          doc: {
            type: 'doc',
            content: [{ type: 'text', text: 'bare text at block level' }],
          },
          apparatus: [],
        },
      ],
      settings: {},
    };
    expect(() => build(e)).toThrow(SiglumError);
    expect(() => build(e)).toThrow(/“Broken” cannot be printed/);
  });

  it('marks persons, places and organisations for the index, one entry per register id', () => {
    const pers = schema.marks.teiMark.create({ name: 'persName' });
    const place = schema.marks.mention.create({ kind: 'place', ref: 'tokyo' });
    const date = schema.marks.mention.create({
      kind: 'date',
      when: '1933-01-13',
    });
    const content = doc.create(null, [
      paragraph.create(null, [
        schema.text('Grew', [pers]),
        t(' in '),
        schema.text('Tokio', [place]),
        t(' and '),
        schema.text('Tokyo', [place]),
        t(' on '),
        schema.text('13 January', [date]),
      ]),
    ]);
    const { html, data } = build(edition(content));
    expect(data.entities).toEqual([
      { kind: 'person', name: 'Grew' },
      { kind: 'place', name: 'Tokio' },
    ]);
    expect(html).toContain('<span class="ent" data-ent="1">Tokyo</span>');
    expect(html).toContain(' on 13 January');
    const named = build({
      ...edition(content),
      register: [{ id: 'tokyo', name: 'Tokyo (Edo)' }],
    });
    expect(named.data.entities[1]).toEqual({
      kind: 'place',
      name: 'Tokyo (Edo)',
    });
    expect(html).toContain('<span class="ent" data-ent="0">Grew</span>');
  });

  it('inserts soft hyphens in the text’s language', async () => {
    const hyphenate = await loadHyphenator('en');
    const content = doc.create(null, [paragraph.create(null, t('rapprochement'))]);
    const e = edition(content);
    const { html } = buildPrintHtml(e, resolvePrintSettings(e.settings), {
      css: '',
      hyphenate,
    });
    expect(html).toContain('rap\u00adproche\u00adment');
    const german = await loadHyphenator('de');
    expect(german('Gesandtschaftsbericht')).toContain('\u00ad');
    const none = await loadHyphenator('he');
    expect(none('rapprochement')).toBe('rapprochement');
  });
});

describe('print settings', () => {
  it('defaults to A4, lines numbered every 5 and restarting per page', () => {
    const s = resolvePrintSettings({});
    expect([s.pageWidthMm, s.pageHeightMm, s.lineNumberInterval, s.lineNumberRestart]).toEqual([210, 297, 5, 'page']);
  });

  it('refuses margins that leave no text block and intervals that are not whole numbers', () => {
    expect(() => resolvePrintSettings({ margins: { left: 100, right: 100 } })).toThrow(SiglumError);
    expect(() => resolvePrintSettings({ margins: { left: 100, right: 100 } })).toThrow(/text block of 10×250 mm/);
    expect(() => resolvePrintSettings({ lineNumberInterval: 0 })).toThrow(/interval/);
    expect(() => resolvePrintSettings({ fontSizePt: 40 })).toThrow(/Font size/);
  });
});
