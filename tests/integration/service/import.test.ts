import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { openService } from '../../../electron/service/index.ts';
import { serviceFixture } from './helpers.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const seedPath = join(root, '../shared/corpus/seed/frus1933v03-d63-grew-256.txt');
const seedText = readFileSync(seedPath, 'utf8');
const volumeName = 'frus1938v03-d480-d486.xml';
const volumeText = readFileSync(join(root, '../shared/corpus/frus', volumeName), 'utf8');

const { service, tmp } = serviceFixture();

describe('first run', () => {
  it('creates a new project with the sample despatch already in it', async () => {
    const s = service('first.siglum', { create: true, seed: true });
    const docs = await s.listDocuments({});
    expect(docs).toHaveLength(1);
    const opened = await s.openDocument({ id: docs[0]!.id });
    expect(opened.meta.source).toBe('761.94/587');
    expect(JSON.stringify(opened.doc)).toContain('Respectfully yours');
    expect(opened.version).toBe(0);
  });

  it('does not seed a project that already exists, even when asked to', async () => {
    const first = service('again.siglum', { create: true, seed: true });
    const { id } = (await first.listDocuments({}))[0]!;
    await first.renameDocument({ id, title: 'My own despatch' });
    first.close();
    const again = service('again.siglum', { create: true, seed: true });
    expect((await again.listDocuments({})).map((d) => d.title)).toEqual(['My own despatch']);
  });

  it('removes the half-made project when the sample cannot be read, and reports why', async () => {
    const s = service('no-sample.siglum', { create: true, seed: true, seedFile: tmp.file('nowhere.txt') });
    await expect(s.listDocuments({})).rejects.toMatchObject({
      name: 'SiglumError',
      message: expect.stringMatching(/sample document is missing/),
    });
    expect(() => openService(tmp.file('no-sample.siglum'))).toThrow(expect.objectContaining({ code: 'not-found' }));
  });
});

describe('importing files', () => {
  it('imports a plain-text despatch as one document outside any volume', async () => {
    const s = service('plain.siglum');
    const result = await s.importFiles({ files: [{ name: 'grew-256.txt', text: seedText }] });
    expect(result.documents).toHaveLength(1);
    expect(result.documents[0]!.collection).toBeNull();
    expect((await s.listDocuments({})).map((d) => d.id)).toEqual([result.documents[0]!.id]);
  });

  it('reads base64 content as UTF-8 and refuses bytes that are not UTF-8', async () => {
    const s = service('base64.siglum');
    const ok = await s.importFiles({
      files: [{ name: 'grew.txt', base64: Buffer.from(seedText, 'utf8').toString('base64') }],
    });
    expect(ok.documents).toHaveLength(1);
    await expect(
      s.importFiles({
        files: [{ name: 'latin1.txt', base64: Buffer.from([0x53, 0x69, 0x72, 0xe9, 0x3a]).toString('base64') }],
      }),
    ).rejects.toMatchObject({ code: 'parse-error', message: expect.stringMatching(/latin1\.txt.*UTF-8/) });
    expect(await s.listDocuments({})).toHaveLength(1);
  });

  it('writes nothing when one file of several fails', async () => {
    const s = service('all-or-nothing.siglum');
    await s.importFiles({ files: [{ name: 'before.txt', text: seedText }] });
    const before = { docs: await s.listDocuments({}), collections: await s.listCollections({}) };
    const events: unknown[] = [];
    s.subscribe((e) => events.push(e));

    await expect(
      s.importFiles({
        files: [
          { name: 'good.txt', text: seedText },
          { name: 'bell.txt', text: 'Sir:\n\nThe bell rang \u0007 twice.\n' },
        ],
      }),
    ).rejects.toMatchObject({ name: 'ParseError', code: 'parse-error', message: expect.stringMatching(/^bell\.txt:/) });

    expect({ docs: await s.listDocuments({}), collections: await s.listCollections({}) }).toEqual(before);
    expect(events).toEqual([]);
  });

  it('writes nothing when a hostile or broken XML file comes with good ones, and says which file and where', async () => {
    const s = service('hostile.siglum');
    const hostile = [
      {
        name: 'xxe.xml',
        text: '<?xml version="1.0"?>\n<!DOCTYPE TEI [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<TEI xmlns="http://www.tei-c.org/ns/1.0">&x;</TEI>',
      },
      { name: 'two-roots.xml', text: '<TEI xmlns="http://www.tei-c.org/ns/1.0"><text/></TEI>\n<TEI/>' },
      {
        name: 'deep.xml',
        text: `<TEI xmlns="http://www.tei-c.org/ns/1.0">${'<div>'.repeat(10_000)}${'</div>'.repeat(10_000)}</TEI>`,
      },
    ];
    for (const bad of hostile) {
      const error = await s
        .importFiles({ files: [{ name: volumeName, text: volumeText }, bad, { name: 'grew.txt', text: seedText }] })
        .then(
          () => null,
          (e: unknown) => e,
        );
      expect(error).toMatchObject({ name: 'ParseError', code: 'parse-error' });
      expect((error as Error).message.startsWith(`${bad.name}:`)).toBe(true);
    }
    expect(await s.listCollections({})).toEqual([]);
    expect(await s.listDocuments({})).toEqual([]);
  });

  it('writes nothing when a parsed file does not fit the schema', async () => {
    const s = service('misfit.siglum', {
      create: true,
      parseFile: async (file) => ({
        title: file.name,
        meta: { title: file.name, date: null, source: null, extra: {} },
        doc:
          file.name === 'bad.txt'
            ? { type: 'doc', content: [{ type: 'script' }] }
            : { type: 'doc', content: [{ type: 'paragraph' }] },
      }),
    });
    await expect(
      s.importFiles({
        files: [
          { name: 'fine.txt', text: 'x' },
          { name: 'bad.txt', text: 'y' },
        ],
      }),
    ).rejects.toMatchObject({ code: 'invalid-tei', message: expect.stringMatching(/^bad\.txt/) });
    expect(await s.listDocuments({})).toEqual([]);
  });

  it('refuses an import with no files, or a file with no content, as bad input', async () => {
    const s = service('empty-import.siglum');
    await expect(s.importFiles({ files: [] })).rejects.toMatchObject({ code: 'bad-input' });
    await expect(s.importFiles({ files: [{ name: 'x.txt' }] })).rejects.toMatchObject({ code: 'bad-input' });
  });
});
