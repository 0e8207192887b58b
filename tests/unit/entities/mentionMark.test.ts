import { describe, expect, it } from 'vitest';
import { schema } from '../../../edition/schema.ts';

/** A stand-in for the DOM element ProseMirror's parser hands to getAttrs. */
function elementWith(attrs: Record<string, string>): HTMLElement {
  return { getAttribute: (name: string) => attrs[name] ?? null } as unknown as HTMLElement;
}

describe('the mention mark', () => {
  const type = schema.marks.mention;

  it('lets nested mentions and mentions of two entities share text', () => {
    const org = type.create({ kind: 'org', ref: 'assoc' });
    const term = type.create({ kind: 'term', ref: 'russian-problem' });
    expect(term.addToSet(org.addToSet([]))).toHaveLength(2);
    expect(type.spec.inclusive).toBe(false);
  });

  it('keeps kind, entity, date values and element through the DOM, for cut and paste', () => {
    const mark = type.create({ kind: 'date', from: '1932-12-21', to: '1932-12-22', element: 'date' });
    const dom = type.spec.toDOM?.(mark, true) as [string, Record<string, string>, number];
    expect(dom[1]).toMatchObject({
      class: 'mention',
      'data-kind': 'date',
      'data-ref': '',
      'data-from': '1932-12-21',
      'data-to': '1932-12-22',
      'data-element': 'date',
    });
    const rule = type.spec.parseDOM?.[0];
    const attrs = rule?.getAttrs?.(elementWith(dom[1]) as never);
    expect(type.create(attrs as Record<string, unknown>).eq(mark)).toBe(true);
  });

  it('drops an element name from pasted HTML that could not be an XML name', () => {
    const attrs = type.spec.parseDOM?.[0]?.getAttrs?.(
      elementWith({ 'data-kind': 'person', 'data-ref': 'grew', 'data-element': 'persName onload="x"' }) as never,
    );
    expect(attrs).toMatchObject({ kind: 'person', ref: 'grew', element: null });
  });
});
