/**
 * `siglum export --format pdf|html|latex`, run as a user runs it (node
 * electron/bin/siglum.mjs) on a temporary project holding the seed despatch.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Node as PMNode } from 'prosemirror-model';
import { Transform } from 'prosemirror-transform';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schema } from '../../../edition/schema.ts';
import { openService } from '../../../electron/service/index.ts';
import { SEED, filesUnder, pdfPages, repoRoot, tempDir } from './project.ts';

const bin = join(repoRoot, 'electron/bin/siglum.mjs');
const tmp = tempDir();
const project = join(tmp.dir, 'cli.siglum');
let documentId: string;

function siglum(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [bin, ...args], {
    cwd: tmp.dir,
    encoding: 'utf8',
    env: { ...process.env, SIGLUM_PROJECT: '' },
    timeout: 120_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function lines(text: string): string[] {
  return text.split('\n').filter((l) => l !== '');
}

beforeAll(() => {
  const imported = siglum(['import', SEED, '--project', project, '--json']);
  expect(imported.status).toBe(0);
  documentId = (JSON.parse(imported.stdout) as { documents: Array<{ id: string }> }).documents[0]!.id;
});
afterAll(() => tmp.cleanup());

describe('siglum export to an edition', () => {
  it('typesets a PDF and prints one summary line: pages, notes on their pages, and that there is no apparatus', () => {
    const out = join(tmp.dir, 'despatch.pdf');
    const r = siglum(['export', documentId, '--format', 'pdf', '--out', out, '--project', project]);
    expect(r.status).toBe(0);
    const pages = pdfPages(out).length;
    expect(lines(r.stdout)).toEqual([`${out}: ${pages} pages, 2 notes and 0 apparatus entries on their pages.`]);
    expect(lines(r.stderr)).toEqual([
      'siglum: warning: No apparatus entries in these documents: the edition has no critical apparatus.',
    ]);
  });

  it('writes the whole project as an HTML folder and the despatch as LaTeX', () => {
    const site = join(tmp.dir, 'site');
    const html = siglum(['export', '--all', '--format', 'html', '--out', site, '--project', project]);
    expect(html.status).toBe(0);
    const files = filesUnder(site);
    expect(lines(html.stdout)).toEqual([
      `${join(site, 'index.html')}: ${files.length} files, 2 notes and 0 apparatus entries placed.`,
    ]);
    expect(files).toContain(`${documentId}.html`);

    const tex = join(tmp.dir, 'despatch.tex');
    const latex = siglum(['export', documentId, '--format', 'latex', '--out', tex, '--project', project]);
    expect(latex.status).toBe(0);
    expect(lines(latex.stdout)).toEqual([`${tex}: 2 notes and 0 apparatus entries placed.`]);
    expect(readFileSync(tex, 'utf8')).toContain('\\beginnumbering');
  });

  it('names the file after the title when --out is a folder', () => {
    const r = siglum(['export', documentId, '--format', 'latex', '--out', tmp.dir, '--project', project]);
    expect(r.status).toBe(0);
    const path = lines(r.stdout)[0]!.split(':')[0]!;
    expect(path.startsWith(tmp.dir) && path.endsWith('.tex')).toBe(true);
    expect(statSync(path).size).toBeGreaterThan(1000);
  });

  it('fails with one line and writes nothing when --out cannot be written', () => {
    const before = filesUnder(tmp.dir);
    const r = siglum([
      'export',
      documentId,
      '--format',
      'pdf',
      '--out',
      join(tmp.dir, 'missing', 'x.pdf'),
      '--project',
      project,
    ]);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(lines(r.stderr)).toHaveLength(1);
    expect(r.stderr).toMatch(
      /^siglum: Cannot write .*x\.pdf: the folder .*missing does not exist\. Choose another place to export to\.\n$/,
    );
    expect(filesUnder(tmp.dir)).toEqual(before);
  });

  it('refuses an unknown format as a mistake in the command line', () => {
    const r = siglum([
      'export',
      documentId,
      '--format',
      'docx',
      '--out',
      join(tmp.dir, 'x.docx'),
      '--project',
      project,
    ]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/export --format is tei, pdf, html or latex \(not "docx"\)/);
    expect(existsSync(join(tmp.dir, 'x.docx'))).toBe(false);
  });

  it('warns about an apparatus entry it cannot set, and exits 3 with the file written', async () => {
    // An entry whose lemma lies inside a note: the apparatus is keyed to the main text.
    const service = openService(project, { watchMs: 60_000 });
    try {
      const opened = await service.openDocument({ id: documentId });
      const doc = PMNode.fromJSON(schema, opened.doc);
      let inNote: { from: number; to: number } | null = null;
      doc.descendants((node, pos) => {
        if (inNote === null && node.isText && node.text?.includes('Not printed')) inNote = { from: pos, to: pos + 3 };
        return inNote === null;
      });
      const { from, to } = inNote!;
      const tr = new Transform(doc).addMark(
        from,
        to,
        schema.marks.app.create({ id: 'in-note', readings: [{ wit: ['B'], text: 'Nicht', type: null }] }),
      );
      const steps = tr.steps.map((s) => s.toJSON() as { stepType: string });
      expect(await service.pushSteps({ documentId, version: opened.version, clientID: 'test', steps })).toMatchObject({
        ok: true,
      });
    } finally {
      service.close();
    }
    const tex = join(tmp.dir, 'with-note-entry.tex');
    const r = siglum(['export', documentId, '--format', 'latex', '--out', tex, '--project', project]);
    expect(r.status).toBe(3);
    expect(existsSync(tex)).toBe(true);
    expect(lines(r.stdout)).toEqual([`${tex}: 2 notes and 0 apparatus entries placed, 1 not placed (see warnings).`]);
    expect(lines(r.stderr)[0]).toMatch(
      /^siglum: warning: apparatus entry 1 of "The Ambassador in Japan \(Grew\) to the Secretary of State" could not be set: /,
    );
  });
});
