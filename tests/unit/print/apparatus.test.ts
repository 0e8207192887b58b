import { describe, expect, it } from 'vitest';
import { abbreviateLemma, escapeHtml, formatApparatusSeries, lineLabel } from '../../../edition/print/apparatus.ts';

describe('apparatus formatting', () => {
  it('keeps lemmata of up to the limit of words and shortens longer ones to “first … last”', () => {
    expect(abbreviateLemma('increasingly cordial', 3)).toBe('increasingly cordial');
    expect(abbreviateLemma('is as good', 3)).toBe('is as good');
    expect(abbreviateLemma('is as good as dead', 3)).toBe('is … dead');
    expect(abbreviateLemma('  spaced\n  words  ', 3)).toBe('spaced words');
  });

  it('labels a line, a range of lines on one page and a lemma running onto the next page', () => {
    expect(lineLabel(12, 12)).toBe('12');
    expect(lineLabel(12, 14)).toBe('12–14');
    expect(lineLabel(34, 36, true)).toBe('34 ff.');
    expect(lineLabel(null, null)).toBe('tit.');
  });

  it('prints the line number once for entries on the same line and “om.” for an empty reading', () => {
    const html = formatApparatusSeries([
      {
        label: '3',
        lemma: 'cordial',
        readings: [{ text: 'friendly', sigla: ['B'] }],
      },
      {
        label: '3',
        lemma: 'gradually',
        readings: [{ text: '', sigla: ['B', 'C'] }],
      },
      {
        label: '5',
        lemma: 'Tokyo',
        readings: [
          { text: 'Tokio', sigla: ['C'] },
          { text: 'Yedo', sigla: ['D'] },
        ],
      },
    ]);
    const plain = html.replace(/<[^>]+>/g, '').replace(/\u00a0/g, ' ');
    expect(plain).toBe('3 cordial] friendly B | gradually] om. B C 5 Tokyo] Tokio C : Yedo D');
    expect(html.match(/class="app-l"/g)).toHaveLength(2);
    expect(html).toContain('<b class="app-l">5</b>\u00a0Tokyo]');
    expect(html).toContain('<i class="sig">B C</i>');
  });

  it('repeats a line number that stands for a different line, as when two sections share a page', () => {
    const reading = [{ text: 'x', sigla: ['B'] }];
    const html = formatApparatusSeries([
      { label: '3', line: 40, lemma: 'end', readings: reading },
      { label: '3', line: 40, lemma: 'of one', readings: reading },
      { label: '3', line: 45, lemma: 'next', readings: reading },
    ]);
    const plain = html.replace(/<[^>]+>/g, '').replace(/\u00a0/g, ' ');
    expect(plain).toBe('3 end] x B | of one] x B 3 next] x B');
  });

  it('escapes markup in lemmata and readings', () => {
    expect(escapeHtml('<b>&"')).toBe('&lt;b&gt;&amp;&quot;');
    const html = formatApparatusSeries([{ label: '1', lemma: 'a<b', readings: [{ text: 'c&d', sigla: ['A'] }] }]);
    expect(html).toContain('a&lt;b]');
    expect(html).toContain('c&amp;d');
  });
});
