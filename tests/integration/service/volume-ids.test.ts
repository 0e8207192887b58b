/**
 * Identifiers per volume: volumes whose xml:ids collide (the same FRUS volume twice,
 * FRUS volumes sharing `d1`...) each export their ids and pointers exactly as read,
 * their register entries stay apart until merged, and every export's pointers resolve.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CollectionInfo, TeiExport } from '../../../edition/api.ts';
import { checkPointers } from '../../../edition/tei/pointers.ts';
import { parseXml } from '../../../edition/xml/index.ts';
import { parseInProcess } from '../../../electron/service/formats.ts';
import { openService, type SiglumService } from '../../../electron/service/index.ts';
import { canonicalDifference } from '../../unit/tei/canonical.ts';
import { serviceFixture, tempDir } from './helpers.ts';

const corpus = resolve(import.meta.dirname, '../../../../shared/corpus/frus');
const files = readdirSync(corpus)
  .filter((f) => f.endsWith('.xml'))
  .sort()
  .map((name) => ({ name, text: readFileSync(join(corpus, name), 'utf8') }));
const guat = files.find((f) => f.name === 'frus1952-54Guat.xml')!;

/** The pointers of a file that name no id of it, as `attribute #id` strings in order. */
function danglingIn(xml: string): string[] {
  return checkPointers(parseXml(xml, { fileName: 'x.xml' }).root).dangling.map((d) => `${d.attribute} #${d.id}`);
}
const dangling = (e: TeiExport): string[] => e.pointers.dangling.map((d) => `${d.attribute} #${d.id}`);

describe('every FRUS file in one project, and the Guatemala volume a second time', () => {
  const tmp = tempDir();
  let s: SiglumService;
  let collections: CollectionInfo[];

  beforeAll(async () => {
    s = openService(tmp.file('all.siglum'), { create: true, parseFile: parseInProcess });
    await s.importFiles({ files });
    await s.importFiles({ files: [guat], existing: 'new' });
    collections = await s.listCollections({});
  }, 120_000);
  afterAll(() => {
    s.close();
    tmp.cleanup();
  });

  it('exports each volume with the same elements, attributes and pointers as its file, resolving as the file does', async () => {
    const sources = [...files, guat];
    expect(collections).toHaveLength(sources.length);
    for (const [i, c] of collections.entries()) {
      const exported = await s.exportTei({ collectionId: c.id });
      expect(canonicalDifference(sources[i]!.text, exported.xml), sources[i]!.name).toBeNull();
      // Only what the source itself leaves unresolved (rendition="#right" in the excerpts).
      expect(dangling(exported), sources[i]!.name).toEqual(danglingIn(sources[i]!.text));
    }
  }, 120_000);

  it('changes nothing when any of the files is imported again without a choice', async () => {
    const before = JSON.stringify([collections, await s.listDocuments({}), await s.listEntities({})]);
    for (const file of files) {
      const again = await s.importFiles({ files: [file] });
      expect(again.documents).toEqual([]);
      expect(again.existing.map((e) => [e.file, e.identical])).toEqual([[file.name, true]]);
    }
    expect(JSON.stringify([await s.listCollections({}), await s.listDocuments({}), await s.listEntities({})])).toBe(
      before,
    );
  }, 60_000);

  it('keeps the register entries of the two Guatemala volumes apart, each volume mentioning its own', async () => {
    const entries = await s.listEntities({ type: 'person' });
    const vcr = entries.filter((e) => e.xmlId === 'p_AGJ1');
    expect(vcr).toHaveLength(2);
    const [first, second] = vcr.sort((a, b) => Number(a.id) - Number(b.id));
    const docsOf = async (c: CollectionInfo) =>
      new Set((await s.listDocuments({ collectionId: c.id })).map((d) => d.id));
    const [one, two] = [await docsOf(collections[3]!), await docsOf(collections[4]!)];
    const where = async (id: string) => (await s.entityMentions({ id })).map((m) => m.documentId);
    expect((await where(first!.id)).every((d) => one.has(d))).toBe(true);
    expect((await where(second!.id)).every((d) => two.has(d))).toBe(true);
    expect((await where(second!.id)).length).toBe((await where(first!.id)).length);
  });

  it('writes a document exported on its own with the register entries it points at', async () => {
    const second = collections[4]!;
    let mentions = 0;
    for (const d of (await s.listDocuments({ collectionId: second.id })).slice(20, 30)) {
      const exported = await s.exportTei({ documentId: d.id });
      mentions += (exported.xml.match(/corresp="#p_/g) ?? []).length;
      // Only cross-references to other documents of the volume (<ref target="#d14">) stay unresolved.
      expect(exported.pointers.dangling.filter((p) => p.element !== 'ref')).toEqual([]);
    }
    expect(mentions).toBeGreaterThan(0);
  });

  it('after a merge across the volumes, every export still resolves and the first volume is unchanged', async () => {
    const [first, second] = (await s.listEntities({ type: 'person' }))
      .filter((e) => e.xmlId === 'p_AGJ1')
      .sort((a, b) => Number(a.id) - Number(b.id));
    await s.mergeEntities({ keptId: first!.id, duplicateId: second!.id });
    const one = await s.exportTei({ collectionId: collections[3]!.id });
    expect(canonicalDifference(guat.text, one.xml)).toBeNull();
    const two = await s.exportTei({ collectionId: collections[4]!.id });
    expect(two.pointers.dangling).toEqual([]);
    // The second volume's persons list still defines p_AGJ1, so the kept entry comes as p_AGJ1_2.
    expect(two.xml).toMatch(/<standOff>[\s\S]*xml:id="p_AGJ1_2"/);
    expect(two.xml).toContain('corresp="#p_AGJ1_2"');
    const all = await s.exportTei({ all: true });
    expect(all.pointers.checked).toBeGreaterThan(0);
    expect(dangling(all)).toEqual(files.flatMap((f) => danglingIn(f.text)));
  }, 60_000);
});

describe('ids Siglum gives out', () => {
  const { service } = serviceFixture();

  it('collide with no id of the project, not even one a volume already uses for something else', async () => {
    const s = service('mint.siglum', { create: true, parseFile: parseInProcess });
    const text = `<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>T</title></titleStmt><publicationStmt><p/></publicationStmt><sourceDesc><p/></sourceDesc></fileDesc></teiHeader><text><body><p xml:id="pers_joseph_c_grew">Grew wrote.</p></body></text></TEI>`;
    await s.importFiles({ files: [{ name: 't.xml', text }] });
    const grew = await s.createEntity({ entity: { type: 'person', name: 'Joseph C. Grew' } });
    const [volume] = await s.listCollections({});
    const exported = await s.exportTei({ collectionId: volume!.id });
    const id = (await s.getEntity({ id: grew.id })).xmlId;
    expect(id).not.toBe('pers_joseph_c_grew');
    expect(id).toMatch(/^pers_joseph_c_grew_\d+$/);
    expect(exported.xml).toContain(`<person xml:id="${id}">`);
    expect(exported.pointers.dangling).toEqual([]);
  });
});
