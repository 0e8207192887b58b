/**
 * DocumentMeta from TEI: a volume's header, a document div's attributes and
 * opening (its head, date and archival source note).
 */
import type { DocumentMeta } from '../types.ts';
import type { XmlElement } from '../xml/tree.ts';
import { TEI_NS, childElements, getAttr } from '../xml/tree.ts';
import { isSourceNote, isTei } from './names.ts';

/** Text content without notes (footnotes in a heading are not part of its title), whitespace collapsed. */
export function plainText(el: XmlElement): string {
  let out = '';
  const walk = (e: XmlElement): void => {
    for (const c of e.children) {
      if (c.type === 'text' || c.type === 'cdata') out += c.text;
      else if (c.type === 'element' && !isTei(c, 'note') && !isTei(c, 'listWit')) walk(c);
    }
  };
  walk(el);
  return out.replace(/\s+/g, ' ').trim();
}

/** The first descendant element matching `test`, depth first, not descending into `<note>`s... unless asked. */
export function findElement(el: XmlElement, test: (e: XmlElement) => boolean, intoNotes = false): XmlElement | null {
  for (const c of el.children) {
    if (c.type !== 'element') continue;
    if (test(c)) return c;
    if (!intoNotes && isTei(c, 'note')) continue;
    const found = findElement(c, test, intoNotes);
    if (found) return found;
  }
  return null;
}

/** The child element with this TEI name, or null. */
export function child(el: XmlElement | null, name: string): XmlElement | null {
  if (!el) return null;
  for (const c of childElements(el)) if (c.uri === TEI_NS && c.name === name) return c;
  return null;
}

/** What a header written by Siglum says in its `sourceDesc` when the document has no source. */
export const NO_SOURCE = 'Created in Siglum.';

/**
 * The source a `sourceDesc` states, as written: Siglum writes a document's source there
 * as it is (a FRUS source note already says "Source: ..."), so that exporting what was
 * imported writes it again unchanged; its own sentence for no source reads as none.
 */
function sourceOf(sourceDesc: XmlElement): string | null {
  const text = plainText(sourceDesc);
  return text === '' || text === NO_SOURCE ? null : text;
}

/** The title a `teiHeader` gives (`titleStmt/title[@type='complete']`, else the first), or null for none. */
export function headerTitle(tei: XmlElement): string | null {
  const titleStmt = child(child(child(tei, 'teiHeader'), 'fileDesc'), 'titleStmt');
  const titles = titleStmt ? childElements(titleStmt).filter((e) => isTei(e, 'title')) : [];
  const title = titles.find((t) => getAttr(t, 'type') === 'complete') ?? titles[0];
  return (title && plainText(title)) || null;
}

/** The metadata of a volume, from its `teiHeader`. */
export function headerMeta(tei: XmlElement, fileName: string): DocumentMeta {
  const fileDesc = child(child(tei, 'teiHeader'), 'fileDesc');
  const publication = child(fileDesc, 'publicationStmt');
  const date = child(publication, 'date');
  const extra: Record<string, string> = {};
  for (const idno of publication ? childElements(publication).filter((e) => isTei(e, 'idno')) : []) {
    const value = plainText(idno);
    if (value !== '') extra[`idno:${getAttr(idno, 'type') ?? 'default'}`] = value;
  }
  const sourceDesc = child(fileDesc, 'sourceDesc');
  return {
    title: headerTitle(tei) ?? fileName.replace(/\.[^.]*$/, ''),
    date: date ? plainText(date) || getAttr(date, 'when') : null,
    source: sourceDesc ? sourceOf(sourceDesc) : null,
    extra,
  };
}

/** A TEI division: `div`, or one of the numbered `div1`...`div7`. */
function isDivision(el: XmlElement): boolean {
  return el.uri === TEI_NS && /^div[1-7]?$/.test(el.name);
}

/**
 * The heading of a whole text (a file's `<body>` that is one document): the body's own
 * `<head>`, or that of its only division (and so on down), never the heading of one
 * of several divisions (a play's "ACT 1" is not the play's title). Null when it has none.
 */
export function wholeTextHeading(body: XmlElement): string | null {
  for (let at: XmlElement | undefined = body; at !== undefined;) {
    const children = childElements(at);
    const head = children.find((c) => isTei(c, 'head'));
    if (head !== undefined) return plainText(head) || null;
    const divisions = children.filter(isDivision);
    at = divisions.length === 1 ? divisions[0] : undefined;
  }
  return null;
}

/**
 * The metadata of a document: its heading, its date (`frus:doc-dateTime-min`, else the
 * first `date/@when`; a date-time shortened to its day), its archival source note,
 * and its own attributes.
 */
export function divMeta(div: XmlElement, fallbackTitle: string): DocumentMeta {
  const head = findElement(div, (e) => isTei(e, 'head'));
  const source = findElement(div, isSourceNote);
  const extra: Record<string, string> = {};
  for (const a of div.attrs)
    if (!['type', 'n', 'xml:id'].includes(a.name) && !a.name.startsWith('xmlns')) extra[a.name] = a.value;
  let date = extra['frus:doc-dateTime-min'] ?? null;
  if (date === null) {
    const dated = findElement(div, (e) => isTei(e, 'date') && getAttr(e, 'when') !== null);
    date = dated ? getAttr(dated, 'when') : null;
  }
  // A day is what the UI lists and sorts by; the full value stays in the XML.
  if (date !== null && /^\d{4}-\d{2}-\d{2}T/.test(date)) date = date.slice(0, 10);
  return {
    title: (head && plainText(head)) || fallbackTitle,
    date,
    source: source ? plainText(source) || null : null,
    extra,
  };
}
