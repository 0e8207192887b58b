/**
 * The `custom` attribute Transkribus writes on PAGE elements: tags, their ranges and
 * attributes, escaped values, and what a broken attribute leaves readable.
 */
import { describe, expect, it } from 'vitest';
import { parseCustom, unescapeCustomValue } from '../../../edition/facsimile/custom.ts';

describe("Transkribus's custom attribute", () => {
  it('reads every tag with its range, continuation and other attributes in the order written', () => {
    const { tags, problems } = parseCustom(
      'readingOrder {index:0;} person {offset:0; length:15; firstname:Daniel; lastname:Galschut; wikiData:Q42;} place {offset:4; length:12; continued:true;}',
    );
    expect(problems).toEqual([]);
    expect(tags).toEqual([
      { name: 'readingOrder', offset: null, length: null, continued: false, attrs: [['index', '0']] },
      {
        name: 'person',
        offset: 0,
        length: 15,
        continued: false,
        attrs: [
          ['firstname', 'Daniel'],
          ['lastname', 'Galschut'],
          ['wikiData', 'Q42'],
        ],
      },
      { name: 'place', offset: 4, length: 12, continued: true, attrs: [] },
    ]);
  });

  it("reads a tag without spaces or a last semicolon, as the Kant ground truth's are written", () => {
    const { tags } = parseCustom('textStyle {offset:0; length:10;fontFamily:Arial; fontSize:7.5; letterSpaced:true}');
    expect(tags[0]).toMatchObject({
      name: 'textStyle',
      offset: 0,
      length: 10,
      attrs: [
        ['fontFamily', 'Arial'],
        ['fontSize', '7.5'],
        ['letterSpaced', 'true'],
      ],
    });
  });

  it("unescapes Transkribus's \\uXXXX, a backslash before a character and Java's control escapes", () => {
    const { tags } = parseCustom(
      'comment {offset:0; length:4; comment:see\\u0020f.\\u00203\\u003a\\u0020\\u007bsic\\u007d;} sic {offset:5; length:3; correction:a\\;b\\\\c\\}d;}',
    );
    expect(tags.map((t) => t.attrs)).toEqual([[['comment', 'see f. 3: {sic}']], [['correction', 'a;b\\c}d']]]);
    expect(unescapeCustomValue('line\\none\\ttab')).toBe('line\none\ttab');
    // An astral character is two escapes, one per UTF-16 code unit, as Java writes it.
    expect(unescapeCustomValue('\\ud835\\udd0a')).toBe('𝔊');
  });

  it('skips what it cannot read, says so, and reads the tags after it', () => {
    const { tags, problems } = parseCustom(
      'person {offset:zero; length:3;} broken {offset 1;} {x:1;} place {offset:2; length:1;}',
    );
    expect(tags.map((t) => [t.name, t.offset, t.length])).toEqual([
      ['person', null, 3],
      ['place', 2, 1],
    ]);
    expect(problems).toEqual([
      'The tag "person" has offset "zero", which is not a whole number; it was read without one.',
      'The tag "broken" is not written as name {key:value; ...}; it was skipped.',
      '"{x:1;} place {offset:2; length:1;}" is not a tag (a name and attributes in braces).',
    ]);
  });

  it('reads an unclosed last tag as a problem, not a crash', () => {
    const { tags, problems } = parseCustom('person {offset:0; length:3;} place {offset:1');
    expect(tags.map((t) => t.name)).toEqual(['person']);
    expect(problems).toHaveLength(1);
  });
});
