/**
 * The line-level conventions of a despatch copied from a FRUS web page (see
 * ../shared/corpus/seed/README.md): which lines are a file number, a despatch number,
 * a dateline, a list label, a valediction. Each recogniser takes one line, already
 * trimmed and with its page markers removed, and answers with what it found or null.
 *
 * The patterns are deliberately narrow: a line that is not plainly one of these is
 * running text, and the editor can still correct any guess afterwards.
 */

/**
 * A State Department decimal file number as FRUS prints it in a source note:
 * `761.94/587`, `893.77 Manchuria/139`, `760C.93 Manchuria/6: Telegram`,
 * `611.3731/817 supp.: Telegram`, `711.1928/2064/6`, `825.5151/132½`.
 */
const FILE_NUMBER =
  /^\d{3}[A-Z]?(?:\.[0-9A-Za-z]+)*(?: [A-Z][\p{L} .,'’&-]*)?(?:\/[0-9A-Za-z½¼¾⅛⅜⅝⅞–-]+)+(?: [Ss]upp\.)?(?:: [A-Z][\p{L} ]*)?$/u;

export function isFileNumber(line: string): boolean {
  return FILE_NUMBER.test(line);
}

/** `No. 256`: a despatch's number, alone on its line. */
const DESPATCH_NUMBER = /^No\. ?\d{1,6}[A-Za-z]?$/;

export function isDespatchNumber(line: string): boolean {
  return DESPATCH_NUMBER.test(line);
}

/** The months' English names, January first. */
export const MONTHS: readonly string[] = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/**
 * `Tokyo, January 13, 1933.`, `Washington, January 6, 1933—4 p.m.`, `[Washington,]
 * May 18, 1934.`, `New York, N. Y., April 3, 1934.`, `S. S. “Santa Barbara,” January 16,
 * 1934—7 p.m.`, `Managua, February 27 [26], 1934—midnight.`, or the date alone: a place,
 * a full date, optionally a time after a dash.
 */
const DATELINE = new RegExp(
  `^(?:(?:\\[[^\\]\\n]{1,40},\\]|\\p{Lu}[^\\n]{0,50}?,[”"]?) )?(${MONTHS.join('|')}) (\\d{1,2})(?: \\[\\d{1,2}\\])?, (\\d{4})(?:\\s?[—–-]\\s?[^\\n]{1,30})?\\.?$`,
  'u',
);

/**
 * The date of a dateline line as ISO `YYYY-MM-DD`, or null when the line is not a
 * dateline (or names a day its month does not have).
 */
export function datelineDate(line: string): string | null {
  const m = DATELINE.exec(line);
  if (!m) return null;
  const month = MONTHS.indexOf(m[1] ?? '') + 1;
  const day = Number(m[2]);
  const year = Number(m[3]);
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** `[Received February 6.]`: the line FRUS adds under a dateline. */
export function isReceivedLine(line: string): boolean {
  return /^\[Received [^\]\n]{1,60}\]$/.test(line);
}

/** A list label alone on its line: `1.`, `(1)`, `1)`, and `a.`, `(a)`, `a)`. */
const LABEL = /^(\()?(\d{1,3}|[a-z])([.)])$/;

/** A list label's form and ordinal, so that a list's labels can be checked to run on. */
export interface Label {
  /** What the labels of one list share: `digit N.`, `digit (N)`, `letter N)`... */
  shape: string;
  /** 1 for `1.` and for `a.`. */
  ordinal: number;
}

export function listLabel(line: string): Label | null {
  const m = LABEL.exec(line);
  const [, open, mark = '', close] = m ?? [];
  if (!m || (open !== undefined && close !== ')')) return null;
  const digits = /\d/.test(mark);
  const ordinal = digits ? Number(mark) : mark.charCodeAt(0) - 96;
  return { shape: `${digits ? 'digit' : 'letter'} ${open ?? ''}N${close}`, ordinal };
}

/** `Respectfully yours,`, `Very truly yours,`, `Sincerely,`, `I have the honor to be, Sir, ...`. */
const VALEDICTION =
  /^(?:(?:very |most )?(?:respectfully|sincerely|faithfully|truly|cordially)(?: yours)?|yours(?: (?:very )?(?:respectfully|sincerely|faithfully|truly))?|i have the honou?r to be,? sir,? your obedient servant)[,.]?$/i;

export function isValediction(line: string): boolean {
  return VALEDICTION.test(line);
}

/**
 * A heading in FRUS's From / To form: `The Ambassador in Japan (Grew) to the
 * Secretary of State`, `The Secretary of State to the Minister in China (Johnson)`.
 */
export function isFromToHeading(line: string): boolean {
  return /\S to (?:the )?\p{Lu}/u.test(line) && looksLikeHeading(line);
}

/** One short line that does not end like a sentence or a clause. */
export function looksLikeHeading(line: string): boolean {
  return line.length > 0 && line.length <= 250 && !/[.,;:!?]$/.test(line);
}
