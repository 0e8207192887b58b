/**
 * Proposing a normalised value for a date mention from its text, the way a TEI
 * encoder would write `@when`, `@from`/`@to` or `@notBefore`/`@notAfter`.
 *
 * English dates as historical documents write them: "December 21–22, 1932",
 * "January 11th", "January 6, 4 p.m.", "August 29, 1954, 0040Z", "May 15,
 * 1934—noon", "21 December 1932", "December, 1932", "1932", "1932–33", "early
 * December", "mid-December", "the end of December", "the summer of 1933",
 * "before the spring of 1933", "between May 1 and May 5, 1934". A proposal is
 * only that: the editor corrects it in the mention.
 *
 * Choices, where usage leaves room:
 * - Seasons are the meteorological seasons of the northern hemisphere, whole
 *   months: spring March–May, summer June–August, autumn (fall)
 *   September–November, winter December to the end of February of the next year
 *   ("the winter of 1932–33" and "the winter of 1932" both start in December 1932).
 *   TEI's date attributes (W3C/ISO 8601 dates) have no season values, so a season
 *   becomes `notBefore`/`notAfter`.
 * - "early", "mid"/"middle of", "late"/"end of" a month: days 1–10, 11–20, 21 to
 *   the month's end; of a year: January–April, May–August, September–December.
 * - A time of day gives `when` with seconds ("4 p.m." -> T16:00:00), 'Z' kept when
 *   the text gives a Zulu time ("0040Z"). "midnight" is 00:00 of the day named,
 *   as the Office of the Historian encodes it.
 * - A date without a year takes it from the document's date: of the year before,
 *   the same year and the year after, the one that puts the date nearest to the
 *   document's ("December" in a despatch of 13 January 1933 is December 1932).
 *   Without a document date such text gets no proposal.
 * - Editorial insertions in square brackets ("February 27 [26]") are ignored.
 */

/**
 * A normalised date as TEI's date attributes carry it (ISO 8601 values). An
 * approximate date has `notBefore`, `notAfter` or both.
 */
export type DateValue =
  | { when: string }
  | { from: string; to: string }
  | { notBefore: string; notAfter?: string }
  | { notBefore?: string; notAfter: string };

export interface DateContext {
  /** The document's own date (ISO, at least YYYY), used for dates written without a year. */
  documentDate?: string | null;
}

const MONTHS: Readonly<Record<string, number>> = {
  january: 1,
  jan: 1,
  february: 2,
  feb: 2,
  march: 3,
  mar: 3,
  april: 4,
  apr: 4,
  may: 5,
  june: 6,
  jun: 6,
  july: 7,
  jul: 7,
  august: 8,
  aug: 8,
  september: 9,
  sept: 9,
  sep: 9,
  october: 10,
  oct: 10,
  november: 11,
  nov: 11,
  december: 12,
  dec: 12,
};

const SEASONS: Readonly<Record<string, readonly [number, number]>> = {
  spring: [3, 5],
  summer: [6, 8],
  autumn: [9, 11],
  fall: [9, 11],
  winter: [12, 14],
};

/** A date as written: any of its parts may be missing. */
interface Written {
  year?: number;
  month?: number;
  day?: number;
}

/** A calendar day as a number (days since 1970-01-01), for arithmetic. */
type DayNumber = number;

function dayNumber(y: number, m: number, d: number): DayNumber {
  return Math.round(Date.UTC(y, m - 1, d) / 86_400_000);
}

function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

