/**
 * Helpers for the plain-text tests: builders for the edition schema
 * (prosemirror-test-builder) and the seed despatch, read in place from the shared corpus.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Node as PMNode } from 'prosemirror-model';
import { builders, type NodeBuilder } from 'prosemirror-test-builder';
import type { DocJSON } from '../../../edition/api.ts';
import { schema } from '../../../edition/schema.ts';

const all = builders(schema, {
  p: { nodeType: 'paragraph' },
  pb: { nodeType: 'pageBreak' },
  br: { nodeType: 'lineBreak' },
  seg: { nodeType: 'teiText', name: 'seg' },
  run: { nodeType: 'teiText', name: null },
});

function builder(name: string): NodeBuilder {
  const f = all[name];
  if (typeof f !== 'function') throw new Error(`no builder for ${name}`);
  return f as NodeBuilder;
}

/** `b.p('text', b.pb({ n: '69' }), 'more')` and so on, one builder per node type. */
export const b = {
  doc: builder('doc'),
  p: builder('p'),
  heading: builder('heading'),
  sourceNote: builder('sourceNote'),
  opener: builder('opener'),
  seg: builder('seg'),
  dateline: builder('dateline'),
  closer: builder('closer'),
  salute: builder('salute'),
  signed: builder('signed'),
  list: builder('list'),
  label: builder('label'),
  item: builder('item'),
  note: builder('note'),
  run: builder('run'),
  teiBlock: builder('teiBlock'),
  pb: builder('pb'),
  br: builder('br'),
};

/** A footnote as the importer writes it: number `n`, one run of text. */
export function footnote(n: string, text: string): PMNode {
  return b.note({ n }, b.run(text));
}

export function nodeOf(json: DocJSON): PMNode {
  return schema.nodeFromJSON(json);
}

export const SEED_NAME = 'frus1933v03-d63-grew-256.txt';

/** The seed despatch, read from ../shared/corpus/seed beside the repository. */
export function readSeed(): string {
  const path = fileURLToPath(new URL(`../../../../shared/corpus/seed/${SEED_NAME}`, import.meta.url));
  return readFileSync(path, 'utf8');
}

/** The seed's line that contains `needle`, as written. */
export function seedLine(needle: string): string {
  const line = readSeed()
    .split('\n')
    .find((l) => l.includes(needle));
  if (line === undefined) throw new Error(`the seed has no line with ${needle}`);
  return line;
}

/** Each child of `node` as a short string: text as is, other nodes as `<type n>`. */
export function pieces(node: PMNode): string[] {
  const out: string[] = [];
  node.forEach((child) => {
    const n = child.attrs['n'] as string | null | undefined;
    out.push(child.isText ? (child.text ?? '') : `<${child.type.name}${n ? ` ${n}` : ''}>`);
  });
  return out;
}
