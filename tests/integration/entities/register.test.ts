/**
 * The project register through the service: a FRUS volume fills it with its lists
 * and links its mentions; merging, deleting, suggestions and rejections; TEI export
 * with the register that validates and reads back to the same register.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { DocJSON, EntityInfo, SiglumEvent } from '../../../edition/api.ts';
import { collectMentions } from '../../../edition/entities/index.ts';
import { parseXml, type XmlElement } from '../../../edition/xml/index.ts';
import { parseInProcess } from '../../../electron/service/formats.ts';
import { CollabClient, serviceFixture } from '../service/helpers.ts';
import { canonicalDifference } from '../../unit/tei/canonical.ts';

const shared = resolve(import.meta.dirname, '../../../../shared');
const guatName = 'frus1952-54Guat.xml';
const guatText = readFileSync(join(shared, 'corpus/frus', guatName), 'utf8');

const { service, tmp } = serviceFixture();
const options = { create: true, parseFile: parseInProcess };

/** Every `persName/@corresp` and `gloss/@target` pointer in the XML, per xml:id: counted without the importer. */
function pointersInXml(): Map<string, number> {
  const counts = new Map<string, number>();
  const visit = (el: XmlElement): void => {
    for (const c of el.children) {
      if (c.type !== 'element') continue;
      const pointer = c.name === 'persName' ? 'corresp' : c.name === 'gloss' ? 'target' : null;
      const value = pointer === null ? undefined : c.attrs.find((a) => a.name === pointer)?.value;
      if (value?.startsWith('#')) counts.set(value.slice(1), (counts.get(value.slice(1)) ?? 0) + 1);
      visit(c);
    }
  };
  visit(parseXml(guatText).root);
  return counts;
}

/**
 * Pointers on elements that stand alone as a block (the back-of-book index writes
 * some entries as a bare `<persName>`): they stay generic blocks, with their pointer.
 */
function blockPointers(doc: DocJSON, counts: Map<string, number>): void {
  const visit = (node: { type?: string; attrs?: Record<string, unknown>; content?: unknown[] }): void => {
    if (node.type === 'teiText' && (node.attrs?.['name'] === 'persName' || node.attrs?.['name'] === 'gloss')) {
      for (const [k, v] of (node.attrs['xml'] as Array<[string, string]>) ?? []) {
        if ((k === 'corresp' || k === 'target') && v.startsWith('#'))
          counts.set(v.slice(1), (counts.get(v.slice(1)) ?? 0) + 1);
      }
    }
    for (const c of node.content ?? []) visit(c as typeof node);
  };
  visit(doc);
}

function jing(schema: string, xml: string, name: string): string {
  const file = tmp.file(name);
  writeFileSync(file, xml);
  const run = spawnSync('jing', schema.endsWith('.rnc') ? ['-c', schema, file] : [schema, file], { encoding: 'utf8' });
  return `${run.stdout}${run.stderr}`
    .split('\n')
    .filter((l) => l !== '' && !l.startsWith('[warning]'))
    .join('\n');
}

function summary(list: EntityInfo[]): string[] {
  return list
    .map((e) => `${e.type}|${e.name}|${e.altNames.join(';')}|${e.xmlId}|${JSON.stringify(e.authority)}`)
    .sort();
}

