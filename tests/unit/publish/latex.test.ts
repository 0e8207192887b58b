/**
 * The reledmac export, read as text (latex-typeset.test.ts in tests/integration/publish
 * typesets it with LuaLaTeX):
 * escaping of TeX's special characters, the document's structure, notes, page
 * breaks, and the apparatus as nested `\edtext` with the right series.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Node as PMNode } from 'prosemirror-model';
import { builders } from 'prosemirror-test-builder';
import { describe, expect, it } from 'vitest';
import type { DocJSON } from '../../../edition/api.ts';
import { buildLatex, buildLatexEdition, escapeTex } from '../../../edition/publish/latex/index.ts';
import { editionFromTei, type PublishEdition } from '../../../edition/publish/model.ts';
import type { ApparatusEntry } from '../../../edition/print/model.ts';
import { schema } from '../../../edition/schema.ts';
import { entry } from './fixtures.ts';
import { importTei } from '../../../edition/tei/index.ts';
import { SEED_VARIANTS, seedEdition } from '../../integration/print/seed-edition.ts';

const {
  doc,
  heading,
  paragraph,
  note,
  teiText,
  pageBreak,
  italic,
  opener,
  closer,
  dateline,
  salute,
  signed,
  sourceNote,
} = builders(schema);

/** Braces of a TeX source, control symbols (`\{`, `\%`) skipped: never below zero, zero at the end. */
function braceDepths(tex: string): { min: number; end: number } {
  let depth = 0;
  let min = 0;
  for (let i = 0; i < tex.length; i++) {
    const c = tex[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === '%') {
      // A comment runs to the end of the line.
      while (i < tex.length && tex[i] !== '\n') i++;
      continue;
    }
    if (c === '{') depth++;
    if (c === '}') min = Math.min(min, --depth);
  }
  return { min, end: depth };
}

/** The source with comments and control sequences removed: what is left must be plain text. */
function bareText(tex: string): string {
  return tex.replace(/(?<!\\)%.*$/gm, '').replace(/\\(?:[A-Za-z]+\*?|.)/g, ' ');
}

function single(content: PMNode, apparatus: ApparatusEntry[] = [], extra: Partial<PublishEdition> = {}) {
  return buildLatexEdition({
    title: 'T',
    witnesses: [],
    documents: [{ title: 'D', doc: content.toJSON() as DocJSON, apparatus }],
    ...extra,
  });
}

/** The body of the only document, between \beginnumbering and \endnumbering. */
function body(tex: string): string {
  const m = /\\beginnumbering\n([^]*?)\n\\endnumbering/.exec(tex);
  if (!m) throw new Error('no numbered text');
  return m[1]!;
}

