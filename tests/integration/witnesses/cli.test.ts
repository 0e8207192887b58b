/**
 * `siglum collate`: the black cat witnesses of CollateX's documentation print the
 * segmented table the documentation's suite records; JSON and TEI are CollateX's
 * shapes; a document of a project collates with its witnesses.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/cli/main.ts';
import { parseInProcess } from '../../../electron/service/formats.ts';
import { schema } from '../../../edition/schema.ts';
import { collateDocumentView } from '../../../renderer/collation/workbench.ts';
import { serviceFixture } from '../service/helpers.ts';

const shared = resolve(import.meta.dirname, '../../../../shared');
const blackCat = join(shared, 'corpus/collation/02-black-cat-docs');
const files = readdirSync(join(blackCat, 'witnesses'))
  .filter((f) => f.endsWith('.txt'))
  .sort()
  .map((f) => join(blackCat, 'witnesses', f));
const { service, tmp } = serviceFixture();

async function cli(...argv: string[]): Promise<{ status: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const status = await runCli(argv, { out: (t) => void (out += `${t}\n`), err: (t) => void (err += `${t}\n`) });
  return { status, out, err };
}

/** The first table the suite's README documents (the segmented alignment). */
function documentedTable(): string {
  const readme = readFileSync(join(blackCat, 'README.md'), 'utf8');
  const block = /Alignment \(segmented[^\n]*\n```\n([\s\S]*?)\n```/u.exec(readme);
  if (!block) throw new Error('the README has no segmented table');
  return block[1]!;
}

describe('siglum collate', () => {
  it('prints the black cat witnesses as the documented segmented table', async () => {
    expect(files.map((f) => f.replace(/^.*\//u, ''))).toEqual(['A.txt', 'B.txt', 'C.txt', 'D.txt']);
    const { status, out, err } = await cli('collate', ...files);
    expect(err).toBe('');
    expect(status).toBe(0);
    expect(out.trimEnd()).toBe(documentedTable());
  });

  it('prints CollateX JSON and CollateX TEI on request', async () => {
    const json = JSON.parse((await cli('collate', ...files, '--format', 'json')).out) as {
      witnesses: string[];
      table: unknown[][];
    };
    expect(json.witnesses).toEqual(['A', 'B', 'C', 'D']);
    expect(json.table).toHaveLength(7);
    const tei = (await cli('collate', ...files, '--format', 'tei')).out;
    expect(tei).toContain('<app><rdg wit="#A #B">black</rdg><rdg wit="#C #D">striped</rdg></app>');
  });

  it('sets unmatched words beside the most similar reading with --near-match', async () => {
    const dir = tmp.dir;
    writeFileSync(join(dir, 'A.txt'), 'over this dog');
    writeFileSync(join(dir, 'B.txt'), 'over there that dog');
    const plain = await cli('collate', join(dir, 'A.txt'), join(dir, 'B.txt'), '--format', 'json');
    const near = await cli('collate', join(dir, 'A.txt'), join(dir, 'B.txt'), '--format', 'json', '--near-match');
    expect(near.status).toBe(0);
    const column = (out: string) =>
      (JSON.parse(out) as { table: unknown[][] }).table.map((row) => JSON.stringify(row)).join('\n');
    expect(column(near.out)).not.toBe(column(plain.out));
    // "this" stands beside "that", the reading it resembles, not beside "there" (table: columns of witnesses' cells).
    const table = (JSON.parse(near.out) as { table: Array<Array<Array<{ n: string }>>> }).table;
    const cell = (column: Array<Array<{ n: string }>>, w: number) => column[w]!.map((t) => t.n).join(' ');
    expect(table.map((column) => [cell(column, 0), cell(column, 1)])).toContainEqual(['this', 'that']);
  });

  it('reads a plain-text file as import does: the seed despatch against itself has no variants', async () => {
    const dir = tmp.dir;
    const seed = readFileSync(join(shared, 'corpus/seed/frus1933v03-d63-grew-256.txt'), 'utf8');
    writeFileSync(join(dir, 'seed.txt'), seed);
    // The same text as a reader might retype it: no page markers, no callouts, no notes list.
    const bare = seed
      .replace(/ \[Page \d+\]/gu, '')
      .replace(/(enclosed\.|p\.m\.\)),?(89|90)/gu, (m, a: string) => (m.includes(',') ? `${a},` : a))
      .replace(/\n {2}1\. Not printed\.\n {2}2\. Not printed\.\n?$/u, '\n');
    expect(bare).not.toContain('Not printed');
    writeFileSync(join(dir, 'bare.txt'), bare);
    const { status, out } = await cli('collate', join(dir, 'seed.txt'), join(dir, 'bare.txt'), '--format', 'tei');
    expect(status).toBe(0);
    expect(out).not.toContain('<app>');
  });

  it('refuses one file, an unknown format and files with the same siglum', async () => {
    expect((await cli('collate', files[0]!)).status).toBe(2);
    expect((await cli('collate', ...files, '--format', 'csv')).err).toMatch(/--format is one of table, json, tei/);
    expect((await cli('collate', files[0]!, files[0]!)).err).toMatch(/Two files give the siglum "A"/);
  });

  it('collates a document of a project with its witnesses', async () => {
    const s = service('cli.siglum', { create: true, parseFile: parseInProcess });
    const doc = await s.createDocument({ title: 'Cat' });
    const opened = await s.openDocument({ id: doc.id });
    const steps = [
      {
        stepType: 'replace',
        from: 1,
        to: 1,
        slice: { content: [{ type: 'text', text: 'A black cat in a black basket' }] },
      },
    ];
    expect(await s.pushSteps({ documentId: doc.id, version: opened.version, clientID: 't', steps })).toMatchObject({
      ok: true,
    });
    await s.addWitness({ documentId: doc.id, siglum: 'D', text: readFileSync(files[3]!, 'utf8') });
    s.close();
    const { status, out } = await cli('collate', '--document', doc.id, '--project', tmp.file('cli.siglum'));
    expect(status).toBe(0);
    expect(out).toContain('| Base | A | black   | cat in a | black | basket |');
    expect(out).toContain('| D    | A | striped | cat in a | white | basket |');
  });

  it('collates a document as the variants panel and the service do: the same function, the same result', async () => {
    const s = service('same.siglum', { create: true, parseFile: parseInProcess });
    const doc = await s.createDocument({ title: 'Cat' });
    const opened = await s.openDocument({ id: doc.id });
    const text = 'The black Cat sat in a black basket';
    const slice = { content: [{ type: 'text', text }] };
    const steps = [{ stepType: 'replace', from: 1, to: 1, slice }];
    await s.pushSteps({ documentId: doc.id, version: opened.version, clientID: 't', steps });
    await s.addWitness({ documentId: doc.id, siglum: 'W1', text: 'The white cat sat in a basket' });
    const w2 = await s.addWitness({ documentId: doc.id, siglum: 'W2', text: 'A black cat sat on the black basket' });
    // A witness as base, case kept, a regularisation and near matching: every setting counts.
    await s.setBase({ documentId: doc.id, witnessId: w2.id });
    const regularisations = [{ from: 'A', to: 'The' }];
    const normalise = { caseFold: false, diacritics: false, punctuation: false, nearMatch: true };
    await s.updateCollationSettings({ documentId: doc.id, settings: { normalise, regularisations } });
    const byService = await s.collateDocument({ documentId: doc.id });
    const now = await s.openDocument({ id: doc.id });
    const panel = collateDocumentView(
      schema.nodeFromJSON(now.doc),
      await s.listWitnesses({ documentId: doc.id }),
      await s.getCollationSettings({ documentId: doc.id }),
    );
    s.close();
    expect(byService.sigla).toEqual(['W2', 'Base', 'W1']);
    expect(panel.sigla).toEqual(byService.sigla);
    const { sigla, base, texts, table, segmentation, variants, apparatus, transpositions } = byService;
    expect(panel.view).toEqual({ sigla, base, texts, table, segmentation, variants, apparatus, transpositions });
    const { status, out } = await cli(
      'collate',
      '--document',
      doc.id,
      '--format',
      'json',
      '--project',
      tmp.file('same.siglum'),
    );
    expect(status).toBe(0);
    expect(JSON.parse(out)).toEqual(byService.collatex);
  });
});
