/**
 * The header of a single-document TEI export read back: the document's source goes into
 * `sourceDesc` as it is and comes back as it went, so export, import and export again
 * write the same `sourceDesc` (it once gained a "Source: " each time).
 */
import { describe, expect, it } from 'vitest';
import type { DocumentMeta } from '../../../edition/types.ts';
import { exportDocumentTei, importTei } from '../../../edition/tei/index.ts';

const TEI = 'http://www.tei-c.org/ns/1.0';
const body = importTei(
  `<TEI xmlns="${TEI}"><teiHeader><fileDesc><titleStmt><title>T</title></titleStmt><publicationStmt><p>p</p></publicationStmt><sourceDesc><p>s</p></sourceDesc></fileDesc></teiHeader><text><body><p>Sapere aude!</p></body></text></TEI>`,
  'one.xml',
).documents[0]!.doc;

const sourceDesc = (xml: string): string => /<sourceDesc>[\s\S]*<\/sourceDesc>/.exec(xml)![0];

/** Exports a document with `source`, imports the file, and exports what came in. */
function twice(source: string | null): { first: string; again: string; read: string | null } {
  const meta: DocumentMeta = { title: 'Was ist Aufklärung?', date: null, source, extra: {} };
  const first = exportDocumentTei(body, meta);
  const imported = importTei(first, 'out.xml').documents[0]!;
  return { first, again: exportDocumentTei(imported.doc, imported.meta), read: imported.meta.source };
}

describe('the source in a single-document export', () => {
  it.each([
    'Berlinische Monatsschrift, 1784, S. 481–494',
    'Source: Department of State, Central Files, 761.94/587. Confidential.',
  ])('reads back as it was written, and the next export writes the same sourceDesc: %s', (source) => {
    const { first, again, read } = twice(source);
    expect(read).toBe(source);
    expect(sourceDesc(first)).toContain(`<p>${source}</p>`);
    expect(sourceDesc(again)).toBe(sourceDesc(first));
  });

  it('reads the sentence written for no source back as none', () => {
    const { first, again, read } = twice(null);
    expect(read).toBeNull();
    expect(sourceDesc(again)).toBe(sourceDesc(first));
  });
});
