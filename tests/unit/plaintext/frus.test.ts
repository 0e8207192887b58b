/**
 * The line conventions checked against what FRUS itself prints: every source note and
 * every dateline of a whole FRUS volume (../shared/corpus/frus/frus1934v05.xml), read
 * with saxes, as a reader would copy them from the web edition.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { SaxesParser } from 'saxes';
import { describe, expect, it } from 'vitest';
import { datelineDate, isFileNumber } from '../../../edition/plaintext/conventions.ts';
import { importPlainText } from '../../../edition/plaintext/index.ts';
import { nodeOf } from './build.ts';

interface Dateline {
  /** The dateline's first line as text (what comes before its `<lb/>`). */
  text: string;
  /** `date/@when`, day precision. */
  when: string | null;
}

function readVolume(name: string): { sourceNotes: string[]; datelines: Dateline[] } {
  const path = fileURLToPath(new URL(`../../../../shared/corpus/frus/${name}`, import.meta.url));
  const parser = new SaxesParser();
  const sourceNotes: string[] = [];
  const datelines: Dateline[] = [];
  let note: string | null = null;
  let dateline: (Dateline & { done: boolean }) | null = null;
  parser.on('opentag', (tag) => {
    if (tag.name === 'note' && tag.attributes['type'] === 'source') note = '';
    if (tag.name === 'dateline') dateline = { text: '', when: null, done: false };
    if (tag.name === 'lb' && dateline) dateline.done = true;
    const when = tag.attributes['when'];
    if (tag.name === 'date' && dateline && dateline.when === null && typeof when === 'string') {
      dateline.when = when.slice(0, 10);
    }
  });
  parser.on('text', (text) => {
    if (note !== null) note += text;
    if (dateline && !dateline.done) dateline.text += text;
  });
  parser.on('closetag', (tag) => {
    const clean = (s: string) => s.replace(/\s+/g, ' ').trim();
    if (tag.name === 'note' && note !== null) {
      sourceNotes.push(clean(note));
      note = null;
    }
    if (tag.name === 'dateline' && dateline) {
      datelines.push({ text: clean(dateline.text), when: dateline.when });
      dateline = null;
    }
  });
  parser.write(readFileSync(path, 'utf8').replace(/^\uFEFF/, '')).close();
  return { sourceNotes, datelines };
}

const volume = readVolume('frus1934v05.xml');

describe('the conventions against a whole FRUS volume (1934, vol. V)', () => {
  it('recognise every decimal file number FRUS prints as a source note', () => {
    const fileNumbers = volume.sourceNotes.filter((n) => /^\d{3}/.test(n));
    expect(fileNumbers.length).toBeGreaterThan(500);
    expect(fileNumbers.filter((n) => !isFileNumber(n))).toEqual([]);
  });

  it('do not take the other source notes ("[Enclosure]", "Treaty Series No. 878") for file numbers', () => {
    const others = volume.sourceNotes.filter((n) => !/^\d{3}/.test(n));
    expect(others.length).toBeGreaterThan(0);
    expect(others.filter((n) => isFileNumber(n))).toEqual([]);
  });

  it('read the date of nearly every dateline as FRUS dates it', () => {
    const dated = volume.datelines.filter((d) => d.when !== null);
    const misread = dated.filter((d) => datelineDate(d.text) !== d.when);
    expect(dated.length).toBeGreaterThan(600);
    // The misses are FRUS's own oddities: a day left out (`July , 1934`) and a
    // dateline run together with the next line (`1934.Not sent until ...`).
    expect(misread.map((d) => d.text)).toEqual([
      'Port-au-Prince, July , 1934.',
      'Managua, February 20, 1934.Not sent until February 27, 1934.',
    ]);
  });

  it('turn a copied heading block into source note, heading and dated opener', () => {
    const first = volume.datelines.find((d) => d.text.startsWith('Santiago'));
    expect(first).toBeDefined();
    const text = [
      volume.sourceNotes[0],
      '',
      'The Ambassador in Chile (Sevier) to the Secretary of State',
      '',
      first?.text,
      '',
      'Text.',
    ];
    const result = importPlainText(text.join('\n'), 'copied.txt');
    const doc = nodeOf(result.doc);
    const kinds: string[] = [];
    doc.forEach((block) => kinds.push(block.type.name));
    expect(kinds).toEqual(['sourceNote', 'heading', 'opener', 'paragraph']);
    expect(result.meta.source).toBe(volume.sourceNotes[0]);
    expect(result.meta.date).toBe(first?.when);
  });
});
