import { describe, expect, it } from 'vitest';
import { arrangeDock, HANDLE_WIDTH, maxColumnWidth } from '../../../renderer/layout/dock.ts';
import { MIN_PANEL_WIDTH } from '../../../renderer/layout/layoutState.ts';

const panels = [
  { id: 'variants', width: 420 },
  { id: 'side', width: 340 },
  { id: 'attributes', width: 300 },
];

describe('the panel dock', () => {
  it('puts each panel in its own column when the text keeps its measure', () => {
    const layout = arrangeDock(panels, 2000, 500);
    expect(layout.mode).toBe('beside');
    expect(layout.columns.map((c) => c.panels)).toEqual([['variants'], ['side'], ['attributes']]);
    expect(layout.width).toBe(420 + 340 + 300 + 3 * HANDLE_WIDTH);
  });

  it('stacks the rightmost panels in one column when there is less room, as wide as the widest', () => {
    const layout = arrangeDock(panels, 1300, 500);
    expect(layout.columns.map((c) => c.panels)).toEqual([['variants'], ['side', 'attributes']]);
    expect(layout.columns[1]!.width).toBe(340);
    expect(1300 - layout.width).toBeGreaterThanOrEqual(500);
  });

  it('narrows a single column to what leaves the text its measure, and overlays the text when even that is too little', () => {
    const narrow = arrangeDock(panels, 800, 500);
    expect(narrow.mode).toBe('beside');
    expect(narrow.columns).toHaveLength(1);
    expect(narrow.width).toBe(300);
    const tight = arrangeDock(panels, 700, 500);
    expect(tight.mode).toBe('overlay');
    expect(tight.columns[0]!.width).toBeGreaterThanOrEqual(MIN_PANEL_WIDTH);
  });

  it('lets a column grow only as far as the text keeps its measure beside the others', () => {
    const layout = arrangeDock(panels, 2000, 500);
    const max = maxColumnWidth(layout, 0, 2000, 500);
    expect(max + 340 + 300 + 3 * HANDLE_WIDTH).toBe(2000 - 500);
  });

  it('is empty with no panel open', () => {
    expect(arrangeDock([], 1024, 500)).toEqual({ mode: 'beside', columns: [], width: 0 });
  });
});
