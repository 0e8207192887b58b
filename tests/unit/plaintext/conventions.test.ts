import type { Node as PMNode } from 'prosemirror-model';
import { describe, expect, it } from 'vitest';
import { ParseError, SiglumError } from '../../../edition/errors.ts';
import { importPlainText } from '../../../edition/plaintext/index.ts';
import { b, footnote, nodeOf } from './build.ts';

function importDoc(text: string, fileName = 'letter.txt'): PMNode {
  return nodeOf(importPlainText(text, fileName).doc);
}

/** Asserts that `text` imports as exactly the document `expected`. */
function expectDoc(text: string, expected: PMNode): void {
  const actual = importDoc(text);
  expect(actual.toString()).toBe(expected.toString());
  expect(actual.eq(expected)).toBe(true);
}

describe('a text that follows none of the conventions', () => {
  const letter = ['Dear Anna,', '', 'The weather is fine.', 'We walked to the lake.', '', 'Love,', 'Marta'].join('\n');

  it('imports as one paragraph per block, single line ends kept as line breaks', () => {
    expectDoc(
      letter,
      b.doc(
        b.p('Dear Anna,'),
        b.p('The weather is fine.', b.br(), 'We walked to the lake.'),
        b.p('Love,', b.br(), 'Marta'),
      ),
    );
  });

  it('takes its title from the file name and has no source or date', () => {
    const { title, meta } = importPlainText(letter, 'transcripts/anna 1932.txt');
    expect(title).toBe('anna 1932');
    expect(meta).toEqual({
      title: 'anna 1932',
      date: null,
      source: null,
      extra: {},
    });
  });

  it('ignores runs of blank lines, surrounding spaces and a byte-order mark', () => {
    expectDoc(
      '\uFEFF\n\n  First block.  \n\n\n\n\tSecond block.\n\n\n',
      b.doc(b.p('First block.'), b.p('Second block.')),
    );
  });

  it('gives the same document for CRLF, CR and LF line ends', () => {
    const lf = importPlainText(letter, 'letter.txt');
    expect(importPlainText(letter.replace(/\n/g, '\r\n'), 'letter.txt')).toEqual(lf);
    expect(importPlainText(letter.replace(/\n/g, '\r'), 'letter.txt')).toEqual(lf);
  });

  it('does not take a first line without the From / To form for a heading', () => {
    expectDoc(
      'Minutes of the meeting\n\nThe committee met at noon.',
      b.doc(b.p('Minutes of the meeting'), b.p('The committee met at noon.')),
    );
  });

  it('keeps a valediction that is not at the end as a paragraph', () => {
    expectDoc(
      'Sincerely,\n\nThis is not the end.\n\nNor is this.',
      b.doc(b.p('Sincerely,'), b.p('This is not the end.'), b.p('Nor is this.')),
    );
  });
});

describe('numbers that are not footnote callouts', () => {
  const ordinary =
    'In 1932, a delegation of 12 members came on the night of December 21–22, 1932, ' +
    'as my telegram No. 8, of January 6, 4 p.m., said; it cost $1,000 and 3/4 of file 761.94/587.';

  it('are left alone when there is no notes list', () => {
    expectDoc(ordinary, b.doc(b.p(ordinary)));
  });

  it('are left alone even when a notes list follows, if none fits its numbering', () => {
    const doc = importDoc(`${ordinary}\n\n1. Not printed.`);
    expect(doc.toString()).toBe(b.doc(b.p(ordinary), b.p('1. Not printed.')).toString());
  });

  it('do not steal the note from the real callout: a range end is no callout', () => {
    const text = 'Posters went up on December 21–22, 1932. One is enclosed.89';
    expectDoc(
      `${text}\n  1. Not printed.`,
      b.doc(b.p('Posters went up on December 21–22, 1932. One is enclosed.', footnote('89', 'Not printed.'))),
    );
  });

  it('leave the text alone when the callouts skip a number of the sequence', () => {
    const text = 'One is enclosed.89 Another is not.91';
    expectDoc(
      `${text}\n  1. Not printed.\n  2. Printed.`,
      b.doc(b.p(text), b.p('1. Not printed.', b.br(), '2. Printed.')),
    );
  });

  it('leave the text alone when more callouts than notes compete', () => {
    const text = 'Item A5 is enclosed.89';
    expectDoc(`${text}\n\n1. Not printed.`, b.doc(b.p(text), b.p('1. Not printed.')));
  });

  it('leave the text alone when there are fewer callouts than notes', () => {
    const text = 'One is enclosed.89';
    expectDoc(
      `${text}\n\n1. Not printed.\n2. Not printed.`,
      b.doc(b.p(text), b.p('1. Not printed.', b.br(), '2. Not printed.')),
    );
  });
});