describe('escaping text for TeX', () => {
  it('writes each special character so that it prints as itself', () => {
    expect(escapeTex('\\ { } $ & # % _ ^ ~ [ ] < > |')).toBe(
      '\\textbackslash{} \\{ \\} \\$ \\& \\# \\% \\_ \\textasciicircum{} \\textasciitilde{} {[} {]} \\textless{} \\textgreater{} \\textbar{}',
    );
  });

  it('keeps hostile input inert: no command, group or comment survives', () => {
    const hostile = '\\input{/etc/passwd} \\end{document} %comment $x^2$ \\\\[3pt] #1 \\def\\x{}';
    const tex = escapeTex(hostile);
    expect(braceDepths(tex)).toEqual({ min: 0, end: 0 });
    expect(tex).not.toMatch(/\\(?:input|end|def|x)\b/);
    expect(tex).not.toMatch(/(?<!\\)[%$#^]/);
    // With every command taken out, no special character is left unescaped.
    expect(bareText(tex)).not.toMatch(/[%$#^_&~\\]/);
    expect(bareText(tex).replace(/\s+/g, '')).toBe('{}input/etc/passwd{}enddocumentcommentx{}2{}{}{[}3pt{]}1{}def{}x');
  });

  it('splits ligature pairs, collapses white space, keeps no-break spaces and drops control characters', () => {
    expect(escapeTex('1914--1918 and ---')).toBe('1914-{}-1918 and -{}-{}-');
    expect(escapeTex("''quoted'' ``here`` ,,low !`")).toBe("'{}'quoted'{}' `{}`here`{}` ,{},low !{}`");
    expect(escapeTex('a \n\t   b')).toBe('a b');
    expect(escapeTex('p.\u00a069')).toBe('p.~69');
    expect(escapeTex('be\u0007ll\u001b')).toBe('bell');
    expect(escapeTex('Ping-wên’s “Manchukuo”')).toBe('Ping-wên’s “Manchukuo”');
  });
});

describe('the reledmac export', () => {
  const seed = seedEdition();
  const tex = buildLatex(seed);

  it('is a complete LaTeX file loading reledmac with two apparatus series set run-in', () => {
    expect(tex.startsWith('% !TEX program = lualatex\n')).toBe(true);
    expect(tex).toContain('\\documentclass[11pt,a4paper]{book}');
    expect(tex).toContain('\\usepackage[series={A,B}]{reledmac}');
    expect(tex).toContain('\\Xarrangement[A]{paragraph}');
    expect(tex).toContain('\\Xarrangement[B]{paragraph}');
    expect(tex).toContain('\\firstlinenum{5}\n\\linenumincrement{5}');
    expect(tex.indexOf('\\begin{document}')).toBeGreaterThan(tex.indexOf('\\newcommand{\\siglumpb}'));
    expect(tex.endsWith('\\end{document}\n')).toBe(true);
    expect(braceDepths(tex)).toEqual({ min: 0, end: 0 });
  });

  it('opens with the title, the witness list and the introduction', () => {
    expect(tex).toContain(
      '\\title{Papers relating to Japan and the Soviet Union, 1933\\\\[1ex]\\large A specimen edition}',
    );
    expect(tex).toContain(
      '\\section*{Witnesses}\n\\begin{description}\n' +
        '  \\item[\\textit{A}] Foreign Relations of the United States, 1933, vol. III, pp. 68–70.\n' +
        '  \\item[\\textit{B}] A second copy of the despatch, made for these tests.\n\\end{description}',
    );
    expect(tex).toContain(
      '\\section*{Introduction}\nThe despatch is printed from the text of the Department of State’s published series (A).\n\nVariants are those of a second copy (B).',
    );
  });

  it('keeps the despatch’s structure: source note, heading, opener, paragraphs, salute and signature', () => {
    const text = body(tex);
    const paragraphs = text.split('\n\n');
    expect(paragraphs[0]).toBe('\\pstart\n\\siglumsource{761.94/587}\n\\pend');
    expect(paragraphs[1]).toBe(
      '\\pstart\n\\eledsection*{The Ambassador in Japan (Grew) to the Secretary of State}\n\\pend',
    );
    expect(paragraphs[2]).toBe('\\pstart\nNo. 256\n\\pend');
    expect(paragraphs.at(-2)).toBe('\\pstart\n\\siglumsalute{Respectfully yours,}\n\\pend');
    expect(paragraphs.at(-1)).toBe('\\pstart\n\\siglumsigned{Joseph C. Grew}\n\\pend');
    expect(text.match(/\\pstart\n/g)?.length).toBe(text.match(/\n\\pend/g)?.length);
    expect(text).toContain('\\pstart\n\\siglumlabel{1.}The success of the Japanese');
  });

  it('marks page breaks in the margin and sets notes as familiar footnotes', () => {
    const text = body(tex);
    expect(text).toContain('nevertheless, in \\siglumpb{69}all official');
    expect(text).toContain('It \\siglumpb{70}is believed');
    expect(text).toContain('A translation of one of these posters is enclosed.\\footnoteA{Not printed.}');
    expect(text.match(/\\footnoteA\{/g)?.length).toBe(2);
    expect(tex).toContain('\\newcommand{\\siglumpb}[1]{\\textbar\\ledsidenote{\\footnotesize [#1]}}');
  });

  it('sets every apparatus entry as \\edtext on its lemma with the reading and sigla in its series', () => {
    const text = body(tex);
    expect(text.match(/\\edtext\{/g)?.length).toBe(SEED_VARIANTS.length);
    for (const v of SEED_VARIANTS) {
      const lemma = v.lemma.split(' ').length > 3 ? `${v.lemma.split(' ')[0]} … ${v.lemma.split(' ').at(-1)}` : v.lemma;
      const readings = v.readings
        .map((r) => `${r.text === '' ? '\\textit{om.}' : r.text} \\textit{${r.sigla.join(' ')}}`)
        .join(' : ');
      expect(text).toContain(`\\edtext{${v.lemma}}{\\lemma{${lemma}}\\${v.series}footnote{${readings}}}`);
    }
  });

  it('nests lemmata inside lemmata and keeps formatting inside each run of text', () => {
    const content = doc(paragraph('the <a>very <c>', italic('quick'), '<d> brown<b> fox'));
    const t = content.tag as Record<string, number>;
    const out = single(content, [
      entry('A', t['a']!, t['b']!, 'very quick brown', 'slow'),
      entry('B', t['c']!, t['d']!, 'quick', 'fast'),
    ]);
    expect(body(out.tex)).toBe(
      '\\pstart\n\\eledsection*{D}\n\\pend\n\n\\pstart\nthe \\edtext{very \\edtext{\\textit{quick}}{\\lemma{quick}\\Bfootnote{fast \\textit{B}}} brown}{\\lemma{very quick brown}\\Afootnote{slow \\textit{B}}} fox\n\\pend',
    );
  });

  it('attaches an entry that crosses another, a paragraph end, or marks a point with an empty \\edtext where it starts', () => {
    const content = doc(paragraph('one <a>two <c>three<b> four<e>'), paragraph('five<d> six <p>seven'));
    const t = content.tag as Record<string, number>;
    const out = single(content, [
      entry('A', t['a']!, t['b']!, 'two three', 'deux trois'),
      entry('A', t['c']!, t['e']!, 'three four', 'trois quatre'),
      entry('B', t['e']!, t['d']!, 'five', 'cinq'),
      entry('A', t['p']!, t['p']!, 'six', 'six and', ['C']),
    ]);
    const text = body(out.tex);
    expect(text).toContain(
      'one \\edtext{two \\edtext{}{\\lemma{three four}\\Afootnote{trois quatre \\textit{B}}}three}{\\lemma{two three}\\Afootnote{deux trois \\textit{B}}} four\\edtext{}{\\lemma{five}\\Bfootnote{cinq \\textit{B}}}\n\\pend',
    );
    expect(text).toContain('five six \\edtext{}{\\lemma{six}\\Afootnote{six and \\textit{C}}}seven');
    expect(out.rejected).toEqual([]);
  });

  it('attaches an entry that starts between blocks at the next text, and rejects one inside a note', () => {
    const content = doc(paragraph('first'), paragraph('second', note(teiText({ name: null }, 'in <n>note'))));
    const t = content.tag as Record<string, number>;
    const between = content.child(0).nodeSize; // the position before the second paragraph
    const out = single(content, [
      entry('A', between, between + 4, 'sec', 'sek'),
      entry('A', t['n']!, t['n']! + 4, 'note', 'x'),
    ]);
    expect(body(out.tex)).toContain(
      '\\pstart\n\\edtext{}{\\lemma{sec}\\Afootnote{sek \\textit{B}}}second\\footnoteA{in note}\n\\pend',
    );
    expect(out.rejected).toEqual([{ document: 0, index: 1, reason: 'its lemma lies inside a note' }]);
  });

  it('escapes untrusted text everywhere: title, witnesses, text, notes, lemmata and readings', () => {
    const evil = '\\end{document}%';
    const content = doc(heading(evil), paragraph('<a>', evil, '<b>', note(teiText({ name: null }, evil))));
    const t = content.tag as Record<string, number>;
    const out = single(
      content,
      [
        {
          series: 'A',
          from: t['a']!,
          to: t['b']!,
          lemma: evil,
          readings: [{ text: evil, sigla: ['}{'] }],
        },
      ],
      {
        title: evil,
        subtitle: evil,
        introduction: evil,
        witnesses: [{ siglum: ']', description: evil }],
      },
    );
    expect(out.tex.match(/\\end\{document\}/g)?.length).toBe(1);
    expect(braceDepths(out.tex)).toEqual({ min: 0, end: 0 });
    expect(out.tex).toContain('\\item[\\textit{{]}}] \\textbackslash{}end\\{document\\}\\%');
    expect(out.tex).toContain('\\Afootnote{\\textbackslash{}end\\{document\\}\\% \\textit{\\}\\{}}');
  });

  it('writes the letter parts of a TEI document with their macros', () => {
    const content = doc(
      sourceNote('893.77 Manchuria/139'),
      heading('The Ambassador'),
      opener(dateline('Tokyo, December 22, 1938.')),
      paragraph('Sir: text ', pageBreak({ n: '488' }), 'more.'),
      closer(salute('Respectfully yours,'), signed('Joseph C. Grew')),
    );
    const out = buildLatex({
      title: 'T',
      witnesses: [],
      documents: [
        {
          title: 'D',
          n: '486',
          doc: content.toJSON() as DocJSON,
          apparatus: [],
        },
      ],
    });
    expect(body(out)).toBe(
      [
        '\\pstart\n\\siglumsource{893.77 Manchuria/139}\n\\pend',
        '\\pstart\n\\eledsection*{\\siglumdocno{486}The Ambassador}\n\\pend',
        '\\pstart\n\\siglumdateline{Tokyo, December 22, 1938.}\n\\pend',
        '\\pstart\nSir: text \\siglumpb{488}more.\n\\pend',
        '\\pstart\n\\siglumsalute{Respectfully yours,}\n\\pend',
        '\\pstart\n\\siglumsigned{Joseph C. Grew}\n\\pend',
      ].join('\n\n'),
    );
  });

  it.each(['frus1938v03-d480-d486.xml', 'frus1952-54Guat.xml'])(
    'writes %s as balanced TeX with every document, note and page break',
    (name) => {
      const path = fileURLToPath(new URL(`../../../../shared/corpus/frus/${name}`, import.meta.url));
      const xml = readFileSync(path, 'utf8');
      const edition = editionFromTei(importTei(xml, name));
      const out = buildLatex(edition);
      expect(braceDepths(out)).toEqual({ min: 0, end: 0 });
      expect(out.match(/\\beginnumbering\n/g)?.length).toBe(edition.documents.length);
      expect(out.match(/\\pstart\n/g)?.length).toBe(out.match(/\n\\pend/g)?.length);
      const count = (type: string): number =>
        edition.documents.reduce(
          (n, d) => n + (JSON.stringify(d.doc).match(new RegExp(`"type":"${type}"`, 'g'))?.length ?? 0),
          0,
        );
      expect(out.match(/\\footnoteA\{/g)?.length ?? 0).toBe(count('note'));
      expect(out.match(/\\siglumpb\{/g)?.length ?? 0).toBe(count('pageBreak'));
      // Nothing but escaped text between the commands: no stray specials (`~` is a no-break space).
      expect(bareText(out.slice(out.indexOf('\\begin{document}')))).not.toMatch(/[$#^_&]/);
    },
  );
});

describe('line numbering follows the print settings', () => {
  const count = (tex: string, s: string) => tex.split(s).length - 1;

  it('restarts per page by default, with the interval of the settings', () => {
    const tex = buildLatex({ ...seedEdition(), settings: { lineNumberInterval: 3 } });
    expect(tex).toContain('\\lineation{page}');
    expect(tex).toContain('\\linenumincrement{3}');
    expect(count(tex, '\\beginnumbering')).toBe(1);
  });

  it('restarts per document as one numbering block per document', () => {
    const tex = buildLatex({ ...seedEdition(), settings: { lineNumberRestart: 'document' } });
    expect(tex).toContain('\\lineation{section}');
    expect(count(tex, '\\beginnumbering')).toBe(1);
  });

  it('restarts per section with a numbering block at each heading, as the PDF does', () => {
    const edition = seedEdition();
    const first = edition.documents[0]!;
    const doc = PMNodeFromJSON(first.doc);
    const para = doc.child(doc.childCount - 2);
    const withHeading = doc.copy(
      doc.content.addToEnd(schema.node('heading', null, [schema.text('Postscript')])).addToEnd(para),
    );
    const sectioned = { ...edition, documents: [{ ...first, doc: withHeading.toJSON() as DocJSON }] };
    const tex = buildLatex({ ...sectioned, settings: { lineNumberRestart: 'section' } });
    expect(tex).toContain('\\lineation{section}');
    // The source note stands before the document's heading: it, the heading's section
    // and the postscript's are three blocks.
    expect(count(tex, '\\beginnumbering')).toBe(3);
    expect(tex.indexOf('Postscript')).toBeGreaterThan(tex.lastIndexOf('\\beginnumbering'));
    expect(count(buildLatex({ ...sectioned, settings: { lineNumberRestart: 'document' } }), '\\beginnumbering')).toBe(
      1,
    );
  });
});

function PMNodeFromJSON(json: DocJSON): PMNode {
  return schema.nodeFromJSON(json);
}
