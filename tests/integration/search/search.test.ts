/**
 * Search, replace and the document list through the service, on a real FRUS
 * excerpt: word, phrase, prefix and regular-expression searches, filters by part,
 * element, volume, date and entity; the index follows every committed edit; a
 * replacement across documents is previewed, applied in part, received by an open
 * editor, and undone.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { findInDoc } from '../../../edition/search/find.ts';
import { parseInProcess } from '../../../electron/service/formats.ts';
import type { SiglumService } from '../../../electron/service/index.ts';
import { CollabClient, serviceFixture } from '../service/helpers.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const volume = readFileSync(join(root, '../shared/corpus/frus/frus1938v03-d480-d486.xml'), 'utf8');
const { service } = serviceFixture();

async function project(name: string): Promise<SiglumService> {
  const s = service(name, { create: true, parseFile: parseInProcess });
  await s.importFiles({ files: [{ name: 'frus1938v03-d480-d486.xml', text: volume }] });
  return s;
}

/** How many runs of text of all the project's documents hold `query` (the slow way, for comparison). */
async function passagesHolding(s: SiglumService, query: string, regex = false): Promise<number> {
  let n = 0;
  for (const d of await s.listDocuments({})) {
    const { doc } = await s.openDocument({ id: d.id });
    const { schema } = await import('../../../edition/schema.ts');
    const runs = new Set(findInDoc(schema.nodeFromJSON(doc), query, { regex }).map((m) => m.run));
    n += runs.size;
  }
  return n;
}

