/**
 * Two editors, two projects and one bare repository on this machine: they change
 * different documents, the same document in different paragraphs and words, then the
 * same words; they push and pull in both orders and end with the same project, every
 * edit present or the conflict settled. The repository's TEI validates and a third
 * project cloned from it is the same project again.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Node } from 'prosemirror-model';
import { describe, expect, it } from 'vitest';
import type { DocJSON } from '../../../edition/api.ts';
import { schema } from '../../../edition/schema.ts';
import { readRegister } from '../../../edition/git/layout.ts';
import { headOid, initRepository, readFiles } from '../../../electron/git/repo.ts';
import { readDocumentFile } from '../../../electron/service/git-files.ts';
import type { SiglumService } from '../../../electron/service/index.ts';
import { validateTei } from '../../../electron/validate.ts';
import { serviceFixture } from '../service/helpers.ts';
import { documentId, edit, namedVersions, replaceText, text } from './editing.ts';

const { service, tmp } = serviceFixture();

const A = { name: 'Ann Editor', email: 'ann@example.org' };
const B = { name: 'Ben Reviewer', email: 'ben@example.org' };

/** The project as the other side sees it: each document on the model (mentions as xml:ids) and the register. */
async function fingerprint(s: SiglumService): Promise<unknown> {
  const docs: Array<[string, string]> = [];
  for (const d of await s.listDocuments({})) {
    const xml = (await s.exportTei({ documentId: d.id })).xml;
    docs.push([d.title, readDocumentFile(xml, 'x/d.xml').key]);
  }
  const register = (await s.listEntities({})).map(({ id: _id, mentions: _m, ...e }) => e);
  return { docs: docs.sort(), register: register.sort((a, b) => a.name.localeCompare(b.name)) };
}

const SECOND: DocJSON = {
  type: 'doc',
  content: [
    { type: 'paragraph', content: [{ type: 'text', text: 'The first paragraph of the memorandum.' }] },
    { type: 'paragraph', content: [{ type: 'text', text: 'The second paragraph, about the treaty.' }] },
    { type: 'paragraph', content: [{ type: 'text', text: 'The third paragraph closes it.' }] },
  ],
};