describe('footnote callouts', () => {
  it('become notes in reading order, across blocks, each with its listed text', () => {
    expectDoc(
      [
        'A heading of sorts',
        '',
        'First “quoted”12 and then,13 again.',
        '',
        'Last.14',
        '',
        '1. See above.',
        '2. Printed.',
        '3. Not found.',
      ].join('\n'),
      b.doc(
        b.p('A heading of sorts'),
        b.p('First “quoted”', footnote('12', 'See above.'), ' and then,', footnote('13', 'Printed.'), ' again.'),
        b.p('Last.', footnote('14', 'Not found.')),
      ),
    );
  });

  it('keep a note’s indented continuation lines as line breaks in the note', () => {
    expectDoc(
      'It was refused.7\n\n  1. Not printed. The note stated\n     that the pensions had ended.',
      b.doc(
        b.p(
          'It was refused.',
          b.note({ n: '7' }, b.run('Not printed. The note stated', b.br(), 'that the pensions had ended.')),
        ),
      ),
    );
  });
});

describe('page markers', () => {
  it('become page breaks with no space of their own, inside their line', () => {
    expectDoc('words in [Page 69] all of it', b.doc(b.p('words in ', b.pb({ n: '69' }), 'all of it')));
    expectDoc('[Page 5] Opening words', b.doc(b.p(b.pb({ n: '5' }), 'Opening words')));
    expectDoc('Closing words [Page 6]', b.doc(b.p('Closing words', b.pb({ n: '6' }))));
    expectDoc('a hyphen-[Page 7]ated word', b.doc(b.p('a hyphen-', b.pb({ n: '7' }), 'ated word')));
  });

  it('alone between paragraphs, open the next paragraph', () => {
    expectDoc('First.\n\n[Page 12]\n\nSecond.', b.doc(b.p('First.'), b.p(b.pb({ n: '12' }), 'Second.')));
  });

  it('keep roman page numbers', () => {
    expectDoc('Preface [Page xii] text', b.doc(b.p('Preface ', b.pb({ n: 'xii' }), 'text')));
  });
});

describe('numbered lists', () => {
  it('need labels alone on their lines that count up by one', () => {
    expectDoc(
      'Causes:\n1.\nFirst cause\n2.\nSecond cause',
      b.doc(b.p('Causes:'), b.list(b.label('1.'), b.item('First cause'), b.label('2.'), b.item('Second cause'))),
    );
    expectDoc('1.\nFirst\n3.\nThird', b.doc(b.p('1.', b.br(), 'First', b.br(), '3.', b.br(), 'Third')));
  });

  it('take letters and bracketed forms as labels, one form to a list', () => {
    expectDoc('(a)\nOne\n(b)\nTwo', b.doc(b.list(b.label('(a)'), b.item('One'), b.label('(b)'), b.item('Two'))));
    expectDoc('1)\nOne\n2.\nTwo', b.doc(b.p('1)', b.br(), 'One', b.br(), '2.', b.br(), 'Two')));
    expectDoc('(1.\nOne', b.doc(b.p('(1.', b.br(), 'One')));
  });

  it('run on across blank lines when the numbering continues', () => {
    expectDoc(
      '(1)\nOne\n\n(2)\nTwo\n\nAfter.',
      b.doc(b.list(b.label('(1)'), b.item('One'), b.label('(2)'), b.item('Two')), b.p('After.')),
    );
  });
});

