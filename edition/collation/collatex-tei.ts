/**
 * The parallel segmentation as CollateX writes it in TEI (`cx:apparatus`, as its Python
 * port does): agreement as plain text, each place of variation an `app` with one `rdg` per
 * distinct reading (`wit="#A #C"`, witnesses by siglum), a witness with nothing there not
 * listed, and a space after an `app` when one of its readings ended in one. This is the
 * interchange format of CollateX, for comparison and for the command line; a TEI edition
 * with `listWit`, `lem` and the rest is the TEI module's business.
 */
import type { Collation } from './collate.ts';
import type { AlignmentTable } from './table.ts';

const escapeText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escapeAttribute = (s: string) => escapeText(s).replace(/"/g, '&quot;');

export function toCollateXTei(collation: Collation, table: AlignmentTable): string {
  const sigla = collation.witnesses.map((w) => w.siglum);
  const bySiglum = [...sigla.keys()].sort((a, b) => (sigla[a]! < sigla[b]! ? -1 : sigla[a]! > sigla[b]! ? 1 : 0));
  let body = '';
  for (const column of table.columns) {
    const readings = new Map<string, string[]>();
    for (const w of bySiglum) {
      const cell = column.cells[w]!;
      if (cell.length === 0) continue;
      const tokens = collation.witnesses[w]!.tokens;
      const text = cell.map((t) => tokens[t]!.text + tokens[t]!.trailing).join('');
      readings.set(text, [...(readings.get(text) ?? []), sigla[w]!]);
    }
    const [only] = readings;
    if (readings.size === 1 && only![1].length === sigla.length) {
      body += escapeText(only![0]);
      continue;
    }
    let space = false;
    body += '<app>';
    for (const [text, wit] of readings) {
      space ||= text.endsWith(' ');
      body += `<rdg wit="${escapeAttribute(wit.map((s) => `#${s}`).join(' '))}">${escapeText(text.trim())}</rdg>`;
    }
    body += space ? '</app> ' : '</app>';
  }
  return (
    '<?xml version="1.0" ?><cx:apparatus xmlns:cx="http://interedition.eu/collatex/ns/1.0" ' +
    `xmlns="http://www.tei-c.org/ns/1.0">${body}</cx:apparatus>`
  );
}
