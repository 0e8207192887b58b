/**
 * A date mention's value as the popup edits it: one of TEI's three shapes
 * (`when`; `from`/`to`; `notBefore`/`notAfter`), proposed from the text with
 * edition/entities' `proposeDate` and the document's own date.
 */
import type { Node as PMNode } from 'prosemirror-model';
import { proposeDate, type DateValue } from '../../edition/entities/index.ts';
import { schema } from '../../edition/schema.ts';

export type DateShape = 'when' | 'range' | 'approx';

/** The two fields of a shape; `when` uses only the first. */
export interface DateFields {
  shape: DateShape;
  first: string;
  second: string;
}

export function fieldsOf(value: DateValue | null): DateFields {
  if (value === null) return { shape: 'when', first: '', second: '' };
  if ('when' in value) return { shape: 'when', first: value.when, second: '' };
  if ('from' in value) return { shape: 'range', first: value.from, second: value.to };
  return {
    shape: 'approx',
    first: value.notBefore ?? '',
    second: value.notAfter ?? '',
  };
}

/** The value the fields hold, or null when they are empty. */
export function valueOf(fields: DateFields): DateValue | null {
  const first = fields.first.trim();
  const second = fields.second.trim();
  if (fields.shape === 'when') return first === '' ? null : { when: first };
  if (fields.shape === 'range') return first === '' || second === '' ? null : { from: first, to: second };
  if (first !== '') return second === '' ? { notBefore: first } : { notBefore: first, notAfter: second };
  return second === '' ? null : { notAfter: second };
}

const ISO = /^-?\d{4}(?:-\d{2}(?:-\d{2})?)?(?:T\d{2}:\d{2}(?::\d{2})?Z?)?$/;

/** The first field that is not an ISO 8601 date, for a sentence next to it. */
export function invalidField(fields: DateFields): string | null {
  for (const v of [fields.first, fields.second]) if (v.trim() !== '' && !ISO.test(v.trim())) return v.trim();
  return null;
}

/**
 * The document's date for dates written without a year: its metadata's, else
 * what its first dateline says ("Tokyo, January 13, 1933").
 */
export function documentDate(doc: PMNode, metaDate: string | null): string | null {
  if (metaDate !== null && /^\d{4}/.test(metaDate)) return metaDate;
  let found: string | null = null;
  doc.descendants((node) => {
    if (found !== null) return false;
    if (node.type !== schema.nodes.dateline) return true;
    const v = dateInLine(node.textContent);
    if (v) found = 'when' in v ? v.when : 'from' in v ? v.from : (v.notBefore ?? v.notAfter ?? null);
    return false;
  });
  return found;
}

/** The date a dateline ends with ("Tokyo, January 13, 1933." → 1933-01-13): the longest tail that reads as one. */
function dateInLine(line: string): DateValue | null {
  const parts = line.replace(/[.\s]+$/, '').split(/,\s*/);
  for (let i = 0; i < parts.length; i++) {
    const v = proposeDate(parts.slice(i).join(', '));
    if (v) return v;
  }
  return null;
}

/** The proposal for a date mention's text. */
export function proposeFor(text: string, docDate: string | null): DateValue | null {
  return proposeDate(text, { documentDate: docDate });
}

/** A date mention's current value, read from its mark's attributes. */
export function dateOfMark(attrs: Readonly<Record<string, unknown>>): DateValue | null {
  const s = (k: string): string | undefined => (typeof attrs[k] === 'string' && attrs[k] !== '' ? attrs[k] : undefined);
  const [when, from, to, notBefore, notAfter] = ['when', 'from', 'to', 'notBefore', 'notAfter'].map(s);
  if (when !== undefined) return { when };
  if (from !== undefined && to !== undefined) return { from, to };
  if (notBefore !== undefined) return notAfter === undefined ? { notBefore } : { notBefore, notAfter };
  return notAfter === undefined ? null : { notAfter };
}

/** A date value as a reader writes it: "1932-12-21", "1932-12-21 – 1932-12-22", "not before 1933-06". */
export function describeDate(value: DateValue | null): string {
  if (value === null) return 'no value';
  if ('when' in value) return value.when;
  if ('from' in value) return `${value.from} – ${value.to}`;
  const parts = [];
  if (value.notBefore !== undefined) parts.push(`not before ${value.notBefore}`);
  if (value.notAfter !== undefined) parts.push(`not after ${value.notAfter}`);
  return parts.join(', ');
}
