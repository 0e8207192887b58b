/**
 * Importing a file whose volume is already in the project: refused without a choice
 * (nothing changes), or a new volume, a replacement, or an update that keeps the
 * editor's work where the source did not change and reports what changed on both sides.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SiglumService } from '../../../electron/service/index.ts';
import { parseInProcess } from '../../../electron/service/formats.ts';
import { CollabClient, serviceFixture } from './helpers.ts';

const corpus = resolve(import.meta.dirname, '../../../../shared/corpus/frus');
const name = 'frus1938v03-d480-d486.xml';
const text = readFileSync(join(corpus, name), 'utf8');
const guat = { name: 'frus1952-54Guat.xml', text: readFileSync(join(corpus, 'frus1952-54Guat.xml'), 'utf8') };
const options = { create: true, parseFile: parseInProcess };

const { service } = serviceFixture();

/** Everything an import could change, to compare before and after. */
async function state(s: SiglumService): Promise<unknown> {
  const documents = await s.listDocuments({});
  const texts = await Promise.all(documents.map(async (d) => (await s.openDocument({ id: d.id })).doc));
  return { collections: await s.listCollections({}), documents, texts, entities: await s.listEntities({}) };
}

/** The position just before `words` in an open document. */
function positionOf(client: CollabClient, words: string): number {
  let at = -1;
  client.state.doc.descendants((node, pos) => {
    if (at < 0 && node.isText && node.text!.includes(words)) at = pos + node.text!.indexOf(words);
    return at < 0;
  });
  if (at < 0) throw new Error(`"${words}" is not in the document`);
  return at;
}