describe('a FRUS volume imported through the service', () => {
  it('fills the register with its 67 persons and 101 terms and links every pointer in running text', async () => {
    const s = service('guat.siglum', options);
    await s.importFiles({ files: [{ name: guatName, text: guatText }] });
    const register = await s.listEntities({});
    expect(register.filter((e) => e.type === 'person')).toHaveLength(67);
    expect(register.filter((e) => e.type === 'term')).toHaveLength(101);

    // Every name mention in the stored documents points at an entry of the register;
    // dates are mentions by their normalised value and need no entry.
    const ids = new Set(register.map((e) => e.id));
    const standalone = new Map<string, number>();
    for (const d of await s.listDocuments({})) {
      const { doc } = await s.openDocument({ id: d.id });
      for (const m of collectMentions(doc)) if (m.kind !== 'date') expect(ids.has(m.ref ?? '')).toBe(true);
      blockPointers(doc, standalone);
    }
    // Each pointer in the XML is a linked mention of its entry, or a block that keeps it.
    const inXml = pointersInXml();
    const byXmlId = new Map(register.map((e) => [e.xmlId, e]));
    for (const [xmlId, count] of inXml) {
      expect((byXmlId.get(xmlId)?.mentions ?? 0) + (standalone.get(xmlId) ?? 0), xmlId).toBe(count);
    }
    const linked = register.reduce((a, e) => a + e.mentions, 0);
    expect(linked).toBeGreaterThan(3900);
    expect(linked + [...standalone.values()].reduce((a, b) => a + b, 0)).toBe(
      [...inXml.values()].reduce((a, b) => a + b, 0),
    );
  });

  it('lists an entity’s mentions with document, page and context, and its index entry', async () => {
    const s = service('mentions.siglum', options);
    await s.importFiles({ files: [{ name: guatName, text: guatText }] });
    const dulles = (await s.listEntities({ type: 'person' })).find((e) => e.name === 'Dulles, Allen')!;
    const mentions = await s.entityMentions({ id: dulles.id });
    expect(mentions).toHaveLength(dulles.mentions);
    expect(mentions.every((m) => m.text !== '' && m.context.includes(m.text))).toBe(true);
    expect(mentions.some((m) => /Dulles/.test(m.text))).toBe(true);
    expect(mentions.some((m) => m.page !== null)).toBe(true);
    // The volume's own list entry defines the entity: it is not suggested as a mention.
    const pbsuccess = (await s.listEntities({ type: 'term' })).find((e) => e.xmlId === 't_PBSPBSUCCESS1')!;
    const suggested = await s.entitySuggestions({ id: pbsuccess.id });
    expect(suggested.filter((x) => x.text === pbsuccess.name)).toEqual([]);
    // Every PBSUCCESS in the documents, the back-of-book index's included, is marked; "Adam" is not always.
    expect(suggested).toEqual([]);
    const adam = (await s.listEntities({ type: 'term' })).find((e) => e.xmlId === 't_ADAM1')!;
    expect((await s.entitySuggestions({ id: adam.id })).length).toBeGreaterThan(0);
    const index = await s.entityIndex({ type: 'person' });
    const entry = index.find((e) => e.entityId === dulles.id)!;
    expect(entry.locations.reduce((a, l) => a + l.mentions, 0)).toBe(dulles.mentions);
    expect(new Set(entry.locations.map((l) => l.documentId))).toEqual(new Set(mentions.map((m) => m.documentId)));
  });

  it('exports back to the same XML and reads back to the same register', async () => {
    const s = service('export.siglum', options);
    await s.importFiles({ files: [{ name: guatName, text: guatText }] });
    const [volume] = await s.listCollections({});
    const exported = await s.exportTei({ collectionId: volume!.id });
    expect(canonicalDifference(guatText, exported.xml)).toBeNull();
    // A document full of linked mentions, on its own, against the FRUS schema.
    const doc = (await s.listDocuments({})).find((d) => d.n === '42')!;
    const one = await s.exportTei({ documentId: doc.id });
    expect(one.xml).toMatch(/<persName corresp="#p_[A-Z]+1">/);
    expect(jing(join(shared, 'schema/frus/frus.rnc'), one.xml, 'd42.xml')).toBe('');
    // Its persons and terms come with it, as FRUS lists: only cross-references to other documents stay open.
    expect(one.pointers.checked).toBeGreaterThan(0);
    expect(one.pointers.dangling.filter((p) => p.element !== 'ref')).toEqual([]);

    const again = service('again.siglum', options);
    await again.importFiles({ files: [{ name: guatName, text: exported.xml }] });
    const before = await s.listEntities({});
    const after = await again.listEntities({});
    expect(summary(after)).toEqual(summary(before));
    expect(after.map((e) => e.mentions).sort()).toEqual(before.map((e) => e.mentions).sort());
  });
});

describe('a FRUS volume with entries of the editor’s own', () => {
  it('keeps its persons and terms lists where they were and adds only the new entries as standOff', async () => {
    const s = service('frus-own.siglum', options);
    const { documents } = await s.importFiles({ files: [{ name: guatName, text: guatText }] });
    const arbenz = await s.createEntity({
      entity: { type: 'person', name: 'Jacobo Árbenz Guzmán', altNames: ['Arbenz'] },
    });
    const found = await s.entitySuggestions({ id: arbenz.id });
    expect(found.length).toBeGreaterThan(10);
    await s.acceptSuggestions({ entityId: arbenz.id, documentId: found[0]!.documentId });
    const [volume] = await s.listCollections({});
    const xml = (await s.exportTei({ collectionId: volume!.id })).xml;
    const standOffs = xml.match(/<standOff>[\s\S]*?<\/standOff>/g) ?? [];
    expect(standOffs).toHaveLength(1);
    expect(standOffs[0]).toContain('<person xml:id="pers_jacobo_arbenz_guzman">');
    expect(standOffs[0]!.match(/<person /g)).toHaveLength(1);
    expect(xml).toContain('ref="#pers_jacobo_arbenz_guzman"');
    expect(documents.length).toBeGreaterThan(200);
    // Read back: the lists give the volume's 168 entries again, the standOff the new one with its mentions.
    const again = service('frus-own-again.siglum', options);
    await again.importFiles({ files: [{ name: guatName, text: xml }] });
    const register = await again.listEntities({});
    expect(register).toHaveLength(169);
    expect(register.find((e) => e.name === 'Jacobo Árbenz Guzmán')?.mentions).toBe(
      (await s.getEntity({ id: arbenz.id })).mentions,
    );
  });
});

