import { describe, expect, it } from 'vitest';
import { groupDigits } from '../../edition/args.ts';

describe('groupDigits', () => {
  it('groups thousands as toLocaleString("en") does', () => {
    for (const n of [0, 7, 999, 1000, 10_000, 123_456, 1_000_000, 64 * 1024 * 1024, 1e9 + 7]) {
      expect(groupDigits(n)).toBe(n.toLocaleString('en'));
    }
  });
});
