/**
 * A volume's documents may be handed to the TEI writers as functions that give each
 * document when the writer comes to it, so that an export need not hold a whole volume
 * in memory: the file is the one the documents themselves give, and each function is
 * called once, in the order the documents are written.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Node as PMNode } from 'prosemirror-model';
import { describe, expect, it } from 'vitest';
import { schema } from '../../../edition/schema.ts';
import { exportCollectionTei, exportProjectTei, importTei, type DocInput } from '../../../edition/tei/index.ts';

const volumeName = 'frus1938v03-d480-d486.xml';
const source = importTei(
  readFileSync(resolve(import.meta.dirname, '../../../../shared/corpus/frus', volumeName), 'utf8'),
  volumeName,
);
const nodes = new Map(source.documents.map((d) => [d.key, PMNode.fromJSON(schema, d.doc)]));

/** The documents as functions, each noting its key when called. */
function loaders(calls: string[]): Map<string, DocInput> {
  return new Map([...nodes].map(([key, doc]) => [key, () => (calls.push(key), doc)]));
}

describe('documents given as functions', () => {
  it('write the volume the documents give, each read once and in the order written', () => {
    const calls: string[] = [];
    expect(exportCollectionTei(source.collection.frame, loaders(calls))).toBe(
      exportCollectionTei(source.collection.frame, nodes),
    );
    expect(calls).toEqual([...nodes.keys()]);
  });

  it('write a document added to the volume without a placeholder at the end of its body, read once', () => {
    const calls: string[] = [];
    const first = [...nodes.values()][0]!;
    const withNew = new Map([...nodes, ['siglum-99', first]]);
    const lazy = loaders(calls).set('siglum-99', () => (calls.push('siglum-99'), first));
    expect(exportCollectionTei(source.collection.frame, lazy)).toBe(
      exportCollectionTei(source.collection.frame, withNew),
    );
    expect(calls).toEqual([...withNew.keys()]);
  });

  it('write a teiCorpus as their nodes do', () => {
    const calls: string[] = [];
    const frame = source.collection.frame;
    expect(exportProjectTei([{ frame, docs: loaders(calls) }], 'P')).toBe(
      exportProjectTei([{ frame, docs: nodes }], 'P'),
    );
    expect(calls).toEqual([...nodes.keys()]);
  });
});
