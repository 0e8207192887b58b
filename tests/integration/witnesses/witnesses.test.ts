/**
 * Witnesses through the service: stored with their settings and read back after the
 * project is reopened; the seed despatch collated with a witness derived from it by a
 * few real edits; an apparatus entry made from the collation by steps through the
 * collab authority; the TEI export listing the witnesses, valid against tei_all and
 * read back to the same document; each witness's text read back out of the apparatus.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { SiglumEvent } from '../../../edition/api.ts';
import { findEntries, makeEntry } from '../../../edition/apparatus/index.ts';
import { schema } from '../../../edition/schema.ts';
import { readListWit } from '../../../edition/tei/apparatus.ts';
import { importTei } from '../../../edition/tei/index.ts';
import { parseXml } from '../../../edition/xml/parse.ts';
import { parseInProcess } from '../../../electron/service/formats.ts';
import { CollabClient, serviceFixture } from '../service/helpers.ts';
import { withoutLayout } from '../../unit/tei/withoutLayout.ts';

const shared = resolve(import.meta.dirname, '../../../../shared');
const seedText = readFileSync(join(shared, 'corpus/seed/frus1933v03-d63-grew-256.txt'), 'utf8');
const { service, tmp } = serviceFixture();

async function seeded(name: string) {
  const s = service(name, { create: true, parseFile: parseInProcess });
  const { documents } = await s.importFiles({ files: [{ name: 'grew-256.txt', text: seedText }] });
  return { s, id: documents[0]!.id };
}

/** The despatch's own running text as collated, and a draft made from it by real edits. */
/** An editor on the document that has made an apparatus entry of every place the collation found. */
async function entriesMade(s: Awaited<ReturnType<typeof seeded>>['s'], id: string): Promise<CollabClient> {
  const c = await s.collateDocument({ documentId: id });
  const client = await CollabClient.open(s, id, 'ui');
  const tr = client.state.tr;
  for (const p of c.placements) makeEntry(tr, p!.from, p!.to, p!.entry);
  client.state = client.state.apply(tr);
  await client.sync();
  return client;
}

function draftOf(text: string): string {
  return text.replace('rumored', 'rumoured').replace('somewhat strained', 'somewhat tense').replace(' gradually ', ' ');
}

