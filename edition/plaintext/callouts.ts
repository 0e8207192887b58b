/**
 * Page markers and footnote callouts inside a line of running text.
 *
 * A web copy of a FRUS page keeps the printed page numbers as `[Page 69]` and the
 * footnote callouts as digits glued to the word or punctuation before them
 * (`enclosed.89`, `4 p.m.),90`). Page markers are unambiguous. Callouts are not:
 * `December 21–22`, `No. 8,` and `1932,` are digits too. So a line only yields
 * *candidates* here, and `chooseCallouts` accepts them only as a whole run that
 * matches the notes list at the end of the text.
 */

/** `[Page 69]` (or `[Page ix]` in front matter). */
const PAGE_MARKER = /\[Page ([0-9]{1,5}|[ivxlcdm]{1,8})\]/giu;

/** Where a page marker or a callout sits in a line: `[start, end)` in UTF-16 units. */
export interface Span {
  start: number;
  end: number;
}

export interface PageMarker extends Span {
  /** The printed page number, as printed. */
  n: string;
}

/** A run of digits that may be a footnote callout. */
export interface Candidate extends Span {
  value: number;
}

export function pageMarkers(line: string): PageMarker[] {
  return [...line.matchAll(PAGE_MARKER)].map((m) => ({
    start: m.index,
    end: m.index + m[0].length,
    n: m[1] ?? '',
  }));
}

/** The line as its conventions are recognised: page markers out, spaces collapsed. */
export function withoutPageMarkers(line: string): string {
  return line.replace(PAGE_MARKER, ' ').replace(/\s+/g, ' ').trim();
}

/**
 * Digits glued to a letter or punctuation and followed by a space, punctuation or the
 * end of the line. At most four digits: FRUS numbers notes across a volume and never
 * reaches 10,000 in one.
 */
const CALLOUT = /(?<=[\p{L}\p{P}])\d{1,4}(?=[\s\p{P}]|$)/gu;

export function calloutCandidates(line: string): Candidate[] {
  const found: Candidate[] = [];
  for (const m of line.matchAll(CALLOUT)) {
    const start = m.index;
    const end = start + m[0].length;
    const glue = line[start - 1] ?? '';
    const afterDigit = /\d/.test(line[start - 2] ?? '');
    // Part of a longer number: a range, ratio, time or file number (`21–22`, `3/4`,
    // `10:30`, `761.94/587`), or thousands (`1,000`).
    if (afterDigit && /[-–—/:]/.test(glue)) continue;
    if (/^[-–—/:.,]\d/.test(line.slice(end, end + 2))) continue;
    if (afterDigit && /[.,]/.test(glue) && m[0].length === 3) continue;
    found.push({ start, end, value: Number(m[0]) });
  }
  return found;
}

/**
 * Picks the callouts for a notes list of `count` entries: the candidates whose values
 * are N, N+1, ... N+count-1 in reading order, for the one N where exactly `count`
 * candidates fall in that range. Returns their indexes into `candidates`, or null when
 * no N fits or more than one does: then nothing is taken for a callout, and the text
 * stays as it was written.
 */
export function chooseCallouts(candidates: readonly Candidate[], count: number): number[] | null {
  if (count === 0) return null;
  const at = new Map<number, number[]>();
  candidates.forEach((c, i) => {
    const list = at.get(c.value);
    if (list) list.push(i);
    else at.set(c.value, [i]);
  });
  const values = [...at.keys()].sort((x, y) => x - y);
  let fit: number[] | null = null;
  // A window over the sorted values: how many candidates fall in [first, first + count).
  let inWindow = 0;
  let end = 0;
  for (const [start, first] of values.entries()) {
    for (; end < values.length && (values[end] ?? 0) < first + count; end++)
      inWindow += at.get(values[end] ?? 0)?.length ?? 0;
    if (inWindow === count) {
      const run = Array.from({ length: count }, (_, k) => at.get(first + k));
      const indexes = run.map((r) => (r?.length === 1 ? (r[0] ?? -1) : -1));
      if (indexes.every((index, k) => index >= 0 && (k === 0 || index > (indexes[k - 1] ?? -1)))) {
        if (fit) return null;
        fit = indexes;
      }
    }
    inWindow -= at.get(values[start] ?? 0)?.length ?? 0;
  }
  return fit;
}
