/**
 * The foot of a page while pages are being filled: which notes and apparatus entries
 * it holds, and an upper bound of its height that needs no layout per line.
 * Runs in the print page.
 */
import { escapeHtml, formatApparatusSeries } from '../apparatus.ts';
import type { PrintData } from '../html.ts';

/** A note call found on a line of a flow. */
export interface NoteRef {
  id: string;
  document: number;
  index: number;
}

/** An apparatus entry whose lemma starts on line `start` and ends on line `end`. */
export interface AppRef {
  id: string;
  document: number;
  index: number;
  series: 'A' | 'B';
  start: number;
  end: number;
  /** Position of the lemma's start marker in the flow, to order entries of a line. */
  order: number;
}

/**
 * An upper bound of the foot's height for any set of the given notes and entries.
 * Note heights are measured once each (they stack), and a run-in apparatus paragraph
 * of total width W set in lines of width w, each wasting less than the widest word,
 * has at most floor(W / (w − widest)) + 1 lines. Everything is measured in a few
 * layouts of `measurer` (an element styled as the foot, of the text's width).
 */
export function footEstimator(
  measurer: HTMLElement,
  noteHtml: ReadonlyMap<string, string>,
  data: PrintData,
  size: { textW: number; textH: number },
  noteRefs: readonly NoteRef[],
  appRefs: readonly AppRef[],
): (notes: readonly NoteRef[], app: readonly AppRef[]) => number {
  const probe = (html: string): number => {
    measurer.innerHTML = html;
    return measurer.getBoundingClientRect().height;
  };
  const rule = '<div class="foot-rule"></div>';
  const ruleH = probe(rule);
  const oneLine = probe(`${rule}<p class="app">x</p>`) - ruleH;
  const lineH = probe(`${rule}<p class="app">x<br>x</p>`) - ruleH - oneLine;
  const paraBase = oneLine - lineH;

  const noteH = new Map<string, number>();
  if (noteRefs.length > 0) {
    measurer.innerHTML = noteRefs.map((n) => noteHtml.get(n.id) ?? '').join('') + '<div class="end"></div>';
    const tops = Array.from(measurer.children).map((el) => el.getBoundingClientRect().top);
    noteRefs.forEach((n, i) => noteH.set(n.id, (tops[i + 1] ?? 0) - (tops[i] ?? 0)));
  }

  const appW = new Map<string, number>();
  let widest = 0;
  if (appRefs.length > 0) {
    const tokens = new Set<string>();
    let html = '<p class="app" style="white-space:nowrap">';
    for (const a of appRefs) {
      const entry = data.documents[a.document]!.apparatus[a.index]!;
      const foot = {
        label: '000–000',
        lemma: entry.lemma,
        readings: entry.readings,
      };
      html += `<span class="w"><span class="app-gap"> </span>${formatApparatusSeries([foot])} </span>`;
      // The label is kept with the lemma's first word by a no-break space.
      tokens.add(`000–000 ${entry.lemma.split(/\s+/)[0] ?? ''}`);
      const words = `${entry.lemma}] ${entry.readings.map((r) => `${r.text} ${r.sigla.join(' ')}`).join(' : ')}`;
      for (const t of words.split(/\s+/)) tokens.add(t);
    }
    const longest = [...tokens].sort((x, y) => y.length - x.length).slice(0, 5);
    html += `</p><p class="app" style="white-space:nowrap">${longest
      .map((t) => `<b class="t">${escapeHtml(t)}</b> `)
      .join('')}</p>`;
    measurer.innerHTML = html;
    Array.from(measurer.querySelectorAll('.w')).forEach((el, i) =>
      appW.set(appRefs[i]!.id, el.getBoundingClientRect().width + 2),
    );
    for (const el of Array.from(measurer.querySelectorAll('.t'))) {
      widest = Math.max(widest, el.getBoundingClientRect().width);
    }
  }
  const usable = Math.max(size.textW / 4, size.textW - widest * 1.2 - 8);

  return (notes, app) => {
    if (notes.length === 0 && app.length === 0) return 0;
    let h = ruleH + 1;
    for (const n of notes) h += noteH.get(n.id) ?? size.textH;
    for (const series of ['A', 'B'] as const) {
      const entries = app.filter((a) => a.series === series);
      if (entries.length === 0) continue;
      const width = entries.reduce((sum, a) => sum + (appW.get(a.id) ?? size.textW), 0);
      h += paraBase + lineH * (Math.floor(width / usable) + 1);
    }
    return h;
  };
}
