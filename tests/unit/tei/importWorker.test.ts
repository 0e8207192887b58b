/**
 * The import worker: real files come back parsed; hostile files come back as a
 * one-line ParseError with line and column, or are stopped by the worker's
 * time and memory limits, while this process carries on.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ImportFile } from '../../../edition/api.ts';
import { ParseError, SiglumError } from '../../../edition/errors.ts';
import {
  idleImportWorker,
  isTeiImport,
  parseAhead,
  runImportWorker,
  warmImportWorker,
} from '../../../electron/workers/index.ts';

const shared = resolve(import.meta.dirname, '../../../../shared/corpus');

async function rejection(p: Promise<unknown>): Promise<SiglumError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof SiglumError) return e;
    throw e;
  }
  throw new Error('expected the import to be refused');
}

/** Imports `file`, which differs from the one handed over ahead by a comment: it is read anew, the comment in its frame. */
async function expectReadAgain(file: ImportFile): Promise<void> {
  const result = await runImportWorker(file);
  if (!isTeiImport(result)) throw new Error('expected a volume');
  expect(result.collection.frame).toContain('<!-- changed -->');
}

describe('runImportWorker', () => {
  it('parses a FRUS TEI file into a volume with its documents', async () => {
    const text = readFileSync(resolve(shared, 'frus/frus1938v03-d480-d486.xml'), 'utf8');
    const result = await runImportWorker({ name: 'frus1938v03-d480-d486.xml', text });
    expect(isTeiImport(result)).toBe(true);
    if (!isTeiImport(result)) return;
    expect(result.documents.map((d) => d.n)).toEqual(['480', '481', '482', '483', '484', '485', '486']);
  });

  it('parses a plain-text file with the plain-text importer', async () => {
    const text = readFileSync(resolve(shared, 'seed/frus1933v03-d63-grew-256.txt'), 'utf8');
    const result = await runImportWorker({ name: 'grew-256.txt', text });
    expect(isTeiImport(result)).toBe(false);
    expect(result).toHaveProperty('doc.type', 'doc');
  });

  const hostile: Record<string, { text?: string; base64?: string; line: number; message: RegExp }> = {
    'an external entity DOCTYPE': {
      text: '<?xml version="1.0"?>\n<!DOCTYPE TEI [\n  <!ENTITY secret SYSTEM "file:///etc/passwd">\n]>\n<TEI>&secret;</TEI>',
      line: 2,
      message: /DOCTYPE that declares entities is refused/,
    },
    'a billion-laughs entity bomb': {
      text: `<?xml version="1.0"?>\n<!DOCTYPE lolz [\n<!ENTITY lol "lol">\n${Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i === 0 ? '' : i};`.repeat(10)}">`).join('\n')}\n]>\n<lolz>&lol9;</lolz>`,
      line: 2,
      message: /DOCTYPE that declares entities is refused/,
    },
    '10,000-deep nesting': {
      text: `<TEI>\n${'<div>'.repeat(10_000)}${'</div>'.repeat(10_000)}</TEI>`,
      line: 2,
      message: /elements nest deeper than 512 levels/,
    },
    'invalid UTF-8 bytes': {
      base64: Buffer.concat([
        Buffer.from('<TEI>\n  <p>caf'),
        Buffer.from([0xc3, 0x28]),
        Buffer.from('</p>\n</TEI>'),
      ]).toString('base64'),
      line: 2,
      message: /invalid UTF-8 \(byte 0xc3/,
    },
    'two root elements': {
      text: '<TEI xmlns="http://www.tei-c.org/ns/1.0"/>\n<TEI xmlns="http://www.tei-c.org/ns/1.0"/>',
      line: 2,
      message: /only one root/,
    },
  };

  it.each(Object.entries(hostile))('refuses %s with a one-line error that gives line and column', async (_name, c) => {
    const file = {
      name: 'hostile.xml',
      ...(c.text === undefined ? {} : { text: c.text }),
      ...(c.base64 === undefined ? {} : { base64: c.base64 }),
    };
    const e = await rejection(runImportWorker(file));
    expect(e).toBeInstanceOf(ParseError);
    expect(e.code).toBe('parse-error');
    expect(e.message).toMatch(new RegExp(`^hostile\\.xml:${c.line}:\\d+: `));
    expect(e.message).toMatch(c.message);
    expect(e.message).not.toContain('\n');
    expect((e as ParseError).line).toBe(c.line);
    expect((e as ParseError).column).toBeGreaterThan(0);
  });

  it('stops a parse that takes longer than its time limit', async () => {
    const text = readFileSync(resolve(shared, 'frus/frus1934v05.xml'), 'utf8');
    const e = await rejection(runImportWorker({ name: 'frus1934v05.xml', text }, { timeoutMs: 50 }));
    expect(e.code).toBe('timeout');
    expect(e.message).toMatch(/^frus1934v05\.xml: reading the file took longer than 0.05 s/);
  });

  it('stops a parse that needs more memory than its heap limit, where a small file parses fine', async () => {
    const limits = { maxOldGenerationSizeMb: 16, timeoutMs: 60_000 };
    const small = readFileSync(resolve(shared, 'frus/frus1938v03-d486-grew-3534.xml'), 'utf8');
    await expect(runImportWorker({ name: 'small.xml', text: small }, limits)).resolves.toHaveProperty('documents');
    // A volume's documents twice over: 7 MB, more than 16 MB as the text the parser reads.
    const volume = readFileSync(resolve(shared, 'frus/frus1934v05.xml'), 'utf8');
    const body = volume.slice(volume.indexOf('<body>') + 6, volume.indexOf('</body>'));
    const text = volume.replace('</body>', `${body}</body>`);
    const e = await rejection(runImportWorker({ name: 'frus1934v05.xml', text }, limits));
    expect(e.code).toBe('too-large');
    expect(e.message).toBe('frus1934v05.xml: reading the file needed more than 16 MB of memory and was stopped.');
  });

  it('leaves this thread free while the worker parses a whole volume', async () => {
    const text = readFileSync(resolve(shared, 'frus/frus1934v05.xml'), 'utf8');
    // The interval is the measurement: it only ticks while this thread is free.
    let ticks = 0;
    const timer = setInterval(() => ticks++, 10);
    const result = await runImportWorker({ name: 'frus1934v05.xml', text }).finally(() => clearInterval(timer));
    expect(isTeiImport(result) && result.documents.length).toBe(642);
    expect(ticks).toBeGreaterThan(10);
  });

  it('keeps a worker for the next file after a clean answer, and drops one that timed out', async () => {
    const small = readFileSync(resolve(shared, 'frus/frus1938v03-d486-grew-3534.xml'), 'utf8');
    await runImportWorker({ name: 'a.xml', text: small });
    const kept = idleImportWorker();
    expect(kept).not.toBeNull();
    await expect(runImportWorker({ name: 'b.xml', text: '<a/><b/>' })).rejects.toThrow(ParseError);
    expect(idleImportWorker()).toBe(kept);
    const big = readFileSync(resolve(shared, 'frus/frus1934v05.xml'), 'utf8');
    await expect(runImportWorker({ name: 'c.xml', text: big }, { timeoutMs: 5 })).rejects.toThrow(/longer than/);
    expect(idleImportWorker()).toBeNull();
  });

  it('starts a worker ahead of the first file when warmed, and parses the file on that thread', async () => {
    // No worker waiting to begin with: one that timed out is dropped.
    const big = readFileSync(resolve(shared, 'frus/frus1934v05.xml'), 'utf8');
    await expect(runImportWorker({ name: 'c.xml', text: big }, { timeoutMs: 5 })).rejects.toThrow(/longer than/);
    expect(idleImportWorker()).toBeNull();
    warmImportWorker();
    const warmed = idleImportWorker();
    expect(warmed).not.toBeNull();
    warmImportWorker(); // a second call keeps the one already waiting
    expect(idleImportWorker()).toBe(warmed);
    const small = readFileSync(resolve(shared, 'frus/frus1938v03-d486-grew-3534.xml'), 'utf8');
    const result = await runImportWorker({ name: 'a.xml', text: small });
    expect(isTeiImport(result) && result.documents.length).toBe(1);
    expect(idleImportWorker()).toBe(warmed);
  });

  it('hands a file parsed ahead to the import that asks for the same file, without parsing it again', async () => {
    const small = readFileSync(resolve(shared, 'frus/frus1938v03-d486-grew-3534.xml'), 'utf8');
    warmImportWorker();
    const warmed = idleImportWorker();
    expect(warmed).not.toBeNull();
    const drop = parseAhead({ name: 'a.xml', text: small });
    expect(idleImportWorker()).toBeNull(); // the waiting worker took the file at once
    const result = await runImportWorker({ name: 'a.xml', text: small });
    expect(isTeiImport(result) && result.documents.length).toBe(1);
    // Taken, not parsed again: the answer came from the warmed worker, kept again.
    expect(idleImportWorker()).toBe(warmed);
    drop(); // nothing left to stop
    expect(idleImportWorker()).toBe(warmed);
  });

  it('hands a file given ahead as its bytes to the import that sends the same bytes as base64, and no other', async () => {
    // Encoded in UTF-16 with a byte-order mark: the bytes are decoded as the file's base64 is.
    const text = readFileSync(resolve(shared, 'frus/frus1938v03-d486-grew-3534.xml'), 'utf8');
    const bytes = Buffer.from(`\uFEFF${text.replace('encoding="UTF-8"', 'encoding="UTF-16"')}`, 'utf16le');
    warmImportWorker();
    const warmed = idleImportWorker();
    expect(warmed).not.toBeNull();
    const drop = parseAhead({ name: 'a.xml', bytes });
    expect(idleImportWorker()).toBeNull(); // the waiting worker took the bytes at once
    const result = await runImportWorker({ name: 'a.xml', base64: bytes.toString('base64') });
    // Taken, not parsed again: the answer came from the warmed worker, kept again.
    expect(idleImportWorker()).toBe(warmed);
    drop(); // nothing left to stop
    const fresh = await runImportWorker({ name: 'a.xml', base64: bytes.toString('base64') });
    expect(JSON.stringify(result)).toBe(JSON.stringify(fresh));
    expect(isTeiImport(result) && result.documents.length).toBe(1);
    // Other bytes under the same name are read again.
    const again = parseAhead({ name: 'b.xml', bytes });
    const changed = Buffer.concat([bytes, Buffer.from('\n<!-- changed -->', 'utf16le')]);
    await expectReadAgain({ name: 'b.xml', base64: changed.toString('base64') });
    again();
  });

  it('ends the worker of a file handed over ahead once it has answered, when asked not to keep it', async () => {
    const small = readFileSync(resolve(shared, 'frus/frus1938v03-d486-grew-3534.xml'), 'utf8');
    warmImportWorker();
    expect(idleImportWorker()).not.toBeNull();
    const drop = parseAhead({ name: 'a.xml', text: small }, { keepWorker: false });
    expect(idleImportWorker()).toBeNull(); // the waiting worker took the file, no other was started
    const result = await runImportWorker({ name: 'a.xml', text: small });
    expect(isTeiImport(result) && result.documents.length).toBe(1);
    expect(idleImportWorker()).toBeNull(); // not kept for another file
    drop();
  });

  it('parses a file again when its content is not the one handed over ahead', async () => {
    const small = readFileSync(resolve(shared, 'frus/frus1938v03-d486-grew-3534.xml'), 'utf8');
    const drop = parseAhead({ name: 'a.xml', text: small });
    const changed = small.replace('</TEI>', '</TEI>\n<!-- changed -->');
    await expectReadAgain({ name: 'a.xml', text: changed });
    drop();
  });

  it('stops a parse handed over ahead that no import took', async () => {
    const text = readFileSync(resolve(shared, 'frus/frus1934v05.xml'), 'utf8');
    warmImportWorker();
    expect(idleImportWorker()).not.toBeNull();
    const drop = parseAhead({ name: 'frus1934v05.xml', text });
    drop();
    // Its worker, the warmed one, was stopped, not kept for the next file.
    expect(idleImportWorker()).toBeNull();
    const result = await runImportWorker({ name: 'frus1934v05.xml', text });
    expect(isTeiImport(result) && result.documents.length).toBe(642);
  });

  it('refuses a file over the size limit before starting a worker', async () => {
    const e = await rejection(runImportWorker({ name: 'big.xml', text: 'x'.repeat(2048) }, { maxBytes: 1024 }));
    expect(e.code).toBe('too-large');
  });
});
