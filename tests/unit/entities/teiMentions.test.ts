import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mentionFromTei, mentionToTei } from '../../../edition/entities/teiMentions.ts';
import { corpus } from './helpers.ts';

const register = new Map([
  ['pers_grew', 'e1'],
  ['place_tokyo', 'e2'],
  ['ship_panay', 'e5'],
]);
const resolve = (xmlId: string): string | null => register.get(xmlId) ?? null;
const xmlIdOf = (entityId: string): string | null => [...register].find(([, id]) => id === entityId)?.[0] ?? null;

describe('mentionFromTei and mentionToTei', () => {
  it('link a persName to the register through @ref and write it back unchanged', () => {
    const mark = mentionFromTei('persName', [['ref', '#pers_grew']], resolve);
    expect(mark).toEqual({
      kind: 'person',
      ref: 'e1',
      when: null,
      from: null,
      to: null,
      notBefore: null,
      notAfter: null,
      element: null,
      xml: [['ref', '#pers_grew']],
    });
    expect(mark && mentionToTei(mark, xmlIdOf)).toEqual({ name: 'persName', attrs: [['ref', '#pers_grew']] });
  });

  it('move a date’s normalised value into the mark and back', () => {
    const mark = mentionFromTei(
      'date',
      [
        ['type', 'despatch'],
        ['from', '1932-12-21'],
        ['to', '1932-12-22'],
      ],
      resolve,
    );
    expect(mark).toMatchObject({ kind: 'date', from: '1932-12-21', to: '1932-12-22', xml: [['type', 'despatch']] });
    expect(mark && mentionToTei(mark, xmlIdOf).attrs).toEqual([
      ['from', '1932-12-21'],
      ['to', '1932-12-22'],
      ['type', 'despatch'],
    ]);
  });

  it('read rs/@type as the kind, and write editor-made mentions of other kinds as rs with @type and @ref', () => {
    expect(
      mentionFromTei(
        'rs',
        [
          ['type', 'ship'],
          ['ref', '#ship_panay'],
        ],
        resolve,
      ),
    ).toMatchObject({
      kind: 'ship',
      ref: 'e5',
      element: null,
    });
    const made = { kind: 'ship', ref: 'e5', when: null, from: null, to: null, notBefore: null, notAfter: null };
    expect(mentionToTei({ ...made, element: null, xml: [] }, xmlIdOf)).toEqual({
      name: 'rs',
      attrs: [
        ['type', 'ship'],
        ['ref', '#ship_panay'],
      ],
    });
    expect(mentionToTei({ ...made, kind: 'place', ref: 'e2', element: null, xml: [] }, xmlIdOf)).toEqual({
      name: 'placeName',
      attrs: [['ref', '#place_tokyo']],
    });
  });

  it('leave an unresolved pointer as it was and the mention unlinked', () => {
    const mark = mentionFromTei(
      'persName',
      [
        ['ref', '#nobody'],
        ['type', 'official'],
      ],
      resolve,
    );
    expect(mark).toMatchObject({
      ref: null,
      xml: [
        ['ref', '#nobody'],
        ['type', 'official'],
      ],
    });
    expect(mark && mentionToTei(mark, xmlIdOf).attrs).toEqual([
      ['ref', '#nobody'],
      ['type', 'official'],
    ]);
    // Linked later in the editor: the same attribute now points at the entry.
    expect(mark && mentionToTei({ ...mark, ref: 'e1' }, xmlIdOf).attrs).toEqual([
      ['ref', '#pers_grew'],
      ['type', 'official'],
    ]);
  });

  it('are not mentions: hi, seg, and a gloss that points nowhere', () => {
    expect(mentionFromTei('hi', [['rend', 'italic']], resolve)).toBeNull();
    expect(mentionFromTei('seg', [], resolve)).toBeNull();
    expect(mentionFromTei('gloss', [], resolve)).toBeNull();
  });

  it('link every FRUS persName/@corresp and gloss/@target of the Guatemala volume and give each back as it was', () => {
    const guat = readFileSync(new URL('frus/frus1952-54Guat.xml', corpus), 'utf8');
    const frusIds = new Set([...guat.matchAll(/<(?:persName|term) xml:id="([^"]+)"/g)].map((m) => m[1] ?? ''));
    const frusResolve = (id: string): string | null => (frusIds.has(id) ? `entity-${id}` : null);
    const frusXmlIdOf = (entityId: string): string | null => entityId.replace(/^entity-/, '');
    let checked = 0;
    for (const m of guat.matchAll(/<(persName|gloss)\b([^>]*\b(?:corresp|target)="#[^"]+"[^>]*)>/g)) {
      const attrs = [...(m[2] ?? '').matchAll(/([\w:]+)="([^"]*)"/g)].map(
        (a) => [a[1] ?? '', a[2] ?? ''] as [string, string],
      );
      const mark = mentionFromTei(m[1] ?? '', attrs, frusResolve);
      expect(mark?.ref, m[0]).not.toBeNull();
      expect(mark?.kind).toBe(m[1] === 'gloss' ? 'term' : 'person');
      expect(mark && mentionToTei(mark, frusXmlIdOf)).toEqual({ name: m[1], attrs });
      checked++;
    }
    expect(checked).toBe(3941);
  });
});
