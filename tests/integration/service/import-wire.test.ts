/**
 * Documents from the import worker are stored as the JSON text the worker wrote:
 * the service neither parses nor re-encodes them (electron/workers/wire.ts), yet
 * what it stores and what a caller reads are the parsed file exactly.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseFile, isTeiImport, type ParsedFile } from '../../../electron/workers/parseFile.ts';
import { docText, fromWire, toWire } from '../../../electron/workers/wire.ts';
import { serviceFixture } from './helpers.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const volumeName = 'frus1938v03-d480-d486.xml';
const volumeText = readFileSync(join(root, '../shared/corpus/frus', volumeName), 'utf8');
const seedText = readFileSync(join(root, '../shared/corpus/seed/frus1933v03-d63-grew-256.txt'), 'utf8');

/** The parsed file as the worker sends it and the service receives it. */
function throughWire(parsed: ParsedFile): ParsedFile {
  const wire = structuredClone(toWire(parsed));
  return fromWire(JSON.parse(wire.json) as ParsedFile, wire.docs);
}

const { service } = serviceFixture();

afterEach(() => {
  vi.restoreAllMocks();
});

describe('a parsed file between the worker and the service', () => {
  it('arrives equal to what the worker parsed, TEI and plain text alike', () => {
    for (const file of [
      { name: volumeName, text: volumeText },
      { name: 'grew.txt', text: seedText },
    ]) {
      const parsed = parseFile(file);
      const copy = JSON.parse(JSON.stringify(parsed)) as unknown;
      const received = throughWire(parsed);
      expect(JSON.parse(JSON.stringify(received))).toEqual(copy);
      // The worker's own object is left as it was.
      expect(JSON.parse(JSON.stringify(parsed))).toEqual(copy);
    }
  });

  it('keeps each document as the text it came in, until something reads or replaces it', () => {
    const received = throughWire(parseFile({ name: volumeName, text: volumeText }));
    if (!isTeiImport(received)) throw new Error('expected a volume');
    const [first, second] = received.documents;
    const firstText = docText(first!);
    expect(JSON.parse(firstText)).toEqual(first!.doc);
    second!.doc = { type: 'doc', content: [{ type: 'paragraph' }] };
    expect(docText(second!)).toBe('{"type":"doc","content":[{"type":"paragraph"}]}');
  });

  it('refuses texts that do not match the envelope', () => {
    const wire = toWire(parseFile({ name: volumeName, text: volumeText }));
    expect(() => fromWire(JSON.parse(wire.json) as ParsedFile, wire.docs.slice(1))).toThrow(/unreadable answer/);
  });
});

describe('an import of documents from the worker', () => {
  it('stores them without parsing a single one in the service, and they open as parsed', async () => {
    const expected = parseFile({ name: volumeName, text: volumeText });
    if (!isTeiImport(expected)) throw new Error('expected a volume');
    const texts = new Set(toWire(expected).docs);
    const s = service('wire.siglum', {
      create: true,
      parseFile: async (file) => throughWire(parseFile(file)),
    });
    const parse = vi.spyOn(JSON, 'parse');
    const { documents } = await s.importFiles({ files: [{ name: volumeName, text: volumeText }] });
    const parsedDocuments = parse.mock.calls.filter(([text]) => typeof text === 'string' && texts.has(text));
    expect(parsedDocuments).toHaveLength(0);
    parse.mockRestore();
    expect(documents).toHaveLength(expected.documents.length);
    for (const [i, d] of documents.entries()) {
      expect((await s.openDocument({ id: d.id })).doc).toEqual(expected.documents[i]!.doc);
    }
  });
});
