/**
 * Data-driven suite tests: one test per reference case, so the pass rate is visible.
 * A case in `divergences` (with a one-line reason) is one we knowingly do not match: its
 * test asserts that it still differs, and a last test asserts that the divergence list is
 * exactly the set of cases that differ, so fixing a case forces updating the list.
 */
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, test } from 'vitest';

export interface Outcome {
  readonly got: unknown;
  readonly expected: unknown;
  /** Some expectations accept more than one answer. */
  readonly alternatives?: readonly unknown[];
}

export function suiteTests<C>(
  name: string,
  cases: readonly C[],
  id: (c: C) => string,
  check: (c: C) => Outcome,
  divergences: Readonly<Record<string, string>>,
): void {
  describe(name, () => {
    const matches = (o: Outcome) => [o.expected, ...(o.alternatives ?? [])].some((e) => isDeepStrictEqual(o.got, e));
    for (const c of cases) {
      const key = id(c);
      const reason = divergences[key];
      test(reason ? `${key} still diverges (${reason})` : `${key} matches the reference`, () => {
        const outcome = check(c);
        if (reason) expect(matches(outcome), 'now matches: remove it from the divergence list').toBe(false);
        else if (outcome.alternatives) expect(matches(outcome), JSON.stringify(outcome.got)).toBe(true);
        else expect(outcome.got).toEqual(outcome.expected);
      });
    }
    test('the divergence list is exactly the cases that differ', () => {
      const failing = cases.map(id).filter((key) => !matches(check(cases.find((c) => id(c) === key)!)));
      expect(new Set(failing)).toEqual(new Set(Object.keys(divergences)));
      console.log(`${name}: ${cases.length - failing.length}/${cases.length} cases match the reference`);
    });
  });
}