describe('despatch conventions', () => {
  const despatch = [
    '793.94/5765: Telegram',
    '',
    'The Secretary of State to the Minister in China (Johnson)',
    '',
    'No. 12',
    'Washington, February 3, 1933—6 p.m.',
    '',
    'Sir: I have the honor to report.',
    '',
    'Very truly yours,',
    'Cordell Hull',
  ].join('\n');

  it('read the source note, heading, opener with number and dateline, and closer', () => {
    expectDoc(
      despatch,
      b.doc(
        b.sourceNote('793.94/5765: Telegram'),
        b.heading('The Secretary of State to the Minister in China (Johnson)'),
        b.opener(b.seg('No. 12'), b.dateline('Washington, February 3, 1933—6 p.m.')),
        b.p('Sir: I have the honor to report.'),
        b.closer(b.salute('Very truly yours,'), b.signed('Cordell Hull')),
      ),
    );
  });

  it('read the same head when no blank lines part its lines', () => {
    const glued = [
      '761.94/587',
      'The Ambassador in Japan (Grew) to the Secretary of State',
      'No. 256',
      'Tokyo, January 13, 1933.',
      '[Received February 6.]',
      'Sir: During the month of December.',
    ].join('\n');
    expectDoc(
      glued,
      b.doc(
        b.sourceNote('761.94/587'),
        b.heading('The Ambassador in Japan (Grew) to the Secretary of State'),
        b.opener(b.seg('No. 256'), b.dateline('Tokyo, January 13, 1933.', b.br(), '[Received February 6.]')),
        b.p('Sir: During the month of December.'),
      ),
    );
    expect(importPlainText(glued, 'x.txt').meta.date).toBe('1933-01-13');
  });

  it('never take the first line of a paragraph for a heading', () => {
    const wrapped = 'I sent the report to London\nby the next bag.';
    expectDoc(wrapped, b.doc(b.p('I sent the report to London', b.br(), 'by the next bag.')));
    expectDoc(
      `761.94/587\n\n${wrapped}`,
      b.doc(b.sourceNote('761.94/587'), b.p('I sent the report to London', b.br(), 'by the next bag.')),
    );
  });

  it('give the dateline’s date and the file number to the metadata', () => {
    const { title, meta } = importPlainText(despatch, 'x.txt');
    expect(title).toBe('The Secretary of State to the Minister in China (Johnson)');
    expect(meta).toEqual({
      title,
      date: '1933-02-03',
      source: '793.94/5765: Telegram',
      extra: {},
    });
  });

  it('keep a dateline’s [Received] line as a line break in it', () => {
    const doc = importDoc('Tokyo, December 22, 1938.\n[Received January 9, 1939.]\n\nSir: text.');
    expect(doc.toString()).toBe(
      b
        .doc(
          b.opener(b.dateline('Tokyo, December 22, 1938.', b.br(), '[Received January 9, 1939.]')),
          b.p('Sir: text.'),
        )
        .toString(),
    );
  });

  it('do not take an impossible date for a dateline', () => {
    const { meta } = importPlainText('Tokyo, February 30, 1933.\n\nSir: text.', 'x.txt');
    expect(meta.date).toBeNull();
    expectDoc('Tokyo, February 30, 1933.\n\nSir: text.', b.doc(b.p('Tokyo, February 30, 1933.'), b.p('Sir: text.')));
  });

  it('end with a closer even when the valediction has no signature', () => {
    expectDoc('Text.\n\nRespectfully,', b.doc(b.p('Text.'), b.closer(b.salute('Respectfully,'))));
  });
});

describe('files that cannot be imported', () => {
  it('an empty or blank file is refused with a sentence naming it', () => {
    for (const empty of ['', '   \n\r\n\t', '\uFEFF']) {
      let thrown: unknown;
      try {
        importPlainText(empty, 'blank.txt');
      } catch (e) {
        thrown = e;
      }
      expect(thrown).toBeInstanceOf(SiglumError);
      expect(thrown).toMatchObject({ code: 'bad-input' });
      expect((thrown as Error).message).toMatch(/^The file blank\.txt is empty/);
    }
  });

  it('a binary file is refused as not plain text', () => {
    expect(() => importPlainText('PK\u0003\u0004\0\0', 'archive.zip')).toThrow(/archive\.zip is not plain text/);
  });

  it('a control character TEI cannot hold is reported with its line and column', () => {
    let thrown: unknown;
    try {
      importPlainText('First line\nSecond \u0007line', 'bell.txt');
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(ParseError);
    expect(thrown).toMatchObject({ line: 2, column: 8, code: 'parse-error' });
    expect((thrown as Error).message).toMatch(/^bell\.txt:2:8: the character U\+0007 cannot be kept/);
  });

  it('half a surrogate pair is reported the same way, a whole pair is imported', () => {
    expect(() => importPlainText('ok \uD83D here', 'half.txt')).toThrow(/^half\.txt:1:4: the character U\+D83D/);
    expectDoc('ok \uD83D\uDCDC here', b.doc(b.p('ok \u{1F4DC} here')));
  });
});