describe('searchProject', () => {
  it('finds a word with diacritics folded, each hit with its document, context and place', async () => {
    const s = await project('words.siglum');
    const r = await s.searchProject({ query: 'communique' });
    expect(r.total).toBe(2);
    expect(r.documents).toBe(2);
    const hit = r.hits[0]!;
    expect(hit.match).toBe('communiqué');
    expect(hit.context).toContain('The communiqué adds that');
    expect(hit.title).toMatch(/^480\. The Chargé in the Soviet Union \(Kirk\).*\(1938-08-18\)$/);
    // The hit's place leads back to the word in the document.
    const { doc } = await s.openDocument({ id: hit.documentId! });
    const { schema } = await import('../../../edition/schema.ts');
    const { locateInDoc } = await import('../../../edition/search/find.ts');
    const node = schema.nodeFromJSON(doc);
    const at = locateInDoc(node, hit.run!, hit.start!, hit.end!);
    expect(at && node.textBetween(at.from, at.to)).toBe('communiqué');
  });

  it('counts what a slow scan of every document counts, for words, phrases and prefixes', async () => {
    const s = await project('count.siglum');
    expect((await s.searchProject({ query: '"Lake Khasan"', in: ['text'] })).total).toBe(
      await passagesHolding(s, 'Lake Khasan'),
    );
    expect((await s.searchProject({ query: 'Litvinov', in: ['text', 'notes'] })).total).toBe(
      await passagesHolding(s, '\\bLitvinov\\b', true),
    );
    expect((await s.searchProject({ query: 'Changku*', in: ['text', 'notes'] })).total).toBe(
      await passagesHolding(s, '\\bChangku', true),
    );
  });

  it('runs a regular expression over the whole project', async () => {
    const s = await project('regex.siglum');
    const r = await s.searchProject({ query: 'Khasan|Litvinov', regex: true, in: ['text', 'notes'] });
    expect(r.total).toBe(await passagesHolding(s, 'Khasan|Litvinov', true));
    expect(r.hits.every((h) => /Khasan|Litvinov/.test(h.match))).toBe(true);
    // No literal to narrow by: every passage is read.
    expect((await s.searchProject({ query: '\\b[0-9]{4}\\b', regex: true, in: ['text', 'notes'] })).total).toBe(
      await passagesHolding(s, '\\b[0-9]{4}\\b', true),
    );
    await expect(s.searchProject({ query: '(Khasan', regex: true })).rejects.toThrow(/not a valid regular expression/);
  });

  it('limits to notes, to an element, to titles; names come from the register', async () => {
    const s = await project('scopes.siglum');
    const notes = await s.searchProject({ query: 'printed', in: ['notes'] });
    expect(notes.total).toBeGreaterThan(0);
    expect(notes.hits.every((h) => h.field === 'notes')).toBe(true);
    expect((await s.searchProject({ query: 'printed', in: ['titles'] })).total).toBe(0);

    const kirk = await s.searchProject({ query: 'Kirk', element: 'persName' });
    expect(kirk.total).toBeGreaterThan(0);
    expect(kirk.hits.every((h) => h.field === 'element' && h.match === 'Kirk')).toBe(true);
    expect((await s.searchProject({ query: 'Kirk', element: 'placeName' })).total).toBe(0);

    expect((await s.searchProject({ query: 'Counselor', in: ['titles'] })).hits[0]?.field).toBe('title');
    const entity = await s.createEntity({ entity: { type: 'person', name: 'Maksim Litvínov', altNames: ['Wallach'] } });
    const names = await s.searchProject({ query: 'litvinov', in: ['names'] });
    expect(names.hits.map((h) => [h.entityId, h.title])).toEqual([[entity.id, 'Maksim Litvínov']]);
    expect((await s.searchProject({ query: 'wallach' })).hits.map((h) => h.field)).toEqual(['names']);
  });

  it('filters by volume and by date range', async () => {
    const s = await project('filters.siglum');
    const all = await s.searchProject({ query: 'Japanese' });
    const august = await s.searchProject({ query: 'Japanese', dateFrom: '1938-08', dateTo: '1938-08' });
    expect(august.documents).toBeGreaterThan(0);
    expect(august.documents).toBeLessThan(all.documents);
    expect(august.hits.every((h) => h.title.includes('(1938-08-'))).toBe(true);
    const [volume] = await s.listCollections({});
    expect((await s.searchProject({ query: 'Japanese', collectionId: volume!.id })).total).toBe(all.total);
    await s.createDocument({ title: 'Japanese notes' });
    expect((await s.searchProject({ query: 'Japanese', collectionId: volume!.id })).total).toBe(all.total);
    expect((await s.searchProject({ query: 'Japanese' })).total).toBe(all.total + 1);
    await expect(s.searchProject({ query: 'x', dateFrom: 'August' })).rejects.toThrow(/YYYY-MM-DD/);
  });

  it('treats operators and quotes in the query as text', async () => {
    const s = await project('syntax.siglum');
    for (const query of ['NEAR(', '"unclosed', 'AND OR', '*', 'text: x', '^^']) {
      await expect(s.searchProject({ query })).resolves.toHaveProperty('total');
    }
  });
});

