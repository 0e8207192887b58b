/**
 * A temporary project with the seed despatch imported, and apparatus entries put on
 * its lemmata as an editor would: `app` marks pushed as steps through the service.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Node as PMNode } from 'prosemirror-model';
import { Transform } from 'prosemirror-transform';
import { schema } from '../../../edition/schema.ts';
import { openService, type ServiceOptions, type SiglumService } from '../../../electron/service/index.ts';

export const repoRoot = resolve(import.meta.dirname, '../../..');
export const SEED = resolve(repoRoot, '../shared/corpus/seed/frus1933v03-d63-grew-256.txt');

export function tempDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'siglum-export-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A new project at `path` holding the seed despatch; resolves with the service and the document's id. */
export async function seedProject(
  path: string,
  options: ServiceOptions = {},
): Promise<{ service: SiglumService; documentId: string }> {
  const service = openService(path, { create: true, seed: true, seedFile: SEED, watchMs: 60_000, ...options });
  const [doc] = await service.listDocuments({});
  if (doc === undefined) throw new Error('the seed despatch was not imported');
  return { service, documentId: doc.id };
}

/** Positions of the first occurrence of `words` inside one text node. */
function find(doc: PMNode, words: string): { from: number; to: number } {
  let found: { from: number; to: number } | null = null;
  doc.descendants((node, pos) => {
    if (found !== null) return false;
    const at = node.isText ? (node.text ?? '').indexOf(words) : -1;
    if (at >= 0) found = { from: pos + at, to: pos + at + words.length };
    return found === null;
  });
  if (found === null) throw new Error(`"${words}" is not in the document`);
  return found;
}

export interface Variant {
  lemma: string;
  reading: string;
  type: string | null;
}

/** Two witnesses' variants of the despatch: A reads the lemma, B the reading. */
export const VARIANTS: Variant[] = [
  { lemma: 'increasingly cordial', reading: 'cordial', type: null },
  { lemma: 'traditionally hostile to each other', reading: 'hostile by tradition', type: null },
  { lemma: 'Bolshevization', reading: 'Bolshevisation', type: 'orthographic' },
  { lemma: 'speeded up', reading: 'accelerated', type: null },
];

/** Marks each variant's lemma with an `app` mark, as steps through the service. */
export async function addApparatus(service: SiglumService, documentId: string, variants = VARIANTS): Promise<void> {
  const opened = await service.openDocument({ id: documentId });
  const doc = PMNode.fromJSON(schema, opened.doc);
  const tr = new Transform(doc);
  variants.forEach((v, i) => {
    const { from, to } = find(doc, v.lemma);
    tr.addMark(
      from,
      to,
      schema.marks.app.create({
        id: `app${i + 1}`,
        type: v.type,
        wit: ['A'],
        readings: [{ wit: ['B'], text: v.reading, type: null }],
      }),
    );
  });
  const pushed = await service.pushSteps({
    documentId,
    version: opened.version,
    clientID: 'test',
    steps: tr.steps.map((s) => s.toJSON() as { stepType: string }),
  });
  if (!pushed.ok) throw new Error('the apparatus steps were refused');
}

/** The text of each page of a PDF (pdftotext, one string per page). */
export function pdfPages(path: string): string[] {
  const text = execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' });
  return text.split('\f').slice(0, -1);
}

/** pdffonts' table as rows of [name, type...]. */
export function pdfFontTypes(path: string): string[] {
  const lines = execFileSync('pdffonts', [path], { encoding: 'utf8' })
    .split('\n')
    .slice(2)
    .filter((l) => l.trim() !== '');
  return lines;
}

/** Every file under `dir`, relative, sorted. */
export function filesUnder(dir: string, prefix = ''): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...filesUnder(path, `${prefix}${name}/`));
    else out.push(`${prefix}${name}`);
  }
  return out.sort();
}
