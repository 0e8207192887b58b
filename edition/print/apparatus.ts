/**
 * How the critical apparatus reads at the foot of a page: "line lemma] reading sigla",
 * the line number printed once per line, ranges as "12–14", long lemmata as
 * "first … last", each series set run-in as one paragraph.
 *
 * Pure string functions, shared by the in-page paginator (which knows the lines)
 * and the tests.
 */

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&quot;'));
}

/** "first … last" for a lemma longer than `maxWords` words; shorter lemmata unchanged. */
export function abbreviateLemma(lemma: string, maxWords: number): string {
  const words = lemma
    .trim()
    .split(/\s+/)
    .filter((w) => w !== '');
  if (words.length <= maxWords || words.length < 3) return words.join(' ');
  return `${words[0]} … ${words[words.length - 1]}`;
}

/**
 * The line reference of an entry: "12", "12–14" when the lemma runs over lines of
 * the same page, "12 ff." when it runs onto the next page. `null` start (an
 * unnumbered line such as a heading) prints as "tit.".
 */
export function lineLabel(start: number | null, end: number | null, endsOnLaterPage = false): string {
  if (start === null) return 'tit.';
  if (endsOnLaterPage) return `${start} ff.`;
  if (end === null || end === start) return String(start);
  return `${start}–${end}`;
}

export interface FootApparatusEntry {
  label: string;
  /**
   * The line the lemma starts on, when labels can repeat on a page (numbering per
   * section or document): entries share a label only if they share this too.
   */
  line?: number;
  lemma: string;
  readings: ReadonlyArray<{ text: string; sigla: readonly string[] }>;
}

function readingHtml(r: { text: string; sigla: readonly string[] }): string {
  const text = r.text.trim() === '' ? '<i>om.</i>' : escapeHtml(r.text);
  const sigla = r.sigla.map((s) => escapeHtml(s)).join(' ');
  return sigla === '' ? text : `${text} <i class="sig">${sigla}</i>`;
}

/**
 * One series as a run-in paragraph's inner HTML. Entries must come in text order;
 * consecutive entries with the same label share it and are separated by " | ".
 */
export function formatApparatusSeries(entries: readonly FootApparatusEntry[]): string {
  let html = '';
  let previous: string | null = null;
  for (const e of entries) {
    const body = `${escapeHtml(e.lemma)}] ${e.readings.map(readingHtml).join(' : ')}`;
    const key = e.line === undefined ? e.label : `${e.line}\u0000${e.label}`;
    if (key === previous) {
      html += `<span class="app-sep"> | </span><span class="app-e">${body}</span>`;
    } else {
      if (previous !== null) html += '<span class="app-gap"> </span>';
      // A no-break space keeps the line number with its lemma.
      html += `<span class="app-e"><b class="app-l">${escapeHtml(e.label)}</b>\u00a0${body}</span>`;
    }
    previous = key;
  }
  return html;
}
