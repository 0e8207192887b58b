/**
 * The search index after a large import: built by the indexer's thread, so the first
 * search answers at once from what is indexed and says how many documents are still
 * to come; what needs every document (the command line's `complete`, a replace's
 * preview) waits for the thread; a few stale documents (an edit) are indexed before
 * the search that needs them, as always.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Store } from '../../../db/store.ts';
import { staleDocuments } from '../../../db/search.ts';
import { parseInProcess } from '../../../electron/service/formats.ts';
import { INDEX_HERE_AT_MOST } from '../../../electron/service/search-index.ts';
import type { SiglumService } from '../../../electron/service/index.ts';
import { CollabClient, serviceFixture } from '../service/helpers.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const guatemala = readFileSync(join(root, '../shared/corpus/frus/frus1952-54Guat.xml'), 'utf8');
const excerpt = readFileSync(join(root, '../shared/corpus/frus/frus1938v03-d480-d486.xml'), 'utf8');
const { service, tmp } = serviceFixture();

/** Waits (on the event loop, not a sleep) until the service's search no longer reports indexing. */
async function indexed(s: SiglumService): Promise<void> {
  for (;;) {
    const r = await s.searchProject({ query: 'Guatemala', limit: 1 });
    if (r.indexing === undefined) return;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

describe('the search index after importing a volume', () => {
  it('answers the first search at once with how many documents are left, and in full once the thread is done', async () => {
    const s = service('guatemala.siglum', { create: true, parseFile: parseInProcess });
    const { documents } = await s.importFiles({ files: [{ name: 'frus1952-54Guat.xml', text: guatemala }] });
    expect(documents.length).toBeGreaterThan(INDEX_HERE_AT_MOST);

    const first = await s.searchProject({ query: 'Arbenz' });
    expect(first.indexing?.documentsLeft).toBeGreaterThan(0);
    expect(first.indexing!.documentsLeft).toBeLessThanOrEqual(documents.length);
    // The service's own writes go first while the thread indexes (Store.writeGate).
    const more = await s.importFiles({ files: [{ name: 'frus1938v03-d480-d486.xml', text: excerpt }] });
    expect(more.documents).toHaveLength(7);

    await indexed(s);
    const whole = await s.searchProject({ query: 'Arbenz' });
    expect(whole.indexing).toBeUndefined();
    expect(whole.total).toBeGreaterThan(first.total);
    expect((await s.searchProject({ query: 'communique' })).total).toBe(2);
    // The thread wrote the index into the project itself: another connection finds nothing stale.
    const store = Store.open(tmp.file('guatemala.siglum'));
    try {
      expect(staleDocuments(store.db)).toEqual([]);
    } finally {
      store.close();
    }
  });

  it('gives the whole count at once to a search that asks for it, and to a replace preview', async () => {
    const s = service('complete.siglum', { create: true, parseFile: parseInProcess });
    await s.importFiles({ files: [{ name: 'frus1952-54Guat.xml', text: guatemala }] });
    const complete = await s.searchProject({ query: 'Arbenz', complete: true });
    expect(complete.indexing).toBeUndefined();

    const other = service('reference.siglum', { create: true, parseFile: parseInProcess, indexWorkerUrl: null });
    await other.importFiles({ files: [{ name: 'frus1952-54Guat.xml', text: guatemala }] });
    // Without the thread the service indexes everything before answering: the same count.
    const reference = await other.searchProject({ query: 'Arbenz' });
    expect(reference.indexing).toBeUndefined();
    expect(complete.total).toBe(reference.total);

    const fresh = service('preview.siglum', { create: true, parseFile: parseInProcess });
    await fresh.importFiles({ files: [{ name: 'frus1952-54Guat.xml', text: guatemala }] });
    const preview = await fresh.previewReplace({ find: 'Arbenz', replace: 'Árbenz' });
    const previewReference = await other.previewReplace({ find: 'Arbenz', replace: 'Árbenz' });
    expect(preview.total).toBe(previewReference.total);
    expect(preview.documents.length).toBe(previewReference.documents.length);
  });

  it('still finds what was typed a moment ago, with the thread done', async () => {
    const s = service('typed.siglum', { create: true, parseFile: parseInProcess });
    const { documents } = await s.importFiles({ files: [{ name: 'frus1952-54Guat.xml', text: guatemala }] });
    await indexed(s);
    const c = await CollabClient.open(s, documents[3]!.id, 'editor');
    c.type(' Xylophonic', c.state.doc.content.size - 2);
    await c.sync();
    const r = await s.searchProject({ query: 'Xylophonic' });
    expect(r.indexing).toBeUndefined();
    expect(r.total).toBe(1);
    expect(r.hits[0]!.documentId).toBe(documents[3]!.id);
  });
});