describe('the project in Git, two editors and a bare repository', () => {
  it(
    'shares, pulls, merges on the document model, settles a conflict and ends with one project',
    { timeout: 120_000 },
    async () => {
      const bare = tmp.file('remote.git');
      await initRepository(bare, true);
      const a = service('a.siglum', { create: true, seed: true });
      const seed = (await a.listDocuments({}))[0]!.title;
      const second = await a.createDocument({ title: 'Memorandum' });
      await edit(a, second.id, (tr) => tr.replaceWith(0, tr.doc.content.size, Node.fromJSON(schema, SECOND).content));
      // A register entry with its mentions, and a reviewer's comment on a span.
      const su = await a.createEntity({ entity: { type: 'person', name: 'Su Ping-wen' } });
      await a.acceptSuggestions({ entityId: su.id, documentId: (await a.listDocuments({}))[0]!.id });
      expect((await a.entityMentions({ id: su.id })).length).toBeGreaterThan(0);
      await edit(a, second.id, (tr) => {
        const note = schema.nodes.note.create(
          { type: 'review' },
          schema.nodes.paragraph.create(null, schema.text('Check the date.')),
        );
        tr.insert(tr.doc.child(0).nodeSize - 1, note);
      });

      await a.gitInit({ remote: bare });
      const first = await a.gitCommit({ message: 'The despatch and the memorandum', ...A });
      expect(first.files).toContain('siglum.json');
      expect(first.files.filter((f) => f.endsWith('.xml'))).toHaveLength(2);
      await a.gitPush({});
      expect((await namedVersions(a, seed)).map((v) => v.name)).toContain('The despatch and the memorandum');

      // B clones into an empty project: the same project.
      const b = service('b.siglum');
      await b.gitClone({ url: bare });
      expect(await fingerprint(b)).toEqual(await fingerprint(a));
      expect((await b.gitStatus({})).changed).toEqual([]);
      const files = await readFiles(tmp.file('b.git-work'), await headOid(tmp.file('b.git-work')));
      const memo = [...files].find(([p]) => p.endsWith('memorandum.xml'))!;
      expect(memo[1]).toContain('<note type="review">');

      // Different documents: A the despatch, B the memorandum; B is refused until it pulls.
      await edit(a, await documentId(a, seed), replaceText('several events occurred', 'several incidents occurred'));
      await a.gitCommit({ message: 'Despatch: incidents', ...A });
      await a.gitPush({});
      await edit(b, await documentId(b, 'Memorandum'), replaceText('closes it', 'closes the memorandum'));
      await b.gitCommit({ message: 'Memorandum: closing', ...B });
      await expect(b.gitPush({})).rejects.toThrow(/Pull first, then push again/);
      const pulledB = await b.gitPull(B);
      expect(pulledB.changed).toEqual([seed]);
      expect(pulledB.conflicts).toEqual([]);
      expect((await namedVersions(b, seed)).some((v) => v.name.startsWith('before pull'))).toBe(true);
      await b.gitPush({});
      const pulledA = await a.gitPull(A);
      expect(pulledA.changed).toEqual(['Memorandum']);
      expect(await fingerprint(a)).toEqual(await fingerprint(b));
      expect(await text(a, 'Memorandum')).toContain('closes the memorandum');
      expect(await text(b, seed)).toContain('several incidents occurred');

      // The same document, different paragraphs, and different words of one paragraph; B pushes first this time.
      await edit(b, await documentId(b, 'Memorandum'), replaceText('first paragraph', 'opening paragraph'));
      await edit(b, await documentId(b, 'Memorandum'), replaceText('about the treaty', 'about the 1932 treaty'));
      await b.gitCommit({ message: 'Memorandum: opening', ...B });
      await b.gitPush({});
      await edit(a, await documentId(a, 'Memorandum'), replaceText('third paragraph', 'last paragraph'));
      await edit(a, await documentId(a, 'Memorandum'), replaceText('The second paragraph', 'The middle paragraph'));
      // The register merges by identity: each adds an entry.
      await a.createEntity({ entity: { type: 'place', name: 'Manchuli' } });
      await b.createEntity({ entity: { type: 'place', name: 'Tokyo' } });
      await b.gitCommit({ message: 'Tokyo', ...B });
      await b.gitPush({});
      await a.gitCommit({ message: 'Memorandum: last', ...A });
      const merged = await a.gitPull(A);
      expect(merged.merged).toEqual(['Memorandum']);
      expect(merged.conflicts).toEqual([]);
      await a.gitPush({});
      await b.gitPull(B);
      expect(await fingerprint(b)).toEqual(await fingerprint(a));
      const memoText = await text(a, 'Memorandum');
      for (const words of [
        'opening paragraph',
        'The middle paragraph, about the 1932 treaty',
        'last paragraph closes the memorandum',
      ]) {
        expect(memoText).toContain(words);
      }
      expect((await b.listEntities({})).map((e) => e.name).sort()).toEqual(['Manchuli', 'Su Ping-wen', 'Tokyo']);

      // The same words on both sides: a conflict, shown side by side and settled.
      await edit(a, await documentId(a, 'Memorandum'), replaceText('1932 treaty', 'treaty of 1932'));
      await a.gitCommit({ message: 'A words it', ...A });
      await a.gitPush({});
      await edit(b, await documentId(b, 'Memorandum'), replaceText('1932 treaty', 'Soviet treaty'));
      await b.gitCommit({ message: 'B words it', ...B });
      const conflicted = await b.gitPull(B);
      expect(conflicted.conflicts).toHaveLength(1);
      const [conflict] = conflicted.conflicts;
      const chunk = conflict!.chunks.find((c) => c.kind === 'conflict');
      expect(chunk?.kind === 'conflict' && JSON.stringify(chunk.ours)).toContain('Soviet treaty');
      expect(chunk?.kind === 'conflict' && JSON.stringify(chunk.theirs)).toContain('treaty of 1932');
      await expect(b.gitPush({})).rejects.toThrow(/conflicts to be settled/);
      expect((await b.gitStatus({})).conflicts).toHaveLength(1);
      const settled = await b.gitResolve({
        documentId: conflict!.documentId,
        choices: [{ text: 'The middle paragraph, about the Soviet treaty of 1932.' }],
      });
      expect(settled.conflicts).toEqual([]);
      await b.gitPush({});
      await a.gitPull(A);
      expect(await fingerprint(a)).toEqual(await fingerprint(b));
      expect(await text(a, 'Memorandum')).toContain('about the Soviet treaty of 1932.');

      // The repository: every TEI file valid against tei_all, the register readable, and a clone the same project.
      const head = await readFiles(tmp.file('a.git-work'), await headOid(tmp.file('a.git-work')));
      const xmlFiles = [...head].filter(([p]) => p.endsWith('.xml'));
      expect(xmlFiles).toHaveLength(2);
      for (const [path, xml] of xmlFiles) {
        const result = await validateTei(xml, { schema: 'tei_all', fileName: path });
        expect(result.messages, path).toEqual([]);
        expect(result.valid).toBe(true);
      }
      expect([...readRegister(head.get('register.json')!).values()].map((e) => e.name).sort()).toEqual([
        'Manchuli',
        'Su Ping-wen',
        'Tokyo',
      ]);
      const c = service('c.siglum');
      await c.gitClone({ url: bare });
      expect(await fingerprint(c)).toEqual(await fingerprint(a));
      const mentions = await c.entityMentions({
        id: (await c.listEntities({})).find((e) => e.name === 'Su Ping-wen')!.id,
      });
      expect(mentions.length).toBe((await a.entityMentions({ id: su.id })).length);
    },
  );

  it('brings documents added and removed, witnesses and print settings', { timeout: 120_000 }, async () => {
    const bare = tmp.file('parts.git');
    await initRepository(bare, true);
    const a = service('pa.siglum', { create: true, seed: true });
    const draft = await a.createDocument({ title: 'Draft to drop' });
    await a.gitInit({ remote: bare });
    await a.gitCommit({ message: 'Start', ...A });
    await a.gitPush({});
    const b = service('pb.siglum');
    await b.gitClone({ url: bare });
    expect((await b.listDocuments({})).map((d) => d.title)).toContain('Draft to drop');

    const seedId = (await a.listDocuments({}))[0]!.id;
    await a.addWitness({ documentId: seedId, siglum: 'C', description: 'Carbon copy', text: 'Sir: During the month' });
    await a.updatePrintSettings({ settings: { fontSizePt: 12 } });
    await a.deleteDocument({ id: draft.id });
    const added = await a.createDocument({ title: 'Note to file' });
    await edit(a, added.id, (tr) => tr.insert(1, schema.text('Seen by the Ambassador.')));
    await a.gitCommit({ message: 'Witness, settings, one document in, one out', ...A });
    await a.gitPush({});
    const pulled = await b.gitPull(B);
    expect(pulled.added).toEqual(['Note to file']);
    expect(pulled.removed).toEqual(['Draft to drop']);
    expect((await b.listDocuments({})).map((d) => d.title).sort()).toEqual(
      (await a.listDocuments({})).map((d) => d.title).sort(),
    );
    expect(await text(b, 'Note to file')).toBe('Seen by the Ambassador.');
    const bSeed = await documentId(b, (await a.listDocuments({}))[0]!.title);
    expect((await b.listWitnesses({ documentId: bSeed })).map((w) => [w.siglum, w.description, w.text])).toEqual([
      ['C', 'Carbon copy', 'Sir: During the month'],
    ]);
    expect((await b.getPrintSettings({})).fontSizePt).toBe(12);
    expect(await fingerprint(b)).toEqual(await fingerprint(a));
    expect((await b.gitStatus({})).changed).toEqual([]);

    // Entries removed there go here too, unless a document here still mentions them.
    const manchuli = await a.createEntity({ entity: { type: 'place', name: 'Manchuli' } });
    const nobody = await a.createEntity({ entity: { type: 'person', name: 'Nobody Atall' } });
    await a.gitCommit({ message: 'Two entries', ...A });
    await a.gitPush({});
    await b.gitPull(B);
    const bManchuli = (await b.listEntities({})).find((e) => e.name === 'Manchuli')!;
    const marked = await b.acceptSuggestions({ entityId: bManchuli.id, documentId: bSeed });
    expect(marked.marked).toBeGreaterThan(0);
    await b.gitCommit({ message: 'Manchuli marked', ...B });
    await a.deleteEntity({ id: manchuli.id });
    await a.deleteEntity({ id: nobody.id });
    await a.gitCommit({ message: 'Two entries dropped', ...A });
    await a.gitPush({});
    await b.gitPull(B);
    const names = (await b.listEntities({})).map((e) => e.name);
    expect(names).toContain('Manchuli');
    expect(names).not.toContain('Nobody Atall');
  });

  it('carries files of its own (a CI workflow) and writes the workflow on init', async () => {
    const s = service('ci.siglum', { create: true, seed: true });
    await s.gitInit({ ci: 'github' });
    const work = tmp.file('ci.git-work');
    const workflow = readFileSync(join(work, '.github/workflows/siglum-edition.yml'), 'utf8');
    expect(workflow).toContain('siglum export --all --format html');
    mkdirSync(join(work, 'notes'), { recursive: true });
    writeFileSync(join(work, 'notes/README.md'), 'How we work.\n');
    await s.gitCommit({ message: 'First', ...A });
    const files = await readFiles(work, await headOid(work));
    expect(files.get('.github/workflows/siglum-edition.yml')).toBe(workflow);
    expect(files.get('notes/README.md')).toBe('How we work.\n');
    await expect(s.gitCommit({ message: 'Again', ...A })).rejects.toThrow(/Nothing has changed since the last commit/);
  });
});