describe('two windows on one project', () => {
  it('finds by type-ahead an entry another process created', async () => {
    const one = service('shared.siglum', options);
    await one.searchEntities({ query: 'tok' });
    const other = service('shared.siglum', { parseFile: parseInProcess });
    await other.createEntity({ entity: { type: 'place', name: 'Tokyo' } });
    expect((await one.searchEntities({ query: 'tok' })).map((h) => h.name)).toEqual(['Tokyo']);
  });
});

describe('merging and deleting entries', () => {
  it('moves the duplicate’s mentions to the entry kept, as steps an open editor receives', async () => {
    const s = service('merge.siglum', options);
    await s.importFiles({ files: [{ name: guatName, text: guatText }] });
    const persons = await s.listEntities({ type: 'person' });
    const kept = persons.find((e) => e.name === 'Dulles, John Foster')!;
    const duplicate = persons.find((e) => e.name === 'Dulles, Allen')!;
    const where = await s.entityMentions({ id: duplicate.id });
    const documentId = where[0]!.documentId;
    const client = await CollabClient.open(s, documentId, 'editor');
    const events: SiglumEvent[] = [];
    s.subscribe((e) => events.push(e));

    const result = await s.mergeEntities({ keptId: kept.id, duplicateId: duplicate.id });
    expect(result.entity.mentions).toBe(kept.mentions + duplicate.mentions);
    expect(result.entity.altNames).toContain('Dulles, Allen');
    expect(result.relinked).toBe(new Set(where.map((m) => m.documentId)).size);
    await expect(s.getEntity({ id: duplicate.id })).rejects.toMatchObject({ code: 'not-found' });

    await client.pull();
    const refs = collectMentions(client.state.doc).map((m) => m.ref);
    expect(refs).toContain(kept.id);
    expect(refs).not.toContain(duplicate.id);
    await vi.waitFor(() => expect(events).toContainEqual({ type: 'entities-changed' }));
    expect(events.some((e) => e.type === 'steps' && e.documentId === documentId)).toBe(true);
    const hits = await s.searchEntities({ query: 'dulles' });
    expect(hits.map((h) => h.id)).toEqual([kept.id]);
  });

  it('lets an editor with unsent typing keep it: the relinking is rebased under it', async () => {
    const s = service('merge-typing.siglum', options);
    await s.importFiles({ files: [{ name: guatName, text: guatText }] });
    const persons = await s.listEntities({ type: 'person' });
    const kept = persons.find((e) => e.name === 'Dulles, John Foster')!;
    const duplicate = persons.find((e) => e.name === 'Dulles, Allen')!;
    const [first] = await s.entityMentions({ id: duplicate.id });
    const client = await CollabClient.open(s, first!.documentId, 'editor');
    client.type('TYPED BEFORE THE MERGE ', first!.from);
    await s.mergeEntities({ keptId: kept.id, duplicateId: duplicate.id });
    await client.sync();
    const stored = await s.openDocument({ id: first!.documentId });
    expect(stored.doc).toEqual(client.state.doc.toJSON());
    expect(client.state.doc.textContent).toContain('TYPED BEFORE THE MERGE ');
    const mentions = collectMentions(client.state.doc);
    expect(mentions.some((m) => m.ref === kept.id && m.text === first!.text)).toBe(true);
    expect(mentions.some((m) => m.ref === duplicate.id)).toBe(false);
  });

  it('refuses to delete an entry that is mentioned, and with force unmarks its mentions', async () => {
    const s = service('delete.siglum', options);
    await s.importFiles({ files: [{ name: guatName, text: guatText }] });
    const term = (await s.listEntities({ type: 'term' })).find((e) => e.mentions > 3)!;
    await expect(s.deleteEntity({ id: term.id })).rejects.toMatchObject({
      code: 'bad-input',
      message: expect.stringMatching(/is mentioned \d+ times/),
    });
    expect((await s.getEntity({ id: term.id })).mentions).toBe(term.mentions);
    const before = (await s.listEntities({})).reduce((a, e) => a + e.mentions, 0);
    const result = await s.deleteEntity({ id: term.id, force: true });
    expect(result.unmarked).toBeGreaterThan(0);
    expect((await s.listEntities({})).reduce((a, e) => a + e.mentions, 0)).toBe(before - term.mentions);

    const unused = await s.createEntity({ entity: { type: 'place', name: 'Nowhere' } });
    expect(await s.deleteEntity({ id: unused.id })).toEqual({ id: unused.id, unmarked: 0 });
  });
});

