/**
 * Checks an attribute value against what the TEI Guidelines (and the FRUS schema,
 * where it is stricter) say is allowed, for the attributes whose datatypes a small
 * table can know: names, identifiers (`xml:id` well formed and unique), pointers
 * (teidata.pointer: URIs without spaces), W3C dates (teidata.temporal.w3c), languages,
 * and closed value lists (`@cert`, `@xml:space`). Anything the table does not know is
 * accepted, as the schema accepts any text there. An error means the export would not
 * validate; a warning means it would validate against tei_all but not everywhere (the
 * FRUS schema allows only `source` and `summary` as a note's type).
 */

export interface AttributeProblem {
  level: 'error' | 'warning';
  /** One sentence: what is wrong and what is allowed. */
  message: string;
}

/** What a check may need to know of the document. */
export interface CheckContext {
  /** How often each xml:id occurs in the document, the value being checked included if already set. */
  ids: ReadonlyMap<string, number>;
  /** The value the attribute had before the edit (null for a new attribute). */
  previous: string | null;
}

const NCNAME = /^[A-Za-z_\u00C0-\uFFFF][\w.\u00B7\u00C0-\uFFFF-]*$/u;
const QNAME = /^(?:[A-Za-z_][\w.-]*:)?[A-Za-z_][\w.-]*$/;
/** Characters RFC 3986 allows in a URI reference, percent escapes included. */
const URI_REF = /^(?:[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})*$/;
const LANGUAGE = /^(?:[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*)?$/;

/** teidata.pointer attributes (each a list of pointers, separated by spaces). */
const POINTERS = new Set([
  'ref',
  'corresp',
  'target',
  'facs',
  'sameAs',
  'copyOf',
  'next',
  'prev',
  'synch',
  'source',
  'resp',
  'ana',
  'hand',
  'who',
  'scheme',
  'nymRef',
  'change',
  'rendition',
  'decls',
  'start',
  'end',
  'targetEnd',
  'wit',
]);

/** teidata.temporal.w3c attributes. */
const DATES = new Set(['when', 'notBefore', 'notAfter', 'from', 'to']);

/** Closed value lists of the Guidelines. */
const ENUMERATIONS: Readonly<Record<string, readonly string[]>> = {
  cert: ['high', 'medium', 'low', 'unknown'],
  'xml:space': ['default', 'preserve'],
  instant: ['true', 'false', 'unknown', 'inapplicable'],
  full: ['yes', 'abb', 'init'],
};

/** Values the FRUS schema allows where tei_all allows any (element → attribute → values). */
export const FRUS_VALUES: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>> = {
  note: { type: ['source', 'summary'], rend: ['inline'] },
};

/** Known values to offer for an attribute of an element (a datalist), closed or not. */
export function suggestedValues(element: string, name: string): readonly string[] {
  return ENUMERATIONS[name] ?? FRUS_VALUES[element]?.[name] ?? [];
}

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Whether `value` is a W3C date or time as teidata.temporal.w3c allows (xsd:date, gYear, dateTime...). */
export function isW3cTemporal(value: string): boolean {
  const date =
    /^(-?\d{4,})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?)?)?(Z|[+-]\d{2}:\d{2})?$/.exec(
      value,
    );
  if (date) {
    const [, , month, day, hour, minute, second] = date;
    if (month !== undefined && (Number(month) < 1 || Number(month) > 12)) return false;
    if (day !== undefined && (Number(day) < 1 || Number(day) > DAYS_IN_MONTH[Number(month) - 1]!)) return false;
    if (hour !== undefined && Number(hour) > 24) return false;
    if (minute !== undefined && Number(minute) > 59) return false;
    if (second !== undefined && Number(second) > 59) return false;
    return true;
  }
  // --MM-DD, --MM, ---DD, and a time of day.
  return /^--(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?$|^---(0[1-9]|[12]\d|3[01])$|^([01]\d|2[0-4]):[0-5]\d(:[0-5]\d(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$/.test(
    value,
  );
}

/** Checks a new attribute name (before its value): a well-formed qualified name. */
export function checkAttributeName(name: string): AttributeProblem | null {
  if (!QNAME.test(name))
    return {
      level: 'error',
      message: `"${name}" is not an attribute name: use letters, digits, "-", "_" or ".", starting with a letter (a prefix such as "xml:" is allowed).`,
    };
  return null;
}

/** Checks `value` for attribute `name` of `element`; null when the table finds nothing wrong. */
export function checkAttribute(
  element: string,
  name: string,
  value: string,
  context: CheckContext,
): AttributeProblem | null {
  const bad = checkAttributeName(name);
  if (bad) return bad;
  if (name === 'xml:id') {
    if (!NCNAME.test(value))
      return {
        level: 'error',
        message: `An xml:id must be a name without spaces or colons that starts with a letter or "_" ("${value}" is not).`,
      };
    const others = (context.ids.get(value) ?? 0) - (context.previous === value ? 1 : 0);
    if (others > 0)
      return { level: 'error', message: `The xml:id "${value}" is already used in this document: choose another.` };
    return null;
  }
  if (POINTERS.has(name)) {
    const pointers = value.trim().split(/\s+/);
    const wrong = value.trim() === '' ? '' : pointers.find((p) => !URI_REF.test(p));
    if (wrong !== undefined)
      return {
        level: 'error',
        message:
          wrong === ''
            ? `@${name} needs at least one pointer (a URI such as "#id" or "https://…").`
            : `"${wrong}" in @${name} is not a URI: a pointer has no spaces or characters like < > " { }; percent-encode them.`,
      };
    return null;
  }
  // On <span>, @from and @to point at the span's ends instead.
  if (DATES.has(name) && element !== 'span' && !isW3cTemporal(value))
    return {
      level: 'error',
      message: `@${name} takes a W3C date such as 1933-01-13, 1933-01 or 1933 ("${value}" is not one).`,
    };
  if (name === 'xml:lang' && !LANGUAGE.test(value))
    return {
      level: 'error',
      message: `@xml:lang takes a language tag such as "en" or "de-CH" ("${value}" is not one).`,
    };
  const closed = ENUMERATIONS[name];
  if (closed && !closed.includes(value))
    return { level: 'error', message: `@${name} is one of ${closed.join(', ')} ("${value}" is not).` };
  const frus = FRUS_VALUES[element]?.[name];
  if (frus && !frus.includes(value))
    return {
      level: 'warning',
      message: `The FRUS schema allows only ${frus.join(' or ')} as @${name} of <${element}>; tei_all allows "${value}".`,
    };
  return null;
}