function isoOfDay(day: DayNumber): string {
  const d = new Date(day * 86_400_000);
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** The ISO value of a partial date at its own precision (year, month or day). */
function isoOf(p: Written): string {
  let s = pad(p.year ?? 0, 4);
  if (p.month !== undefined) s += `-${pad(p.month)}`;
  if (p.month !== undefined && p.day !== undefined) s += `-${pad(p.day)}`;
  return s;
}

/** First and last day a partial date covers (it must have a year). */
function bounds(p: Written): [DayNumber, DayNumber] {
  const y = p.year ?? 0;
  if (p.month === undefined) return [dayNumber(y, 1, 1), dayNumber(y, 12, 31)];
  if (p.day === undefined) return [dayNumber(y, p.month, 1), dayNumber(y, p.month, daysInMonth(y, p.month))];
  const d = dayNumber(y, p.month, p.day);
  return [d, d];
}

function valid(p: Written): boolean {
  if (p.year === undefined || p.year < 1 || p.year > 9999) return false;
  if (p.month === undefined) return p.day === undefined;
  if (p.month < 1 || p.month > 12) return false;
  return p.day === undefined || (p.day >= 1 && p.day <= daysInMonth(p.year, p.month));
}

// ---------------------------------------------------------------- reading text

const MONTH =
  '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?';
const DAY = '(\\d{1,2})(?:st|nd|rd|th|d)?';
const YEAR = '(\\d{4})';

const SINGLE: ReadonlyArray<[RegExp, (m: RegExpExecArray) => Written]> = [
  // 1932-12-21, 1932-12
  [
    /^(\d{4})-(\d{2})(?:-(\d{2}))?$/,
    (m) => ({ year: num(m[1]), month: num(m[2]), ...(m[3] ? { day: num(m[3]) } : {}) }),
  ],
  // December 21, 1932 / December 21 1932 / December 21
  [new RegExp(`^${MONTH} ${DAY}(?:,? ${YEAR})?$`), (m) => ({ month: month(m[1]), day: num(m[2]), ...yearOf(m[3]) })],
  // 21 December 1932 / 21st of December, 1932 / the 21st of December
  [
    new RegExp(`^(?:the )?${DAY}(?: of)? ${MONTH}(?:,? ${YEAR})?$`),
    (m) => ({ day: num(m[1]), month: month(m[2]), ...yearOf(m[3]) }),
  ],
  // December, 1932 / December 1932 / (the month of) December / December of 1932
  [new RegExp(`^(?:the month of )?${MONTH}(?:,? (?:of )?${YEAR})?$`), (m) => ({ month: month(m[1]), ...yearOf(m[2]) })],
  // 1932 / the year 1932
  [new RegExp(`^(?:the year )?${YEAR}$`), (m) => ({ year: num(m[1]) })],
];

function num(s: string | undefined): number {
  return Number(s);
}
function month(s: string | undefined): number {
  return MONTHS[(s ?? '').replace(/\.$/, '')] ?? 0;
}
function yearOf(s: string | undefined): Written {
  return s === undefined ? {} : { year: Number(s) };
}

function readSingle(text: string): Written | null {
  for (const [re, make] of SINGLE) {
    const m = re.exec(text);
    if (m) return make(m);
  }
  return null;
}

/** A time of day at the end of the text: [text before it, 'hh:mm:ss' with 'Z' if Zulu]. */
function splitTime(text: string): [string, string] | null {
  const m =
    /^(.*?)(?:\s*[—–-]\s*|,\s*|\s+at\s+|\s+)(?:(\d{1,2})(?:[:.](\d{2}))?\s*([ap])\.?\s*m\.?|(noon)|(midnight)|(\d{2})(\d{2})\s*z)$/.exec(
      text,
    );
  if (!m) return null;
  const before = m[1] ?? '';
  let h: number;
  let min = 0;
  let zulu = '';
  if (m[5]) h = 12;
  else if (m[6]) h = 0;
  else if (m[7] !== undefined) {
    h = num(m[7]);
    min = num(m[8]);
    zulu = 'Z';
  } else {
    h = num(m[2]);
    min = m[3] === undefined ? 0 : num(m[3]);
    if (h < 1 || h > 12) return null;
    h = (h % 12) + (m[4] === 'p' ? 12 : 0);
  }
  if (h > 23 || min > 59) return null;
  return [before, `${pad(h)}:${pad(min)}:00${zulu}`];
}

function normalise(text: string): string {
  return text
    .replace(/\[[^\]]*\]/g, ' ')
    .toLowerCase()
    .replace(/[\u2010-\u2015\u2212]/g, (d) => (d === '\u2014' ? '—' : '–'))
    .replace(/,(?=\S)/g, ', ')
    .replace(/\s+/g, ' ')
    .replace(/\s+,/g, ',')
    .replace(/^[\s(]+|[\s.,;:)]+$/g, '')
    .replace(/^(?:on|in|during|since) /, '');
}

// ---------------------------------------------------------------- year inference

