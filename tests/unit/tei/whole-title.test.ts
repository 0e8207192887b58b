/**
 * The title of a file that is one document (its whole body): the header's title; in a
 * header without one, the body's own heading or that of its only division; never the
 * heading of the first of several divisions (a play is not called "ACT 1").
 */
import { describe, expect, it } from 'vitest';
import { importTei } from '../../../edition/tei/index.ts';

const file = (body: string, title: string): string =>
  `<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt>${title}</titleStmt><publicationStmt><p/></publicationStmt><sourceDesc><p/></sourceDesc></fileDesc></teiHeader><text><body>${body}</body></text></TEI>`;

const titleOf = (body: string, title = "<title>The Header's Title</title>"): string => {
  const { documents } = importTei(file(body, title), 'f.xml');
  expect(documents).toHaveLength(1);
  return documents[0]!.title;
};

describe('the title of a file that is one document', () => {
  it('is the header’s title when the body holds several headed divisions', () => {
    expect(
      titleOf('<div type="act"><head>ACT 1</head><p>a</p></div><div type="act"><head>ACT 2</head><p>b</p></div>'),
    ).toBe("The Header's Title");
  });

  it('is the header’s title even when the body has a heading of its own', () => {
    expect(titleOf('<head>An Essay</head><p>a</p>')).toBe("The Header's Title");
  });

  it('in a header without a title, is the body’s own heading, or that of its only division, however deep', () => {
    expect(titleOf('<head>An Essay</head><div><head>Part 1</head><p>a</p></div><div><p>b</p></div>', '')).toBe(
      'An Essay',
    );
    expect(titleOf('<div type="letter"><head>To the Duke</head><p>a</p></div>', '')).toBe('To the Duke');
    expect(titleOf('<pb n="1"/><div><div1><head>Deep</head><p>a</p></div1></div>', '')).toBe('Deep');
  });

  it('in a header without a title and a body of several headed divisions, is the file’s name', () => {
    expect(titleOf('<div><head>ACT 1</head><p>a</p></div><div><head>ACT 2</head><p>b</p></div>', '')).toBe('f');
  });
});
