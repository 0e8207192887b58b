/**
 * Line numbering per section: which settings accept it, and which blocks of the
 * print HTML begin a section (the paginator restarts the count at them).
 */
import { describe, expect, it } from 'vitest';
import { buildPrintHtml } from '../../../edition/print/html.ts';
import { resolvePrintSettings, type PrintEdition } from '../../../edition/print/model.ts';
import { schema } from '../../../edition/schema.ts';
import type { DocJSON } from '../../../edition/api.ts';
import { SiglumError } from '../../../edition/errors.ts';
import {
  applyPrintSettings,
  DEFAULT_PRINT_SETTINGS,
  storedPrintSettings,
} from '../../../electron/service/print-settings.ts';

const { doc, paragraph, heading, teiBlock, note, sourceNote } = schema.nodes;
const t = (s: string) => schema.text(s);
const p = (s: string) => paragraph.create(null, t(s));
const div = (...children: ReturnType<typeof p>[]) => teiBlock.create({ name: 'div' }, children);

function html(content: ReturnType<typeof doc.create>, lineNumberRestart: 'page' | 'document' | 'section'): string {
  const edition: PrintEdition = {
    title: 'T',
    witnesses: [],
    documents: [{ title: 'D', doc: content.toJSON() as DocJSON, apparatus: [] }],
    settings: { lineNumberRestart },
  };
  return buildPrintHtml(edition, resolvePrintSettings(edition.settings), {
    css: '',
    hyphenate: (s) => s,
  }).html;
}

/** The text of each leaf block that carries the `sec` class, in order. */
function sectionStarts(page: string): string[] {
  return [...page.matchAll(/class="blk [^"]*\bsec\b[^"]*">([^<]*)/g)].map((m) => m[1]!);
}

describe('sections for line numbering', () => {
  it('begin at the document’s first block and at every heading, in section mode only', () => {
    const content = doc.create(null, [
      sourceNote.create(null, t('file 1')),
      heading.create(null, t('Title')),
      p('one'),
      p('two'),
      heading.create(null, t('Second')),
      p('three'),
    ]);
    expect(sectionStarts(html(content, 'section'))).toEqual(['file 1', 'Title', 'Second']);
    expect(sectionStarts(html(content, 'page'))).toEqual([]);
    expect(sectionStarts(html(content, 'document'))).toEqual([]);
  });

  it('begin at a top-level div with a head, which then claims its head, and not at a div without one', () => {
    const content = doc.create(null, [
      p('opening'),
      div(p('dated'), heading.create(null, t('Part two')), p('body')),
      div(p('no head here')),
      teiBlock.create({ name: 'ab' }, [heading.create(null, t('Nested head')), p('after nested')]),
    ]);
    expect(sectionStarts(html(content, 'section'))).toEqual(['opening', 'dated', 'Nested head']);
  });

  it('never begin inside a note', () => {
    const content = doc.create(null, [
      paragraph.create(null, [t('text'), note.create({ type: 'editorial' }, [heading.create(null, t('note head'))])]),
      p('more'),
    ]);
    expect(sectionStarts(html(content, 'section'))).toEqual(['text']);
  });
});

describe('the line-numbering restart setting', () => {
  it('is page, document or section in the print model, and nothing else', () => {
    expect(resolvePrintSettings({}).lineNumberRestart).toBe('page');
    expect(resolvePrintSettings({ lineNumberRestart: 'section' }).lineNumberRestart).toBe('section');
    const bad = { lineNumberRestart: 'chapter' } as unknown as Parameters<typeof resolvePrintSettings>[0];
    expect(() => resolvePrintSettings(bad)).toThrow(SiglumError);
    expect(() => resolvePrintSettings(bad)).toThrow(/per page, document or section, not chapter/);
  });

  it('accepts section from the project’s settings form, and refuses anything else naming the choices', () => {
    expect(
      applyPrintSettings(DEFAULT_PRINT_SETTINGS, {
        lineNumberRestart: 'section',
      }),
    ).toEqual({ ...DEFAULT_PRINT_SETTINGS, lineNumberRestart: 'section' });
    expect(() =>
      applyPrintSettings(DEFAULT_PRINT_SETTINGS, {
        lineNumberRestart: 'chapter',
      }),
    ).toThrow(/Line numbering restarts per must be one of page, document, section, not "chapter"/);
  });

  it('keeps section when read back from the store, and falls back to the default for an unknown value', () => {
    expect(storedPrintSettings({ lineNumberRestart: 'section' }).lineNumberRestart).toBe('section');
    expect(storedPrintSettings({ lineNumberRestart: 'chapter' }).lineNumberRestart).toBe('page');
  });
});