/** Fills in a missing year from the document's date: the nearest of three candidates. */
function withYear(
  p: Written,
  docDay: DayNumber | null,
  shape: (p: Written) => [DayNumber, DayNumber] = bounds,
): Written | null {
  if (p.year !== undefined) return p;
  if (docDay === null) return null;
  const docYear = new Date(docDay * 86_400_000).getUTCFullYear();
  let best: Written | null = null;
  let bestDistance = Infinity;
  for (const year of [docYear, docYear - 1, docYear + 1]) {
    const candidate = { ...p, year };
    if (!valid(candidate)) continue;
    const [lo, hi] = shape(candidate);
    const distance = docDay < lo ? lo - docDay : docDay > hi ? docDay - hi : 0;
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

function documentDay(context: DateContext): DayNumber | null {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(context.documentDate ?? '');
  if (!m) return null;
  const p = { year: num(m[1]), month: m[2] ? num(m[2]) : 7, day: m[3] ? num(m[3]) : m[2] ? 15 : 1 };
  return valid(p) ? dayNumber(p.year, p.month, p.day) : null;
}

// ---------------------------------------------------------------- expressions

/** An approximate span ("early December", "the summer of 1933") as first and last day. */
function readSpan(text: string, docDay: DayNumber | null): [DayNumber, DayNumber] | null {
  const season =
    /^(?:the )?(?:(early|late|mid) ?-?)?(spring|summer|autumn|fall|winter)(?:,? (?:of )?(\d{4})(?:[–\-/](\d{2}|\d{4}))?)?$/.exec(
      text,
    );
  if (season) {
    const [first, last] = SEASONS[season[2] ?? ''] ?? [0, 0];
    let year = season[3] === undefined ? undefined : num(season[3]);
    // "the winter of 1932–33": a second year only for the winter that reaches into it.
    if (season[4] !== undefined && (year === undefined || last <= 12 || num(season[4]) % 100 !== (year + 1) % 100)) {
      return null;
    }
    if (year === undefined) {
      const guess = withYear({ month: first }, docDay, (p) => {
        const y = p.year ?? 0;
        return [dayNumber(y, first, 1), dayNumber(y, last + 1, 0)];
      });
      if (guess === null) return null;
      year = guess.year ?? 0;
    }
    let lo = dayNumber(year, first, 1);
    let hi = dayNumber(year, last + 1, 0);
    const part = season[1];
    if (part !== undefined) {
      const third = Math.floor((hi - lo + 1) / 3);
      if (part === 'early') hi = lo + third - 1;
      else if (part === 'mid') [lo, hi] = [lo + third, hi - third];
      else lo = hi - third + 1;
    }
    return [lo, hi];
  }
  const part =
    /^(?:the )?(early|beginning of|start of|mid|middle of|late|end of|close of)(?: in)?(?: the month of)? ?-?(.+)$/.exec(
      text,
    );
  if (part) {
    const base = readSingle(part[2] ?? '');
    if (base === null || base.day !== undefined) return null;
    const p = withYear(base, docDay);
    if (p === null || !valid(p)) return null;
    const which = part[1] ?? '';
    const pos = /early|beginning|start/.test(which) ? 0 : /mid/.test(which) ? 1 : 2;
    const y = p.year ?? 0;
    if (p.month === undefined) {
      const months: Array<[number, number]> = [
        [1, 4],
        [5, 8],
        [9, 12],
      ];
      const [a, b] = months[pos] ?? [1, 12];
      return [dayNumber(y, a, 1), dayNumber(y, b, daysInMonth(y, b))];
    }
    const starts = [1, 11, 21];
    const lo = starts[pos] ?? 1;
    const hi = pos === 2 ? daysInMonth(y, p.month) : lo + 9;
    return [dayNumber(y, p.month, lo), dayNumber(y, p.month, hi)];
  }
  return null;
}

/** Two dates joined by a dash, 'to', 'through' or 'and': the left side borrows what it lacks. */
function readRange(text: string, docDay: DayNumber | null): [Written, Written] | null {
  const m = /^(.+?) ?(?:–|—|-|\bto\b|\bthrough\b|\buntil\b|\btill\b|\band\b) ?(.+)$/.exec(text);
  if (!m) return null;
  const leftText = m[1] ?? '';
  let rightText = m[2] ?? '';
  let left = readSingle(leftText);
  // "1932–33": a two-digit year after a dash continues the century.
  if (left?.year !== undefined && left.month === undefined && /^\d{2}$/.test(rightText)) {
    rightText = String(Math.floor(left.year / 100) * 100 + num(rightText));
  }
  // "December 21–22, 1932": the right side is a day (and year) of the left side's month.
  let right = readSingle(rightText);
  const dayYear = /^(\d{1,2})(?:st|nd|rd|th|d)?(?:,? (\d{4}))?$/.exec(rightText);
  if (right === null && dayYear && left?.month !== undefined && left.day !== undefined) {
    right = { month: left.month, day: num(dayYear[1]), ...yearOf(dayYear[2]) };
  }
  // "21–22 December 1932": the left side is a bare day.
  const bareDay = /^(\d{1,2})(?:st|nd|rd|th|d)?$/.exec(leftText);
  if (left === null && bareDay && right?.month !== undefined && right.day !== undefined) {
    left = { day: num(bareDay[1]) };
  }
  if (left === null || right === null) return null;
  right = withYear(right, docDay);
  if (right === null) return null;
  // The left side takes the right side's month (if it names a day only) and year.
  if (left.month === undefined && left.day !== undefined) left = { ...left, month: right.month ?? 0 };
  if (left.year === undefined) {
    left = { ...left, year: right.year ?? 0 };
    if (valid(left) && bounds(left)[0] > bounds(right)[0]) left = { ...left, year: (left.year ?? 0) - 1 };
  }
  if (!valid(left) || !valid(right) || bounds(left)[0] > bounds(right)[1]) return null;
  return [left, right];
}

/**
 * Proposes a normalised value for the text of a date mention, or null when the
 * text does not say (or is not a date Siglum can read). See the module comment
 * for the conventions.
 */
export function proposeDate(text: string, context: DateContext = {}): DateValue | null {
  const docDay = documentDay(context);
  let t = normalise(text).replace(/^from (?=.+ ?(?:–|-|\bto\b|\bthrough\b|\buntil\b|\btill\b) ?)/, '');
  if (t === '') return null;

  const qualifier = /^(before|after|not before|not after|by) (.+)$/.exec(t);
  if (qualifier) {
    const inner = spanOf(qualifier[2] ?? '', docDay);
    if (inner === null) return null;
    switch (qualifier[1]) {
      case 'before':
        return { notAfter: isoOfDay(inner[0] - 1) };
      case 'after':
        return { notBefore: isoOfDay(inner[1] + 1) };
      case 'not before':
        return { notBefore: isoOfDay(inner[0]) };
      default: // 'not after', 'by'
        return { notAfter: isoOfDay(inner[1]) };
    }
  }

  const between = /^between (.+) and (.+)$/.exec(t);
  if (between) {
    const range = readRange(`${between[1]} and ${between[2]}`, docDay);
    if (range === null) return null;
    return { notBefore: isoOfDay(bounds(range[0])[0]), notAfter: isoOfDay(bounds(range[1])[1]) };
  }

  let time: string | null = null;
  const split = splitTime(t);
  if (split !== null) [t, time] = split;

  const single = readSingle(t);
  if (single !== null) {
    const p = withYear(single, docDay);
    if (p === null || !valid(p)) return null;
    if (time !== null && p.day !== undefined) return { when: `${isoOf(p)}T${time}` };
    return { when: isoOf(p) };
  }
  const range = readRange(t, docDay);
  if (range !== null) return { from: isoOf(range[0]), to: isoOf(range[1]) };
  const span = readSpan(t, docDay);
  if (span !== null) return { notBefore: isoOfDay(span[0]), notAfter: isoOfDay(span[1]) };
  return null;
}

/** First and last day of any date expression proposeDate reads. */
function spanOf(text: string, docDay: DayNumber | null): [DayNumber, DayNumber] | null {
  const single = readSingle(text);
  if (single !== null) {
    const p = withYear(single, docDay);
    return p !== null && valid(p) ? bounds(p) : null;
  }
  const range = readRange(text, docDay);
  if (range !== null) return [bounds(range[0])[0], bounds(range[1])[1]];
  return readSpan(text, docDay);
}