describe('the index follows edits', () => {
  it('finds a word as soon as the steps typing it are committed, and forgets it when deleted', async () => {
    const s = await project('fresh.siglum');
    const [first] = await s.listDocuments({});
    const editor = await CollabClient.open(s, first!.id, 'editor');
    expect((await s.searchProject({ query: 'zanzibarite' })).total).toBe(0);
    editor.type('zanzibarite ', findInDoc(editor.state.doc, 'Tass report')[0]!.from);
    await editor.sync();
    // A search right after the commit sees the edit: stale documents are indexed first.
    const r = await s.searchProject({ query: 'zanzibar*' });
    expect(r.hits.map((h) => h.documentId)).toEqual([first!.id]);
    const { from, to } = findInDoc(editor.state.doc, 'zanzibarite ')[0]!;
    editor.state = editor.state.apply(editor.state.tr.delete(from, to));
    await editor.sync();
    expect((await s.searchProject({ query: 'zanzibarite' })).total).toBe(0);
    // Titles and metadata follow a rename.
    await s.renameDocument({ id: first!.id, title: 'Telegram about Nomonhan' });
    expect((await s.searchProject({ query: 'nomonhan', in: ['titles'] })).total).toBe(1);
  });

  it('indexes committed edits once typing pauses, without waiting for a search', async () => {
    const s = await project('background.siglum');
    const [first] = await s.listDocuments({});
    const editor = await CollabClient.open(s, first!.id, 'editor');
    editor.type('quokkas ', findInDoc(editor.state.doc, 'Tass report')[0]!.from);
    await editor.sync();
    const { default: Database } = await import('better-sqlite3');
    const raw = new Database((await s.projectInfo({})).path, { readonly: true });
    const indexed = () =>
      raw.prepare("SELECT count(*) FROM search_segments WHERE text LIKE '%quokkas%'").pluck().get() as number;
    await expect.poll(indexed, { timeout: 10_000 }).toBe(1);
    raw.close();
  });

  it('indexes an imported volume in the background, without waiting for a search', async () => {
    const s = await project('imported.siglum');
    const { default: Database } = await import('better-sqlite3');
    const raw = new Database((await s.projectInfo({})).path, { readonly: true });
    const unindexed = () =>
      raw
        .prepare(
          'SELECT count(*) FROM documents d LEFT JOIN search_indexed i ON i.document_id = d.id WHERE i.version IS NOT d.version',
        )
        .pluck()
        .get() as number;
    await expect.poll(unindexed, { timeout: 20_000 }).toBe(0);
    expect(raw.prepare("SELECT count(*) FROM search_segments WHERE field = 'text'").pluck().get()).toBeGreaterThan(7);
    raw.close();
  });

  it('forgets a deleted volume, and both indexes stay consistent with their passages', async () => {
    const s = await project('deleted.siglum');
    const keep = await s.createDocument({ title: 'A communiqué of our own' });
    expect((await s.searchProject({ query: 'communique' })).total).toBe(3);
    const [volume] = await s.listCollections({});
    await s.deleteCollection({ id: volume!.id });
    const after = await s.searchProject({ query: 'communique' });
    expect(after.hits.map((h) => [h.documentId, h.field])).toEqual([[keep.id, 'title']]);
    expect((await s.searchProject({ query: 'communiqu', regex: true })).total).toBe(1);
    const { default: Database } = await import('better-sqlite3');
    const raw = new Database((await s.projectInfo({})).path);
    // FTS5's own check: every index entry matches its passage in search_segments.
    for (const table of ['search_fts', 'search_trigram']) {
      expect(() =>
        raw.prepare(`INSERT INTO ${table} (${table}, rank) VALUES ('integrity-check', 1)`).run(),
      ).not.toThrow();
    }
    raw.close();
  });

  it('catches up on a project indexed before (steps written around the index)', async () => {
    const s = await project('catchup.siglum');
    const [first] = await s.listDocuments({});
    const { default: Database } = await import('better-sqlite3');
    const info = await s.projectInfo({});
    const raw = new Database(info.path);
    raw.exec("DELETE FROM search_indexed; DELETE FROM search_segments WHERE field NOT IN ('title', 'meta', 'names')");
    raw.close();
    expect((await s.searchProject({ query: 'communique' })).total).toBe(2);
    expect(first).toBeDefined();
  });
});