describe('importing a volume that is already in the project', () => {
  it('without a choice imports nothing and names the volume, whatever the file is called', async () => {
    const s = service('refuse.siglum', options);
    await s.importFiles({ files: [{ name, text }] });
    const before = await state(s);
    const [volume] = await s.listCollections({});
    for (const file of [
      { name, text },
      { name: 'renamed.xml', text },
      { name: 'other.txt', text: 'A plain text that is new.' },
    ]) {
      const again = await s.importFiles({ files: [{ name, text }, file] });
      expect(again.documents).toEqual([]);
      expect(again.existing[0]).toEqual({
        file: name,
        collectionId: volume!.id,
        title: volume!.title,
        identical: true,
      });
    }
    expect(await state(s)).toEqual(before);
  });

  it('refuses one volume twice in one import unless both are to be new volumes', async () => {
    const s = service('twice.siglum', options);
    await expect(
      s.importFiles({
        files: [
          { name, text },
          { name: 'copy.xml', text },
        ],
      }),
    ).rejects.toMatchObject({
      code: 'bad-input',
      message: `${name} and copy.xml are the same volume, so nothing was imported: import one of them, or both as new volumes.`,
    });
    expect(await s.listCollections({})).toEqual([]);
    await s.importFiles({
      files: [
        { name, text },
        { name: 'copy.xml', text },
      ],
      existing: 'new',
    });
    expect((await s.listCollections({})).map((c) => c.title)).toEqual([
      expect.any(String),
      expect.stringMatching(/\(2\)$/),
    ]);
  });

  it('knows a FRUS volume by its idno even when its text changed', async () => {
    const s = service('idno.siglum', options);
    await s.importFiles({ files: [guat] });
    const before = await state(s);
    const changed = { name: 'guatemala-corrected.xml', text: guat.text.replace('Arbenz Guzman', 'Árbenz Guzmán') };
    const again = await s.importFiles({ files: [changed] });
    expect(again.existing.map((e) => [e.file, e.identical])).toEqual([[changed.name, false]]);
    expect(await state(s)).toEqual(before);
  }, 60_000);

  it('as a new volume: beside the old one, with entries of its own; the file read again still finds the old one', async () => {
    const s = service('new.siglum', options);
    const first = await s.importFiles({ files: [guat] });
    const entries = (await s.listEntities({})).length;
    const result = await s.importFiles({ files: [guat], existing: 'new' });
    expect(result.documents.length).toBe(first.documents.length);
    const collections = await s.listCollections({});
    expect(collections.map((c) => c.title)).toEqual([collections[0]!.title, `${collections[0]!.title} (2)`]);
    expect((await s.listEntities({})).length).toBe(2 * entries);
    const third = await s.importFiles({ files: [guat] });
    expect(third.existing.map((e) => e.collectionId)).toEqual([collections[0]!.id]);
  }, 60_000);

  it('update keeps the editor’s work, takes the source’s changes elsewhere and reports documents changed on both sides', async () => {
    const s = service('update.siglum', options);
    const imported = await s.importFiles({ files: [{ name, text }] });
    const [volume] = await s.listCollections({});
    const byTitle = async () => new Map((await s.listDocuments({ collectionId: volume!.id })).map((d) => [d.n, d.id]));
    const ids = await byTitle();
    const d480 = ids.get('480')!;
    const editor = await CollabClient.open(s, d480, 'editor');
    editor.type('EDITED IN SIGLUM. ', positionOf(editor, 'Tass report'));
    await editor.sync();

    const d487 = `<div type="document" xml:id="d487" n="487"><head>A new despatch</head><p>Added later.</p></div>\n        </body>`;
    const source = text
      .replace('Tass report published', 'Tass report printed')
      .replace('Not printed.</note> Notes', 'Not printed.</note> NOTES')
      .replace(/<div type="document" xml:id="d483"[\s\S]*?<\/div>\s*(?=<div type="document" xml:id="d484")/, '')
      .replace('</body>', d487);
    const result = await s.importFiles({ files: [{ name, text: source }], existing: 'update' });
    expect(result.existing.map((e) => e.identical)).toEqual([false]);
    expect(result.updated).toEqual([
      {
        file: name,
        collectionId: volume!.id,
        title: volume!.title,
        choice: 'update',
        unchanged: 4,
        fromSource: 1,
        added: 1,
        removed: 1,
        changedOnBothSides: [{ documentId: d480, title: imported.documents[0]!.title }],
      },
    ]);
    const after = await byTitle();
    expect([...after.keys()]).toEqual(['480', '481', '482', '484', '485', '486', '487']);
    expect(after.get('480')).toBe(d480);
    // The open editor receives nothing for its document: the editor's text stands.
    await editor.pull();
    expect(editor.state.doc.textContent).toContain('EDITED IN SIGLUM. Tass report published');
    const d484 = await s.openDocument({ id: after.get('484')! });
    expect(JSON.stringify(d484.doc)).toContain('NOTES');
    const exported = await s.exportTei({ collectionId: volume!.id });
    expect(exported.xml).toContain('EDITED IN SIGLUM. Tass report published');
    expect(exported.xml).toContain('Not printed.</note> NOTES');
    expect(exported.xml).toContain('Added later.');
    expect(exported.xml).not.toContain('xml:id="d483"');

    // The same source again: nothing to take; the editor was told about d480 once, and their text stands.
    const again = await s.importFiles({ files: [{ name, text: source }], existing: 'update' });
    expect(again.existing.map((e) => e.identical)).toEqual([true]);
    expect(again.updated[0]).toMatchObject({
      unchanged: 7,
      fromSource: 0,
      added: 0,
      removed: 0,
      changedOnBothSides: [],
    });
    expect((await s.exportTei({ collectionId: volume!.id })).xml).toContain('EDITED IN SIGLUM. Tass report published');
  });

  it('update and replace keep the volume’s register entries, never doubling them', async () => {
    const s = service('register.siglum', options);
    await s.importFiles({ files: [guat] });
    const before = await s.listEntities({});
    const arbenz = before.find((e) => e.xmlId === 'p_AGJ1')!;
    const changed = { name: guat.name, text: guat.text.replace('Arbenz Guzman, Jacobo', 'Árbenz Guzmán, Jacobo') };
    for (const existing of ['update', 'replace'] as const) {
      const result = await s.importFiles({ files: [changed], existing });
      expect(result.updated.map((u) => u.choice)).toEqual([existing]);
      const after = await s.listEntities({});
      expect(after.map((e) => e.id)).toEqual(before.map((e) => e.id));
      expect((await s.getEntity({ id: arbenz.id })).mentions).toBe(arbenz.mentions);
    }
    const [volume] = await s.listCollections({});
    const exported = await s.exportTei({ collectionId: volume!.id });
    expect(exported.xml).toContain('Árbenz Guzmán, Jacobo');
    expect(exported.pointers.dangling).toEqual([]);
  }, 120_000);

  it('replace gives every document the source’s text, the editor’s changes included', async () => {
    const s = service('replace.siglum', options);
    await s.importFiles({ files: [{ name, text }] });
    const [volume] = await s.listCollections({});
    const [first] = await s.listDocuments({ collectionId: volume!.id });
    const editor = await CollabClient.open(s, first!.id, 'editor');
    editor.type('EDITED IN SIGLUM. ', positionOf(editor, 'Tass report'));
    await editor.sync();
    const result = await s.importFiles({ files: [{ name, text }], existing: 'replace' });
    expect(result.updated[0]).toMatchObject({ choice: 'replace', fromSource: 1, unchanged: 6, changedOnBothSides: [] });
    await editor.pull();
    expect(editor.state.doc.textContent).not.toContain('EDITED IN SIGLUM');
    const exported = await s.exportTei({ collectionId: volume!.id });
    expect(exported.xml).not.toContain('EDITED IN SIGLUM');
  });
});
