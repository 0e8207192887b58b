import { describe, expect, it } from 'vitest';
import { collate, parallelSegmentation, plainTable, wrappedTable } from '../../../edition/collation/index.ts';

const black = collate([
  { siglum: 'A', text: 'The black cat' },
  { siglum: 'B', text: 'The black and white cat' },
]);

describe('wrappedTable', () => {
  it('is plainTable exactly when the table fits the width', () => {
    const table = parallelSegmentation(black);
    expect(wrappedTable(black, table, 100)).toBe(plainTable(black, table));
  });

  it('splits the columns into blocks no wider than the width, each with the sigla', () => {
    const table = parallelSegmentation(black);
    const out = wrappedTable(black, table, 20);
    const lines = out.split('\n');
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThanOrEqual(20);
    expect(out.split('\n\n').length).toBeGreaterThan(1);
    for (const block of out.split('\n\n')) {
      expect(block).toMatch(/^\| A /m);
      expect(block).toMatch(/^\| B /m);
    }
  });

  it('wraps a cell too wide for a line at spaces, cutting only a word longer than the line', () => {
    const long = collate([
      { siglum: 'A', text: 'Tokyo January thirteenth nineteen thirty-three Sir during the month of December' },
      { siglum: 'B', text: 'Peking' },
    ]);
    const out = wrappedTable(long, parallelSegmentation(long), 30);
    const lines = out.split('\n');
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThanOrEqual(30);
    const words = lines
      .filter((l) => l.startsWith('|'))
      .flatMap((l) => l.split('|').slice(2, -1))
      .flatMap((c) => c.trim().split(' '))
      .filter((w) => w !== '' && w !== '-' && w !== 'Peking');
    expect(words.join(' ')).toBe('Tokyo January thirteenth nineteen thirty-three Sir during the month of December');
  });
});