describe('replace across documents', () => {
  it('previews every occurrence, applies some, reaches an open editor, and undoes', async () => {
    const s = await project('replace.siglum');
    const preview = await s.previewReplace({ find: 'Lake Khasan', replace: 'Lake Hasan' });
    expect(preview.total).toBe(await passagesHolding(s, 'Lake Khasan'));
    expect(preview.documents.length).toBeGreaterThanOrEqual(2);
    const [a, b] = preview.documents;
    expect(a!.items[0]).toMatchObject({ text: 'Lake Khasan', replacement: 'Lake Hasan', replaceable: true });
    expect(a!.items[0]!.before).toMatch(/region of $/);

    const editor = await CollabClient.open(s, a!.documentId, 'open-editor');
    const result = await s.applyReplace({
      find: 'Lake Khasan',
      replace: 'Lake Hasan',
      documents: [
        { documentId: a!.documentId, version: a!.version },
        { documentId: b!.documentId, version: b!.version, indices: [] },
      ],
    });
    expect(result.refused).toEqual([]);
    expect(result.applied.map((x) => x.documentId)).toEqual([a!.documentId]);
    expect((await s.searchProject({ query: '"Lake Hasan"' })).documents).toBe(1);
    await editor.pull();
    expect(findInDoc(editor.state.doc, 'Lake Hasan')).toHaveLength(a!.items.length);

    // An edit elsewhere in the document after the replace does not stop the undo.
    editor.type('Urgent. ', 3);
    await editor.sync();
    const undone = await s.undoReplace(result.applied[0]!);
    expect(undone).toMatchObject({ restored: a!.items.length, kept: 0 });
    await editor.pull();
    expect(findInDoc(editor.state.doc, 'Lake Hasan')).toHaveLength(0);
    expect(findInDoc(editor.state.doc, 'Urgent.')).toHaveLength(1);
    expect((await s.searchProject({ query: '"Lake Hasan"' })).total).toBe(0);
  });

  it('refuses a document edited since its preview', async () => {
    const s = await project('stale.siglum');
    const preview = await s.previewReplace({ find: 'Khasan', replace: 'Hasan' });
    const doc = preview.documents[0]!;
    const editor = await CollabClient.open(s, doc.documentId, 'e');
    editor.type('x', 3);
    await editor.sync();
    const result = await s.applyReplace({
      find: 'Khasan',
      replace: 'Hasan',
      documents: [{ documentId: doc.documentId, version: doc.version }],
    });
    expect(result.applied).toEqual([]);
    expect(result.refused[0]?.reason).toMatch(/edited after the preview\. Preview the replacement again\./);
  });
});

describe('listDocumentsSorted', () => {
  it('sorts by position, date, title and last edit, and filters by date and entity', async () => {
    const s = await project('list.siglum');
    const byPosition = await s.listDocumentsSorted({});
    expect(byPosition.map((d) => d.n)).toEqual(['480', '481', '482', '483', '484', '485', '486']);
    expect(byPosition[0]).toMatchObject({ date: '1938-08-18', collection: expect.any(String) });
    const byDate = await s.listDocumentsSorted({ sort: 'date', descending: true });
    expect(byDate.map((d) => d.date)).toEqual([...byDate.map((d) => d.date)].sort().reverse());
    const byTitle = await s.listDocumentsSorted({ sort: 'title' });
    expect(byTitle.map((d) => d.title.toLowerCase())).toEqual(byTitle.map((d) => d.title.toLowerCase()).sort());

    const editor = await CollabClient.open(s, byPosition[3]!.id, 'e');
    editor.type('x', 3);
    await editor.sync();
    expect((await s.listDocumentsSorted({ sort: 'edited', descending: true }))[0]?.id).toBe(byPosition[3]!.id);

    const autumn = await s.listDocumentsSorted({ dateFrom: '1938-09-01', dateTo: '1938-11' });
    expect(autumn.map((d) => d.date)).toEqual(['1938-09-14', '1938-11-10']);

    const mentioned = await s.createEntity({ entity: { type: 'person', name: 'Litvinov' } });
    for (const d of byPosition) await s.acceptSuggestions({ entityId: mentioned.id, documentId: d.id });
    const withEntity = await s.listDocumentsSorted({ entityId: mentioned.id });
    const mentions = await s.entityMentions({ id: mentioned.id });
    expect(withEntity.length).toBeGreaterThan(1);
    expect(withEntity.length).toBeLessThan(byPosition.length);
    expect(withEntity.map((d) => d.id)).toEqual([...new Set(mentions.map((m) => m.documentId))]);
    await expect(s.listDocumentsSorted({ sort: 'colour' as never })).rejects.toThrow(/position, date, title or edited/);
  });
});
