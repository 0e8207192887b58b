import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { putSnapshot } from '../../../db/snapshots.ts';
import { Store } from '../../../db/store.ts';
import { CollabAuthority } from '../../../electron/service/authority.ts';
import { importTei } from '../../../edition/tei/index.ts';
import { parseXml, type XmlElement } from '../../../edition/xml/index.ts';
import { CollabClient, serviceFixture } from './helpers.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const shared = join(root, '../shared');
const volumeName = 'frus1938v03-d480-d486.xml';
const volumeText = readFileSync(join(shared, 'corpus/frus', volumeName), 'utf8');
const seedText = readFileSync(join(shared, 'corpus/seed/frus1933v03-d63-grew-256.txt'), 'utf8');

const { service, tmp } = serviceFixture();

/** Validates with jing; returns its error lines (the Debian wrapper's classpath warnings left out). */
function jing(schema: string, xml: string, name: string): { ok: boolean; errors: string } {
  const file = tmp.file(name);
  writeFileSync(file, xml);
  const run = spawnSync('jing', schema.endsWith('.rnc') ? ['-c', schema, file] : [schema, file], { encoding: 'utf8' });
  const errors = `${run.stdout}${run.stderr}`
    .split('\n')
    .filter((line) => line !== '' && !line.startsWith('[warning]'))
    .join('\n');
  return { ok: run.status === 0, errors };
}

describe('exporting TEI', () => {
  it('exports an imported volume with the edits made since, and nothing else changed', async () => {
    const s = service('volume.siglum');
    const { documents } = await s.importFiles({ files: [{ name: volumeName, text: volumeText }] });
    const [volume] = await s.listCollections({});
    const edited = documents.find((d) => d.title !== '')!;
    const client = await CollabClient.open(s, edited.id, 'a');
    client.type('EDITED IN SIGLUM ', 1 + client.state.doc.firstChild!.nodeSize);
    await client.sync();

    const exported = await s.exportTei({ collectionId: volume!.id });
    expect(exported.fileName).toMatch(/\.xml$/);
    // As the service reads files: with the register, so names and dates are mentions.
    const again = importTei(exported.xml, exported.fileName, { register: true });
    const original = importTei(volumeText, volumeName, { register: true });
    expect(again.documents.map((d) => d.key)).toEqual(original.documents.map((d) => d.key));
    for (const [i, d] of again.documents.entries()) {
      const stored = await s.openDocument({ id: documents[i]!.id });
      expect(d.doc).toEqual(stored.doc);
      if (documents[i]!.id !== edited.id) expect(d.doc).toEqual(original.documents[i]!.doc);
    }
    expect(exported.xml).toContain('EDITED IN SIGLUM');
  });

  it('exports one document of a volume as a standalone file valid against the FRUS schema', async () => {
    const s = service('one.siglum');
    const { documents } = await s.importFiles({ files: [{ name: volumeName, text: volumeText }] });
    const doc = documents.find((d) => /\d/.test(d.title)) ?? documents[0]!;
    const exported = await s.exportTei({ documentId: doc.id });
    const result = jing(join(shared, 'schema/frus/frus.rnc'), exported.xml, 'one.xml');
    expect(result.errors).toBe('');
    expect(result.ok).toBe(true);
  });

  it('exports a project of plain-text and new documents as a teiCorpus valid against tei_all', async () => {
    const s = service('all.siglum');
    await s.importFiles({ files: [{ name: 'grew-256.txt', text: seedText }] });
    const folder = await s.createCollection({ title: 'Drafts' });
    const draft = await s.createDocument({ title: 'A draft', collectionId: folder.id });
    const client = await CollabClient.open(s, draft.id, 'a');
    client.type('Draft text of a despatch.', 1);
    await client.sync();

    const exported = await s.exportTei({ all: true });
    expect(exported.fileName).toBe('all.xml');
    expect(exported.xml).toMatch(/<teiCorpus/);
    expect(exported.xml).toContain('Draft text of a despatch.');
    expect(exported.xml).toContain('Respectfully yours');
    const result = jing(join(shared, 'schema/tei_all.rng'), exported.xml, 'all.xml');
    expect(result.errors).toBe('');
    expect(result.ok).toBe(true);
  });

  it('puts every imported volume into the project export, each document at its place', async () => {
    const s = service('with-volume.siglum');
    await s.importFiles({
      files: [
        { name: volumeName, text: volumeText },
        { name: 'grew-256.txt', text: seedText },
      ],
    });
    const exported = await s.exportTei({ all: true });
    const corpus = parseXml(exported.xml);
    const volumes = corpus.root.children.filter((c): c is XmlElement => c.type === 'element' && c.name === 'TEI');
    expect(volumes).toHaveLength(2);
    for (const d of importTei(volumeText, volumeName).documents) expect(exported.xml).toContain(`xml:id="${d.key}"`);
  });

  it('refuses to delete one document of an imported volume, which exports whole', async () => {
    const s = service('keep.siglum');
    const { documents } = await s.importFiles({ files: [{ name: volumeName, text: volumeText }] });
    await expect(s.deleteDocument({ id: documents[0]!.id })).rejects.toMatchObject({ code: 'bad-input' });
    expect(await s.listDocuments({})).toHaveLength(documents.length);
  });

  it('reads a volume as of one commit, though each document is read only when it is written', async () => {
    const s = service('one-commit.siglum');
    const { documents } = await s.importFiles({ files: [{ name: volumeName, text: volumeText }] });
    const [volume] = await s.listCollections({});
    const last = Number(documents.at(-1)!.id);
    const other = Store.open(tmp.file('one-commit.siglum'));
    const read = CollabAuthority.prototype.peek;
    const peek = vi.spyOn(CollabAuthority.prototype, 'peek');
    // Another connection replaces the last document while the export has read only the first.
    peek.mockImplementationOnce(function (this: CollabAuthority, id: number) {
      other.write((tx) =>
        putSnapshot(tx, last, 0, {
          type: 'doc',
          content: [{ type: 'paragraph', content: [{ type: 'text', text: 'WRITTEN MEANWHILE' }] }],
        }),
      );
      return read.call(this, id);
    });
    try {
      const exported = await s.exportTei({ collectionId: volume!.id });
      expect(peek.mock.calls.map(([id]) => id)).toEqual(documents.map((d) => Number(d.id)));
      expect(exported.xml).not.toContain('WRITTEN MEANWHILE');
      expect((await s.exportTei({ collectionId: volume!.id })).xml).toContain('WRITTEN MEANWHILE');
    } finally {
      peek.mockRestore();
      other.close();
    }
  });

  it('says what to export when the target names nothing', async () => {
    const s = service('nothing.siglum');
    await expect(s.exportTei({} as never)).rejects.toMatchObject({ code: 'bad-input' });
    await expect(s.exportTei({ documentId: '12' })).rejects.toMatchObject({ code: 'not-found' });
  });
});
