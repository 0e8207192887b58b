/**
 * Documents from the import worker are stored as the JSON text the worker wrote:
 * the service neither parses nor re-encodes them (electron/workers/wire.ts), yet
 * what it stores and what a caller reads are the parsed file exactly.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseFile, isTeiImport, type ParsedFile } from '../../../electron/workers/parseFile.ts';
import { docText, fromWire, toWire } from '../../../electron/workers/wire.ts';
import { serviceFixture } from './helpers.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const volumeName = 'frus1938v03-d480-d486.xml';
const volumeText = readFileSync(join(root, '../shared/corpus/frus', volumeName), 'utf8');
const seedText = readFileSync(join(root, '../shared/corpus/seed/frus1933v03-d63-grew-256.txt'), 'utf8');

/** The parsed file as the worker sends it (its documents' buffer handed over) and the service receives it. */
function throughWire(parsed: ParsedFile): ParsedFile {
  const sent = toWire(parsed);
  const wire = structuredClone(sent, { transfer: [sent.docs.buffer] });
  expect(sent.docs.byteLength).toBe(0); // handed over, not copied
  return fromWire(JSON.parse(wire.json) as ParsedFile, wire.docs, wire.ends);
}

const { service, tmp } = serviceFixture();

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
    const envelope = (): ParsedFile => JSON.parse(wire.json) as ParsedFile;
    expect(() => fromWire(envelope(), wire.docs, wire.ends.slice(1))).toThrow(/unreadable answer/);
    // Ends past the bytes, or going back.
    expect(() => fromWire(envelope(), wire.docs.subarray(0, wire.docs.byteLength - 1), wire.ends)).toThrow(
      /unreadable answer/,
    );
    const back = [...wire.ends];
    [back[0], back[1]] = [back[1]!, back[0]!];
    expect(() => fromWire(envelope(), wire.docs, back)).toThrow(/unreadable answer/);
  });

  it('carries any character as the UTF-8 the store keeps', () => {
    const doc = {
      type: 'doc',
      content: [{ type: 'paragraph', content: [{ type: 'text', text: 'é “quoted” 漢字 𝔊 \u2028 \\ "' }] }],
    };
    const parsed = parseFile({ name: 'grew.txt', text: seedText });
    (parsed as { doc: unknown }).doc = doc;
    const received = throughWire(parsed) as { doc: unknown };
    expect(docText(received as never)).toBe(JSON.stringify(doc));
    expect(received.doc).toEqual(doc);
  });
});

describe('an import of documents from the worker', () => {
  it('stores them without parsing a single one in the service, and they open as parsed', async () => {
    const expected = parseFile({ name: volumeName, text: volumeText });
    if (!isTeiImport(expected)) throw new Error('expected a volume');
    const texts = new Set(expected.documents.map((d) => JSON.stringify(d.doc)));
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
    // Kept as text, the worker's JSON as it was, not as a blob of its bytes.
    const db = new Database(tmp.file('wire.siglum'), { readonly: true });
    try {
      const rows = db.prepare('SELECT typeof(doc) AS type, doc FROM snapshots ORDER BY document_id').all() as Array<{
        type: string;
        doc: string;
      }>;
      expect(rows.map((r) => r.type)).toEqual(expected.documents.map(() => 'text'));
      expect(rows.map((r) => r.doc)).toEqual(expected.documents.map((d) => JSON.stringify(d.doc)));
    } finally {
      db.close();
    }
  });
});
