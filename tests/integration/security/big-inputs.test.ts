/**
 * Big and odd inputs are refused up front with a sentence: files over the import limit
 * before they are read, a paragraph too long for the PDF layout before Chromium starts,
 * API strings and lists beyond their bounds, and setting names that are really
 * Object.prototype's members.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, openSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SiglumError } from '../../../edition/errors.ts';
import { ownValue } from '../../../edition/own.ts';
import { loadHyphenator } from '../../../edition/print/hyphenate.ts';
import { MAX_PRINT_BLOCK_CHARS } from '../../../edition/print/limits.ts';
import { mentionElement } from '../../../edition/entities/model.ts';
import { parseInProcess } from '../../../electron/service/formats.ts';
import { openService, type SiglumService } from '../../../electron/service/index.ts';
import { tempDir } from '../service/helpers.ts';

const root = resolve(import.meta.dirname, '../../..');
const bin = join(root, 'electron/bin/siglum.mjs');
const tmp = tempDir();
let service: SiglumService;
let documentId: string;

async function rejection(p: Promise<unknown>): Promise<SiglumError> {
  const e = await p.then(
    () => null,
    (error: unknown) => error,
  );
  expect(e).toBeInstanceOf(SiglumError);
  return e as SiglumError;
}

beforeAll(async () => {
  service = openService(tmp.file('p.siglum'), { create: true, parseFile: parseInProcess });
  documentId = (await service.createDocument({ title: 'A despatch' })).id;
});
afterAll(() => {
  service.close();
  tmp.cleanup();
});

describe('files over the import limit', () => {
  it('are refused by the command line from their size, before a byte is read', () => {
    // A sparse 500 MB file: reading it whole would take the time and memory the check saves.
    const big = tmp.file('huge.xml');
    const fd = openSync(big, 'w');
    writeSync(fd, '<', 500 * 1024 * 1024 - 1);
    closeSync(fd);
    for (const args of [
      ['import', big, '--project', tmp.file('cli.siglum')],
      ['validate', big],
      ['collate', big, big],
    ]) {
      const started = Date.now();
      const r = spawnSync(process.execPath, [bin, ...args], {
        encoding: 'utf8',
        env: { ...process.env, SIGLUM_PROJECT: '' },
        timeout: 60_000,
      });
      expect(r.status, args[0]).toBe(1);
      expect(r.stderr.trim().split('\n'), args[0]).toHaveLength(1);
      expect(r.stderr, args[0]).toMatch(/^siglum: .*huge\.xml is 500 MB, and Siglum reads files of at most 64 MB\./);
      expect(Date.now() - started, args[0]).toBeLessThan(20_000);
    }
  });
});

describe('a paragraph too long for the PDF layout', () => {
  it('is refused at once with a sentence, and the same document still exports as HTML', async () => {
    const text = 'the ambassador reported that relations were strained '.repeat(100_000);
    const imported = await service.importFiles({ files: [{ name: 'long.txt', text: `Long paragraph\n\n${text}\n` }] });
    const id = imported.documents[0]!.id;
    const started = Date.now();
    const e = await rejection(service.exportEdition({ documentId: id, format: 'pdf', outPath: tmp.file('long.pdf') }));
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(e.code).toBe('too-large');
    expect(e.message).toMatch(
      new RegExp(
        `has a paragraph of 5,\\d{3},\\d{3} characters, and the PDF lays out at most ${MAX_PRINT_BLOCK_CHARS.toLocaleString('en')} in one paragraph\\. Split it`,
      ),
    );
    const preview = await rejection(service.previewPages({ documentId: id }));
    expect(preview.code).toBe('too-large');
    const html = await service.exportEdition({ documentId: id, format: 'html', outPath: tmp.file('long-site') });
    expect(html.files).toBeGreaterThan(0);
  });
});

describe('API inputs have bounds', () => {
  it('refuses oversized document metadata, leaving the stored metadata as it was', async () => {
    const long = 'x'.repeat(10_001);
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [{ title: 'T', source: long }, /The document's source is longer than 10,000 characters/],
      [{ title: 'T', date: 'd'.repeat(201) }, /The document's date is longer than 200 characters/],
      [{ title: 'T', extra: { note: long } }, /The metadata field "note" is longer than 10,000/],
      [
        { title: 'T', extra: Object.fromEntries(Array.from({ length: 201 }, (_, i) => [`k${i}`, 'v'])) },
        /at most 200 further metadata fields/,
      ],
    ];
    for (const [meta, message] of cases) {
      const e = await rejection(service.updateMeta({ id: documentId, meta: meta as never }));
      expect(e.code).toBe('bad-input');
      expect(e.message).toMatch(message);
    }
    const info = await service.updateMeta({
      id: documentId,
      meta: { title: 'A despatch', date: null, source: 'FRUS', extra: JSON.parse('{"__proto__": "p", "n": "1"}') },
    });
    expect(info.title).toBe('A despatch');
  });

  it('refuses oversized strings and lists in other methods', async () => {
    expect((await rejection(service.searchEntities({ query: 'q'.repeat(10_001) }))).message).toMatch(
      /The "query" of searchEntities is longer than 10,000 characters/,
    );
    expect(
      (await rejection(service.createEntity({ entity: { id: 'e', type: 'person', name: 'n'.repeat(1_001) } as never })))
        .message,
    ).toMatch(/The name of an entity is longer than 1,000 characters/);
    expect(
      (
        await rejection(
          service.updatePrintSettings({ settings: { noteTypes: Array.from({ length: 101 }, (_, i) => `t${i}`) } }),
        )
      ).message,
    ).toMatch(/at most 100 names/);
    expect(
      (await rejection(service.pushSteps({ documentId, version: 0, clientID: 'c', steps: new Array(10_001).fill({}) })))
        .message,
    ).toMatch(/at most 10,000/);
    expect(
      (
        await rejection(
          service.exportEdition({ documentId, format: 'latex', outPath: tmp.file('x.tex'), id: 'i'.repeat(201) }),
        )
      ).message,
    ).toMatch(/"id" names its progress events: at most 200 characters/);
  });

  it('refuses print-setting margins named like Object.prototype members', async () => {
    for (const side of ['toString', 'constructor', '__proto__', 'hasOwnProperty']) {
      const margins = JSON.parse(`{"${side}": 10}`) as Record<string, number>;
      const e = await rejection(service.updatePrintSettings({ settings: { margins } as never }));
      expect(e.message, side).toContain(`"${side}" is not one of them`);
    }
    expect((await service.getPrintSettings({})).margins).not.toHaveProperty('toString', 10);
  });

  it('looks entity types and languages up as own properties only', async () => {
    expect(ownValue({ a: 1 }, 'toString')).toBeUndefined();
    expect(mentionElement('constructor')).toBe('rs');
    expect(mentionElement('person')).toBe('persName');
    expect((await loadHyphenator('en-constructor'))('representatives')).toContain('\u00ad');
    const made = await service.createEntity({ entity: { id: 'x', type: 'constructor', name: 'Odd type' } as never });
    // Exported with the register, not dropped as if it were a built-in type.
    const tei = await service.exportTei({ all: true });
    expect(tei.xml).toMatch(/<list type="constructor">[^]*Odd type/);
    expect(made.type).toBe('constructor');
  });
});
