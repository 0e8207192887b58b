/** Which id each register entry has in one exported file (electron/service/register-ids.ts). */
import { describe, expect, it } from 'vitest';
import { validateEntity } from '../../../edition/entities/index.ts';
import type { EntityRecord } from '../../../db/entities.ts';
import { fitCorpusRegister, fitFileRegister } from '../../../electron/service/register-ids.ts';

function record(id: string, xmlId: string, listCollectionId: number | null, name = `Person ${id}`): EntityRecord {
  return { entity: validateEntity({ id, type: 'person', name, xmlId }), listCollectionId };
}

// Volumes 1 and 2 both define p_A (two people); the editor made "pers_c".
const records = [record('1', 'p_A', 1), record('2', 'p_A', 2), record('3', 'pers_c', null)];

describe('fitFileRegister', () => {
  it('points a volume’s mentions at its own definitions and carries only what it lacks', () => {
    const r = fitFileRegister(
      records,
      { collectionId: 2, mentioned: new Set(['2', '3']), fileIds: new Set(['p_A', 'd1']) },
      { unmentioned: false },
    );
    expect(r.xmlIdOf('2')).toBe('p_A');
    expect(r.xmlIdOf('3')).toBe('pers_c');
    expect(r.standOff?.children.some((c) => c.type === 'element')).toBe(true);
  });

  it('gives an entry from another volume a new id in the file when its own is taken there', () => {
    // After a merge, volume 2 mentions volume 1's p_A, and still defines its own p_A.
    const r = fitFileRegister(
      records,
      { collectionId: 2, mentioned: new Set(['1']), fileIds: new Set(['p_A', 'p_A_2']) },
      { unmentioned: false },
    );
    expect(r.xmlIdOf('1')).toBe('p_A_3');
  });

  it('writes nothing for a file that defines everything it mentions', () => {
    const r = fitFileRegister(
      [records[0]!],
      { collectionId: 1, mentioned: new Set(['1']), fileIds: new Set(['p_A']) },
      { unmentioned: true },
    );
    expect(r.standOff).toBeNull();
  });

  it('writes persons of a FRUS document on its own as FRUS lists in <back>', () => {
    const r = fitFileRegister(
      records,
      { collectionId: 1, mentioned: new Set(['1']), fileIds: new Set(['d7']) },
      { unmentioned: false, frusDocument: true },
    );
    expect(r.standOff).toBeNull();
    expect(r.back?.name).toBe('back');
    expect(r.xmlIdOf('1')).toBe('p_A');
  });
});

describe('fitCorpusRegister', () => {
  it('keeps each volume’s own ids and gives the corpus standOff ids no volume uses', () => {
    const { volumes, standOff } = fitCorpusRegister(records, [
      { collectionId: 1, mentioned: new Set(['1', '2']), fileIds: new Set(['p_A']) },
      { collectionId: 2, mentioned: new Set(['2']), fileIds: new Set(['p_A']) },
    ]);
    expect(volumes[0]!('1')).toBe('p_A');
    expect(volumes[1]!('2')).toBe('p_A');
    // Volume 1 mentions volume 2's entry: the corpus carries it, under an id of its own.
    expect(volumes[0]!('2')).toBe('p_A_2');
    expect(volumes[0]!('3')).toBe('pers_c');
    expect(standOff).not.toBeNull();
  });
});