describe('witnesses of a document', () => {
  it('are stored with their settings and read back after the project is reopened', async () => {
    const { s, id } = await seeded('stored.siglum');
    const events: SiglumEvent[] = [];
    s.subscribe((e) => void events.push(e));
    const a = await s.addWitness({
      documentId: id,
      siglum: 'D',
      description: 'Draft in the embassy file',
      text: 'During the month of December',
    });
    const b = await s.addWitness({
      documentId: id,
      file: { name: 'telegram.txt', text: 'In December several events occurred' },
    });
    expect(b).toMatchObject({ siglum: 'telegram', origin: 'text', fileName: 'telegram.txt', position: 1 });
    await expect(s.addWitness({ documentId: id, siglum: 'D', text: 'x' })).rejects.toMatchObject({ code: 'bad-input' });
    await expect(s.addWitness({ documentId: id, siglum: 'Base', text: 'x' })).rejects.toThrow(
      /already has a witness "Base"/,
    );
    const edited = await s.updateWitness({
      id: a.id,
      edits: [
        { from: 0, to: 6, text: 'In' },
        { from: 2, to: 2, text: ',' },
      ],
    });
    expect(edited.text).toBe('In, the month of December');
    await s.setBase({ documentId: id, witnessId: a.id });
    await s.updateCollationSettings({
      documentId: id,
      settings: { normalise: { punctuation: true }, regularisations: [{ from: '&', to: 'and' }] } as never,
    });
    await vi.waitFor(() => expect(events).toContainEqual({ type: 'witnesses-changed', documentId: id }));
    s.close();

    const again = service('stored.siglum');
    expect((await again.listWitnesses({ documentId: id })).map((w) => [w.siglum, w.text])).toEqual([
      ['D', 'In, the month of December'],
      ['telegram', 'In December several events occurred'],
    ]);
    expect(await again.getCollationSettings({ documentId: id })).toEqual({
      base: a.id,
      documentSiglum: 'Base',
      normalise: { caseFold: true, diacritics: false, punctuation: true, nearMatch: false },
      regularisations: [{ from: '&', to: 'and', scope: 'token' }],
    });
    await again.removeWitness({ id: a.id });
    // The base falls back to the document's own text with its witness gone.
    expect((await again.getCollationSettings({ documentId: id })).base).toBeNull();
    expect((await again.listWitnesses({ documentId: id })).map((w) => w.siglum)).toEqual(['telegram']);
  });

  it('reads a plain-text witness as import reads a document: page markers, callouts and the notes list are no words', async () => {
    const { s, id } = await seeded('plain-witness.siglum');
    // The despatch itself, as a file and pasted: nothing differs from the document.
    await s.addWitness({ documentId: id, file: { name: 'copy.txt', text: seedText } });
    const pasted = await s.addWitness({ documentId: id, siglum: 'P', text: draftOf(seedText) });
    expect(pasted.text).not.toContain('[Page 69]');
    expect(pasted.text).not.toMatch(/enclosed\.89/u);
    expect(pasted.text).not.toContain('Not printed.');
    const c = await s.collateDocument({ documentId: id });
    const readings = c.variants.map((v) => c.segmentation.columns[v.column]!.cells.map((cell) => cell?.text ?? ''));
    const words = readings.flat().join(' ');
    expect(words).not.toMatch(/Page|\b(89|90)\b|Not printed/u);
    // Only the draft's edits are variants: none of the file copy's.
    expect(c.variants.every((v) => v.siglum === 'P')).toBe(true);
    expect(c.variants.length).toBeGreaterThan(0);
  });

  it('collates with near matching once the setting is on, and keeps the setting', async () => {
    const { s, id } = await seeded('near.siglum');
    await s.addWitness({ documentId: id, siglum: 'N', text: 'over there that dog' });
    const own = await s.collateDocument({ documentId: id });
    await s.updateCollationSettings({ documentId: id, settings: { normalise: { nearMatch: true } } as never });
    expect((await s.getCollationSettings({ documentId: id })).normalise.nearMatch).toBe(true);
    const near = await s.collateDocument({ documentId: id });
    expect(near.settings.normalise.nearMatch).toBe(true);
    // The same texts align differently once near matching places the unmatched words.
    expect(JSON.stringify(near.table)).not.toBe(JSON.stringify(own.table));
  });

  it("takes a witness's text from a TEI file's apparatus, nested apps included", async () => {
    const { s, id } = await seeded('tei-witness.siglum');
    const guidelines = JSON.parse(
      readFileSync(
        join(shared, 'corpus/collation/07-tei-parallel-segmentation/tei-guidelines-wife-of-bath.json'),
        'utf8',
      ),
    ) as {
      examples: Array<{ id: string; xml: string; expected_witness_text: Record<string, string> }>;
    };
    const nested = guidelines.examples.find((e) => e.id === 'nested-app')!;
    const text = `<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>WBP</title></titleStmt>
<publicationStmt><p>test</p></publicationStmt><sourceDesc><p>Guidelines</p></sourceDesc></fileDesc></teiHeader>
<text><body><lg>${nested.xml}</lg></body></text></TEI>`;
    for (const siglum of ['La', 'Chi3']) {
      const w = await s.addWitness({ documentId: id, siglum, file: { name: 'wbp.xml', text } });
      expect(w).toMatchObject({ origin: 'tei', fileName: 'wbp.xml', text: nested.expected_witness_text[siglum] });
    }
  });

  it("imports the Guidelines' nested apparatus with its witnesses and reads each one back", async () => {
    const s = service('nested.siglum', { create: true, parseFile: parseInProcess });
    const guidelines = JSON.parse(
      readFileSync(
        join(shared, 'corpus/collation/07-tei-parallel-segmentation/tei-guidelines-wife-of-bath.json'),
        'utf8',
      ),
    ) as {
      examples: Array<{ id: string; xml: string; listWit?: string[]; expected_witness_text: Record<string, string> }>;
    };
    const nested = guidelines.examples.find((e) => e.id === 'nested-app')!;
    const listWit = nested.listWit!.map((w) => `<witness xml:id="${w}">Manuscript ${w}</witness>`).join('');
    const text = `<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>WBP</title></titleStmt>
<publicationStmt><p>test</p></publicationStmt><sourceDesc><listWit>${listWit}</listWit></sourceDesc></fileDesc></teiHeader>
<text><body><lg>${nested.xml}</lg></body></text></TEI>`;
    const [doc] = (await s.importFiles({ files: [{ name: 'wbp.xml', text }] })).documents;
    const witnesses = await s.listWitnesses({ documentId: doc!.id });
    expect(witnesses.map((w) => [w.siglum, w.description])).toEqual(nested.listWit!.map((w) => [w, `Manuscript ${w}`]));
    for (const [siglum, expected] of Object.entries(nested.expected_witness_text)) {
      expect(witnesses.find((w) => w.siglum === siglum)?.text).toBe(expected);
      expect((await s.extractWitness({ documentId: doc!.id, siglum })).text).toBe(expected);
    }
  });

  it('collates the seed despatch with a draft derived from it and finds the edits as classified variants', async () => {
    const { s, id } = await seeded('collate.siglum');
    const own = (await s.collateDocument({ documentId: id })).texts[0]!;
    await s.addWitness({ documentId: id, siglum: 'Draft', text: draftOf(own) });
    const c = await s.collateDocument({ documentId: id });
    expect(c.sigla).toEqual(['Base', 'Draft']);
    expect(c.apparatus.map((e) => [e.lemma.text, e.readings.map((r) => [r.text, r.wit, r.kind])])).toEqual([
      ['gradually', [['', ['Draft'], 'omission']]],
      ['strained', [['tense', ['Draft'], 'substantive']]],
      ['rumored', [['rumoured', ['Draft'], 'substantive']]],
    ]);
    expect(c.variants.map((v) => v.kind)).toEqual(['omission', 'substantive', 'substantive']);
    expect(c.segmentation.columns.filter((col) => col.variant)).toHaveLength(3);
    const column = c.segmentation.columns[c.apparatus[2]!.column]!;
    expect(
      column.cells.map(
        (cell) =>
          cell &&
          c.texts[c.segmentation.sigla.indexOf(c.sigla[column.cells.indexOf(cell)]!)]!.slice(cell.from, cell.to),
      ),
    ).toEqual(['rumored', 'rumoured']);
    expect(c.collatex.witnesses).toEqual(['Base', 'Draft']);
    expect(c.placements.every((p) => p !== null)).toBe(true);
  });

  it('collates under the document settings: the regularisation table, punctuation, a witness as base', async () => {
    const s = service('settings.siglum', { create: true, parseFile: parseInProcess });
    const doc = await s.createDocument({ title: 'Note' });
    const opened = await s.openDocument({ id: doc.id });
    const steps = [
      {
        stepType: 'replace',
        from: 1,
        to: 1,
        slice: { content: [{ type: 'text', text: 'Grew and Hornbeck, in Tokyo.' }] },
      },
    ];
    await s.pushSteps({ documentId: doc.id, version: opened.version, clientID: 't', steps });
    const copy = await s.addWitness({
      documentId: doc.id,
      siglum: 'T',
      description: 'Telegram',
      text: 'Grew & Hornbeck, in Tōkyō.',
    });
    const kinds = async () =>
      (await s.collateDocument({ documentId: doc.id })).apparatus.map((e) => [
        e.lemma.text,
        e.readings.map((r) => r.kind),
      ]);
    expect(await kinds()).toEqual([
      ['and', ['substantive']],
      ['Tokyo', ['orthographic']],
    ]);
    await s.updateCollationSettings({
      documentId: doc.id,
      settings: { regularisations: [{ from: '&', to: 'and', scope: 'token' }] },
    });
    expect(await kinds()).toEqual([['Tokyo', ['orthographic']]]);
    await s.updateCollationSettings({
      documentId: doc.id,
      settings: { normalise: { caseFold: true, diacritics: true, punctuation: false } },
    });
    expect(await kinds()).toEqual([]);
    await s.setBase({ documentId: doc.id, witnessId: copy.id });
    const byWitness = await s.collateDocument({ documentId: doc.id });
    expect(byWitness.sigla).toEqual(['T', 'Base']);
    expect(byWitness.witnessIds).toEqual([copy.id, null]);
    expect(byWitness.placements.every((p) => p === null)).toBe(true);
  });

  it('makes an apparatus entry by steps, exports TEI with listWit that validates and reads back, gives each witness back, and imports them again', async () => {
    const { s, id } = await seeded('apparatus.siglum');
    const own = (await s.collateDocument({ documentId: id })).texts[0]!;
    const draft = draftOf(own);
    await s.addWitness({ documentId: id, siglum: 'Draft', description: 'The embassy draft', text: draft });
    const c = await s.collateDocument({ documentId: id });
    const client = await CollabClient.open(s, id, 'ui');
    expect(c.version).toBe(0);
    const tr = client.state.tr;
    for (const p of c.placements) makeEntry(tr, p!.from, p!.to, p!.entry);
    client.state = client.state.apply(tr);
    await client.sync();

    const opened = await s.openDocument({ id });
    const entries = findEntries(schema.nodeFromJSON(opened.doc));
    expect(entries.map((e) => [e.lemma, e.wit, e.readings.map((r) => r.text)])).toEqual(
      [
        ['rumored', ['Base'], ['rumoured']],
        ['gradually', ['Base'], ['']],
        ['strained', ['Base'], ['tense']],
      ].sort((x, y) => own.indexOf(String(x[0])) - own.indexOf(String(y[0]))),
    );
    expect((await s.extractWitness({ documentId: id, siglum: 'Draft' })).text).toBe(draft);
    expect((await s.extractWitness({ documentId: id, siglum: 'Base' })).text).toBe(own);
    // Collating again, the document's text is still its own (entries do not change it), and
    // each variant points at the entry already made for it.
    const again = await s.collateDocument({ documentId: id });
    expect(again.texts[0]).toBe(own);
    expect(again.placements.map((p) => p?.existing)).toEqual(entries.map((e) => e.id));

    const { xml } = await s.exportTei({ documentId: id });
    expect(readListWit(parseXml(xml).root)).toEqual([
      { siglum: 'Base', description: 'The text of this edition' },
      { siglum: 'Draft', description: 'The embassy draft' },
    ]);
    expect(xml).toMatch(
      /<app xml:id="app-[0-9a-z]+-3"><lem wit="#Base">rumored<\/lem><rdg wit="#Draft" type="substantive">rumoured<\/rdg><\/app>/u,
    );
    expect(xml).toMatch(
      /<app xml:id="app-[0-9a-z]+-1"><lem wit="#Base">gradually<\/lem><rdg wit="#Draft" type="omission"\/><\/app>/u,
    );
    const file = join(tmp.dir, 'despatch.xml');
    writeFileSync(file, xml);
    const jing = spawnSync('jing', [join(shared, 'schema/tei_all.rng'), file], { encoding: 'utf8' });
    expect(jing.stdout.split('\n').filter((l) => l.includes('error:'))).toEqual([]);
    expect(withoutLayout(importTei(xml, 'despatch.xml').documents[0]!.doc)).toEqual(withoutLayout(opened.doc));

    // Imported again, the file brings its witnesses back, their texts read from the apparatus.
    const other = service('reimported.siglum', { create: true, parseFile: parseInProcess });
    const [copy] = (await other.importFiles({ files: [{ name: 'despatch.xml', text: xml }] })).documents;
    expect((await other.listWitnesses({ documentId: copy!.id })).map((w) => [w.siglum, w.description, w.text])).toEqual(
      [['Draft', 'The embassy draft', draft]],
    );
    expect((await other.getCollationSettings({ documentId: copy!.id })).documentSiglum).toBe('Base');
    expect((await other.collateDocument({ documentId: copy!.id })).apparatus).toHaveLength(3);
  });
  it("renames a witness's siglum, or the document's own, in the apparatus entries that cite it, so the TEI's pointers still land", async () => {
    const { s, id } = await seeded('renamed.siglum');
    const own = (await s.collateDocument({ documentId: id })).texts[0]!;
    const w = await s.addWitness({ documentId: id, siglum: 'Draft', text: draftOf(own) });
    const client = await entriesMade(s, id);
    const sigla = async () => {
      const doc = schema.nodeFromJSON((await s.openDocument({ id })).doc);
      return [...new Set(findEntries(doc).flatMap((e) => [...e.wit, ...e.readings.flatMap((r) => r.wit)]))].sort();
    };
    expect(await sigla()).toEqual(['Base', 'Draft']);

    await s.updateWitness({ id: w.id, siglum: 'D1' });
    await s.updateCollationSettings({ documentId: id, settings: { documentSiglum: 'Ed' } });
    expect(await sigla()).toEqual(['D1', 'Ed']);
    // A refused name changes nothing.
    await expect(s.updateWitness({ id: w.id, siglum: 'Ed' })).rejects.toMatchObject({ code: 'bad-input' });
    expect(await sigla()).toEqual(['D1', 'Ed']);
    // The editor that has the document open receives the change as steps.
    await client.sync();
    expect(findEntries(client.state.doc).map((e) => e.readings[0]!.wit)).toEqual([['D1'], ['D1'], ['D1']]);

    const { xml } = await s.exportTei({ documentId: id });
    const cited = [...xml.matchAll(/ wit="([^"]*)"/gu)].flatMap((m) => m[1]!.split(' '));
    expect(cited.length).toBeGreaterThan(0);
    expect(new Set(cited)).toEqual(new Set(['#Ed', '#D1']));
  });

  it('takes a removed witness out of the entries that cite it, and drops an entry left with no reading', async () => {
    const { s, id } = await seeded('removed.siglum');
    const own = (await s.collateDocument({ documentId: id })).texts[0]!;
    const a = await s.addWitness({ documentId: id, siglum: 'A', text: draftOf(own) });
    const b = await s.addWitness({ documentId: id, siglum: 'B', text: draftOf(own) });
    const client = await entriesMade(s, id);
    const readings = async () =>
      findEntries(schema.nodeFromJSON((await s.openDocument({ id })).doc)).map((e) => e.readings.map((r) => r.wit));
    expect(await readings()).toEqual([[['A', 'B']], [['A', 'B']], [['A', 'B']]]);

    await s.removeWitness({ id: a.id });
    expect(await readings()).toEqual([[['B']], [['B']], [['B']]]);
    // The editor that has the document open receives the change as steps.
    await client.sync();
    expect(findEntries(client.state.doc).map((e) => e.readings.map((r) => r.wit))).toEqual([[['B']], [['B']], [['B']]]);
    const { xml } = await s.exportTei({ documentId: id });
    expect(xml).not.toContain('#A');

    // With B gone too, no entry has a reading left: the lemmata are plain text again.
    await s.removeWitness({ id: b.id });
    expect(await readings()).toEqual([]);
    expect(JSON.stringify((await s.openDocument({ id })).doc)).not.toContain('"type":"app"');
  });
});