describe('suggestions', () => {
  it('finds unmarked names, remembers a rejection across reopening, and marks accepted ones', async () => {
    const path = 'suggest.siglum';
    let s = service(path, { create: true, parseFile: parseInProcess, seed: true });
    const grew = await s.createEntity({
      entity: {
        type: 'person',
        name: 'Joseph C. Grew',
        altNames: ['Grew'],
        authority: { wikidata: 'https://www.wikidata.org/wiki/Q312549' },
      },
    });
    expect(grew.authority).toEqual({ wikidata: 'Q312549' });
    const found = await s.entitySuggestions({ id: grew.id });
    expect(found.length).toBeGreaterThan(1);
    const [rejected, ...rest] = found;
    await s.rejectSuggestion({
      entityId: grew.id,
      documentId: rejected!.documentId,
      text: rejected!.text,
      contextHash: rejected!.contextHash,
    });
    s.close();

    s = service(path, { parseFile: parseInProcess });
    const remaining = await s.entitySuggestions({ id: grew.id });
    expect(remaining.map((x) => x.contextHash)).toEqual(rest.map((x) => x.contextHash));

    const documentId = rest[0]!.documentId;
    const client = await CollabClient.open(s, documentId, 'editor');
    const accepted = await s.acceptSuggestions({
      entityId: grew.id,
      documentId,
      contextHashes: [rest[0]!.contextHash],
    });
    expect(accepted.marked).toBe(1);
    await client.pull();
    expect(collectMentions(client.state.doc).map((m) => [m.ref, m.text])).toEqual([[grew.id, rest[0]!.text]]);
    expect((await s.entitySuggestions({ id: grew.id })).length).toBe(rest.length - 1);
    expect((await s.getEntity({ id: grew.id })).mentions).toBe(1);
  });
});

describe('a register of the editor’s own in TEI', () => {
  it('exports a valid TEI file with the register as standOff and reads back to the same register', async () => {
    const s = service('own.siglum', { create: true, parseFile: parseInProcess, seed: true });
    const grew = await s.createEntity({
      entity: {
        type: 'person',
        name: 'Joseph C. Grew',
        altNames: ['Grew'],
        dates: { birth: '1880-05-27', death: '1965-05-25' },
        authority: { viaf: '19684357' },
      },
    });
    const tokyo = await s.createEntity({
      entity: { type: 'place', name: 'Tokyo', coordinates: { lat: 35.6895, long: 139.69171 } },
    });
    await s.createEntity({
      entity: { type: 'org', name: 'Foreign Office', description: 'Japanese Ministry of Foreign Affairs' },
    });
    for (const e of [grew, tokyo]) {
      for (const sug of await s.entitySuggestions({ id: e.id })) {
        await s.acceptSuggestions({ entityId: e.id, documentId: sug.documentId });
      }
    }
    const [doc] = await s.listDocuments({});
    const all = await s.exportTei({ all: true });
    expect(all.xml).toContain('<standOff>');
    expect(jing(join(shared, 'schema/tei_all.rng'), all.xml, 'all.xml')).toBe('');
    const one = await s.exportTei({ documentId: doc!.id });
    expect(one.xml).toMatch(/<persName ref="#pers_joseph_c_grew">Grew<\/persName>/);
    expect(jing(join(shared, 'schema/tei_all.rng'), one.xml, 'one.xml')).toBe('');

    const [folder] = await s.listCollections({});
    const volume = await s.exportTei(folder === undefined ? { documentId: doc!.id } : { collectionId: folder.id });
    const again = service('own-again.siglum', options);
    await again.importFiles({ files: [{ name: 'exported.xml', text: volume.xml }] });
    const before = await s.listEntities({});
    const after = await again.listEntities({});
    expect(summary(after)).toEqual(summary(before.filter((e) => e.mentions > 0 || folder !== undefined)));
    const marked = (await s.getEntity({ id: grew.id })).mentions;
    expect(marked).toBeGreaterThan(0);
    expect(after.find((e) => e.name === 'Joseph C. Grew')?.mentions).toBe(marked);
  });
});
