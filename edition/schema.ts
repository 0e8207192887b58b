/**
 * The one ProseMirror schema for documentary editions.
 *
 * Declared once, as plain NodeSpec/MarkSpec tables, and used by the editor, the
 * importers (TEI, plain text) and the exporters (TEI, print HTML). Every node and
 * mark that comes from a TEI element carries an `xml` attribute: the element's
 * attributes that the schema does not model itself, as an ordered list of
 * [qualifiedName, value] pairs, so that export gives them back unchanged.
 *
 * Elements the schema does not model are kept as generic nodes and marks that
 * carry their qualified name (`teiBlock`, `teiText`, `teiInline`, `teiMark`), so
 * that nothing read from TEI is ever dropped.
 */
import { Schema, type AttributeSpec, type MarkSpec, type NodeSpec } from 'prosemirror-model';

/** Extra XML attributes of an element, in document order. */
export type XmlAttrs = ReadonlyArray<readonly [string, string]>;

const xml: AttributeSpec = { default: [] };

/**
 * On marks: null, or the position (in document order) of the TEI element the mark
 * came from within its block. The TEI importer sets it only where ProseMirror's
 * own mark order would write the XML back differently: coextensive elements
 * nested against the schema's mark order (`<hi><persName>..</persName></hi>`),
 * or two adjacent elements with equal attributes that must stay two elements.
 * Marks with different `nest` are different marks, and coextensive marks are
 * written outermost-first by ascending `nest`.
 */
const nest: AttributeSpec = { default: null };

/**
 * On blocks: the whitespace the TEI source had in element-only content before the
 * block (`spaceBefore`) and, on a container's last block, before the container's
 * closing tag (`spaceAfter`), so that export writes the source's layout back. Null
 * (a block made in the editor, or a document imported before they were kept): the
 * exporter indents it like its siblings.
 */
const space: Record<'spaceBefore' | 'spaceAfter', AttributeSpec> = {
  spaceBefore: { default: null },
  spaceAfter: { default: null },
};

/**
 * On every block of running text: its text is the TEI source's, line ends and
 * indentation included (the editor shows them as one space), so ProseMirror must not
 * turn a line end into a space where it moves text between blocks (a join, a change
 * of block type) or reads it back from the page (typing, paste within the editor).
 */
const sourceText = { content: 'inline*', whitespace: 'pre' } as const;

/** Tag-name badge the editor shows for generic (unmodelled) TEI elements. */
function tagAttrs(name: string): Record<string, string> {
  return { 'data-tei': name, class: 'tei-generic' };
}

export const nodes = {
  doc: { content: 'block+' },

  /** `<head>`: a document's heading. */
  heading: {
    group: 'block',
    ...sourceText,
    attrs: { xml, ...space },
    defining: true,
    parseDOM: [{ tag: 'h2' }],
    toDOM: () => ['h2', { class: 'tei-head' }, 0],
  },

  /** `<p>` */
  paragraph: {
    group: 'block',
    ...sourceText,
    attrs: { xml, ...space },
    parseDOM: [{ tag: 'p' }],
    toDOM: () => ['p', 0],
  },

  /** `<note type="source">` at block level: the archival source (file number). */
  sourceNote: {
    group: 'block',
    ...sourceText,
    attrs: { xml, ...space },
    defining: true,
    parseDOM: [{ tag: 'div.tei-source-note' }],
    toDOM: () => ['div', { class: 'tei-source-note' }, 0],
  },

  /** `<list>` of numbered entries: optional `<label>` then `<item>`. */
  list: {
    group: 'block',
    content: '(label? item)+',
    attrs: { xml, ...space },
    parseDOM: [{ tag: 'div.tei-list' }],
    toDOM: () => ['div', { class: 'tei-list' }, 0],
  },
  label: {
    ...sourceText,
    attrs: { xml, ...space },
    defining: true,
    parseDOM: [{ tag: 'div.tei-label' }],
    toDOM: () => ['div', { class: 'tei-label' }, 0],
  },
  item: {
    ...sourceText,
    attrs: { xml, ...space },
    defining: true,
    parseDOM: [{ tag: 'div.tei-item' }],
    toDOM: () => ['div', { class: 'tei-item' }, 0],
  },

  /** `<opener>` and `<closer>` of a letter; their parts are letterPart nodes. */
  opener: {
    group: 'block',
    content: 'letterPart+',
    attrs: { xml, ...space },
    parseDOM: [{ tag: 'div.tei-opener' }],
    toDOM: () => ['div', { class: 'tei-opener' }, 0],
  },
  closer: {
    group: 'block',
    content: 'letterPart+',
    attrs: { xml, ...space },
    parseDOM: [{ tag: 'div.tei-closer' }],
    toDOM: () => ['div', { class: 'tei-closer' }, 0],
  },
  dateline: {
    group: 'letterPart',
    ...sourceText,
    attrs: { xml, ...space },
    defining: true,
    parseDOM: [{ tag: 'div.tei-dateline' }],
    toDOM: () => ['div', { class: 'tei-dateline' }, 0],
  },
  salute: {
    group: 'letterPart',
    ...sourceText,
    attrs: { xml, ...space },
    defining: true,
    parseDOM: [{ tag: 'div.tei-salute' }],
    toDOM: () => ['div', { class: 'tei-salute' }, 0],
  },
  signed: {
    group: 'letterPart',
    ...sourceText,
    attrs: { xml, ...space },
    defining: true,
    parseDOM: [{ tag: 'div.tei-signed' }],
    toDOM: () => ['div', { class: 'tei-signed' }, 0],
  },

  /**
   * A TEI element the schema does not model, holding blocks. Mixed content inside
   * it is kept as `teiText` children with `name: null` (bare text runs).
   */
  teiBlock: {
    group: 'block letterPart',
    content: 'block*',
    attrs: { name: {}, xml, ...space },
    defining: true,
    parseDOM: [
      {
        tag: 'div.tei-block',
        getAttrs: (dom) => ({ name: (dom as PastedElement).getAttribute('data-tei') ?? 'div' }),
      },
    ],
    toDOM: (node) => ['div', { ...tagAttrs(String(node.attrs['name'])), class: 'tei-block' }, 0],
  },

  /**
   * A TEI element the schema does not model, holding inline content (`<seg>` in an
   * opener, `<cell>`...). With `name: null` it is a bare run of mixed content that
   * exports as its inline content alone, with no wrapping element.
   */
  teiText: {
    group: 'block letterPart',
    ...sourceText,
    attrs: { name: { default: null }, xml, ...space },
    defining: true,
    parseDOM: [
      {
        tag: 'div.tei-text',
        getAttrs: (dom) => ({ name: (dom as PastedElement).getAttribute('data-tei') }),
      },
    ],
    toDOM: (node) => {
      const name = node.attrs['name'] as string | null;
      return name === null
        ? ['div', { class: 'tei-text tei-run' }, 0]
        : ['div', { ...tagAttrs(name), class: 'tei-text' }, 0];
    },
  },

  text: { group: 'inline' },

  /** `<pb n facs>`: where a printed page (or a facsimile page) begins. */
  pageBreak: {
    group: 'inline',
    inline: true,
    atom: true,
    attrs: { n: { default: null }, facs: { default: null }, xml },
    parseDOM: [
      {
        tag: 'span.tei-pb',
        getAttrs: (dom) => ({
          n: (dom as PastedElement).getAttribute('data-n'),
          facs: (dom as PastedElement).getAttribute('data-facs'),
        }),
      },
    ],
    toDOM: (node) => {
      const n = node.attrs['n'] as string | null;
      const facs = node.attrs['facs'] as string | null;
      return [
        'span',
        {
          class: 'tei-pb',
          'data-n': n ?? '',
          'data-facs': facs ?? '',
          contenteditable: 'false',
        },
        n === null ? '[page]' : `[Page ${n}]`,
      ];
    },
  },

  /** `<lb facs/>`: a line end; `facs` (as written, `#zone`) points at the line's zone on the page image. */
  lineBreak: {
    group: 'inline',
    inline: true,
    attrs: { facs: { default: null }, xml },
    selectable: false,
    parseDOM: [{ tag: 'br', getAttrs: (dom) => ({ facs: (dom as PastedElement).getAttribute('data-facs') }) }],
    toDOM: (node) => {
      const facs = node.attrs['facs'] as string | null;
      return facs === null ? ['br'] : ['br', { 'data-facs': facs }];
    },
  },

  /**
   * `<note>` inside running text (footnote, editorial note). Its content lives in
   * the main document so that undo, search and export all see it. Simple notes
   * hold one `teiText` run (name null); notes of several paragraphs hold blocks.
   */
  note: {
    group: 'inline',
    inline: true,
    atom: true,
    content: 'block+',
    attrs: { n: { default: null }, type: { default: null }, id: { default: null }, xml },
    parseDOM: [
      {
        tag: 'span.tei-note',
        getAttrs: (dom) => ({
          n: (dom as PastedElement).getAttribute('data-n'),
          type: (dom as PastedElement).getAttribute('data-type'),
        }),
      },
    ],
    toDOM: (node) => [
      'span',
      {
        class: 'tei-note',
        'data-n': (node.attrs['n'] as string | null) ?? '',
        'data-type': (node.attrs['type'] as string | null) ?? '',
      },
      0,
    ],
  },

  /**
   * An inline TEI element the schema does not model and that holds no text
   * (`<milestone/>`, `<gap/>`, `<anchor/>`), or a comment/processing instruction
   * (name `#comment` / `#pi`, text in `text`).
   */
  teiInline: {
    group: 'inline',
    inline: true,
    atom: true,
    attrs: { name: {}, text: { default: null }, xml },
    parseDOM: [
      {
        tag: 'span.tei-inline',
        getAttrs: (dom) => ({ name: (dom as PastedElement).getAttribute('data-tei') ?? 'anchor' }),
      },
    ],
    toDOM: (node) => [
      'span',
      { ...tagAttrs(String(node.attrs['name'])), class: 'tei-inline', contenteditable: 'false' },
      `<${String(node.attrs['name'])}/>`,
    ],
  },
} satisfies Record<string, NodeSpec>;

/** Mention attributes kept in the DOM as data attributes, so that cut and paste keeps them. */
const MENTION_DATA = [
  ['when', 'data-when'],
  ['from', 'data-from'],
  ['to', 'data-to'],
  ['notBefore', 'data-not-before'],
  ['notAfter', 'data-not-after'],
  ['element', 'data-element'],
] as const;

/** An apparatus entry's sigla: a list of non-empty strings. RangeError otherwise (steps from a client are checked too). */
function checkSigla(value: unknown): void {
  if (!Array.isArray(value) || !value.every((s) => typeof s === 'string' && s !== '')) {
    throw new RangeError(`app sigla must be a list of non-empty strings, got ${JSON.stringify(value)}`);
  }
}

/** An apparatus entry's readings: `{ wit: string[], text: string, type: string | null }` each. */
function checkReadings(value: unknown): void {
  if (!Array.isArray(value)) throw new RangeError(`app readings must be a list, got ${JSON.stringify(value)}`);
  for (const r of value as unknown[]) {
    const o = r as { wit?: unknown; text?: unknown; type?: unknown } | null;
    if (
      typeof o !== 'object' ||
      o === null ||
      typeof o.text !== 'string' ||
      !(o.type === null || typeof o.type === 'string')
    ) {
      throw new RangeError(`an app reading must be { wit, text, type }, got ${JSON.stringify(r)}`);
    }
    checkSigla(o.wit);
  }
}

function hiMark(rend: string, tag: string): MarkSpec {
  return {
    attrs: { xml, nest },
    parseDOM: [{ tag }],
    toDOM: () => [tag, { 'data-rend': rend }, 0],
  };
}

/**
 * Mark order is nesting order: ProseMirror keeps a text's marks in this order and
 * the TEI writer nests coextensive marks the same way, outermost first. Names and
 * mentions come before highlighting because TEI (and FRUS) nest them that way
 * (`<persName><hi rend="italic">Grew</hi></persName>`); the other way round
 * is recorded in the marks' `nest` attribute.
 */
export const marks = {
  /**
   * An inline TEI element the schema does not model, holding text (`<persName>`,
   * `<gloss>`, `<seg>`, `<hi rend="underline">`...). Several may apply to the same
   * text, so it excludes nothing.
   */
  teiMark: {
    attrs: { name: {}, xml, nest },
    excludes: '',
    inclusive: false,
    parseDOM: [
      {
        tag: 'span.tei-mark',
        getAttrs: (dom) => ({ name: (dom as PastedElement).getAttribute('data-tei') ?? 'seg' }),
      },
    ],
    toDOM: (mark) => ['span', { ...tagAttrs(String(mark.attrs['name'])), class: 'tei-mark' }, 0],
  },
  /**
   * A mention of an entity of the project register: `<persName>`, `<placeName>`,
   * `<orgName>`, `<date>`, `<term>` or `<rs type="...">`. `kind` is 'person',
   * 'place', 'org', 'date', 'term' or a type the editor defined; `ref` is the
   * register entry's id (null while unlinked); a date carries its normalised value
   * in `when`, or `from`/`to`, or `notBefore`/`notAfter` (ISO 8601, null when
   * absent); `element` is the TEI element it came from or exports to (null: the
   * usual element for its kind). Mentions nest (a place inside an organisation's
   * name), so it excludes nothing.
   */
  mention: {
    attrs: {
      kind: {},
      ref: { default: null },
      when: { default: null },
      from: { default: null },
      to: { default: null },
      notBefore: { default: null },
      notAfter: { default: null },
      element: { default: null },
      xml,
      nest,
    },
    excludes: '',
    inclusive: false,
    parseDOM: [
      {
        tag: 'span.mention',
        getAttrs: (dom) => {
          const el = dom as PastedElement;
          // Date values and the element survive cut and paste inside the editor.
          const attrs: Record<string, string | null> = {
            kind: el.getAttribute('data-kind') ?? 'term',
            ref: el.getAttribute('data-ref') || null,
          };
          for (const [attr, data] of MENTION_DATA) attrs[attr] = el.getAttribute(data) || null;
          if (attrs['element'] !== null && !/^[A-Za-z_][\w.-]*$/.test(attrs['element'] ?? '')) attrs['element'] = null;
          return attrs;
        },
      },
    ],
    toDOM: (mark) => {
      const kind = String(mark.attrs['kind']);
      const ref = mark.attrs['ref'] as string | null;
      const dom: Record<string, string> = { class: 'mention', 'data-kind': kind, 'data-ref': ref ?? '' };
      for (const [attr, data] of MENTION_DATA) {
        const value = mark.attrs[attr] as string | null;
        if (value !== null) dom[data] = value;
      }
      return ['span', dom, 0];
    },
  },
  /** `<hi rend="italic">` */
  italic: hiMark('italic', 'em'),
  /** `<hi rend="bold">` */
  bold: hiMark('bold', 'strong'),
  /** `<hi rend="smallcaps">` */
  smallcaps: {
    attrs: { xml, nest },
    parseDOM: [{ tag: 'span.tei-smallcaps' }],
    toDOM: () => ['span', { class: 'tei-smallcaps' }, 0],
  },
  /** `<hi rend="superscript">` */
  superscript: hiMark('superscript', 'sup'),
  /**
   * An apparatus entry (TEI `<app>`) on its lemma: the marked text is the lemma (`<lem>`),
   * read by the witnesses in `wit` (sigla); `readings` are the other witnesses' readings
   * (`<rdg>`), each `{ wit: string[], text: string, type: string | null }` (text '' is an
   * omission); `type` is the entry's type, `note` an editor's note. Living in the text, an
   * entry follows its lemma through edits around it, and undo covers it. Entries do not
   * overlap (the mark excludes itself); nested `<app>` stays generic (see edition/apparatus).
   * Commands and rendering: edition/apparatus.
   */
  app: {
    attrs: {
      id: { default: null, validate: 'string|null' },
      type: { default: null, validate: 'string|null' },
      wit: { default: [], validate: checkSigla },
      readings: { default: [], validate: checkReadings },
      note: { default: null, validate: 'string|null' },
      xml,
      nest,
    },
    inclusive: false,
    parseDOM: [
      {
        tag: 'span.app-lemma',
        getAttrs: (dom) => {
          const el = dom as PastedElement;
          try {
            const data = JSON.parse(el.getAttribute('data-app') ?? '{}') as Record<string, unknown>;
            const attrs = {
              id: typeof data['id'] === 'string' ? data['id'] : null,
              type: typeof data['type'] === 'string' ? data['type'] : null,
              wit: data['wit'] ?? [],
              readings: data['readings'] ?? [],
              note: typeof data['note'] === 'string' ? data['note'] : null,
            };
            // Pasted HTML is untrusted: an entry that does not check out is not read.
            checkSigla(attrs.wit);
            checkReadings(attrs.readings);
            return attrs;
          } catch {
            return false;
          }
        },
      },
    ],
    toDOM: (mark) => {
      const { id, type, wit, readings, note } = mark.attrs as Record<string, unknown>;
      return [
        'span',
        {
          class: 'app-lemma',
          'data-app-id': String(id ?? ''),
          'data-app': JSON.stringify({ id, type, wit, readings, note }),
        },
        0,
      ];
    },
  },
  /**
   * The span of text a note is about (TEI `<note targetEnd="#anchor">` at the span's
   * start, `<anchor xml:id>` at its end). The note node stands right after its span
   * and is named by `note` (the note's `id`); `anchor` is the xml:id of the end
   * anchor read from TEI (null: the export derives one from the note's id); `start`,
   * when the TEI had the note after its span with `@target` + `@targetEnd`, the xml:id
   * of the start anchor (null: the `targetEnd`-only form).
   * Inclusive, so text typed at the span's end, just before its note, joins the span;
   * deleting the span's text leaves the note anchored at a point. Spans of different
   * notes may overlap, so it excludes nothing. Commands: edition/notes.
   */
  noteSpan: {
    attrs: {
      note: { validate: 'string' },
      anchor: { default: null, validate: 'string|null' },
      start: { default: null, validate: 'string|null' },
    },
    excludes: '',
    inclusive: true,
    parseDOM: [
      {
        tag: 'span.note-span',
        getAttrs: (dom) => {
          const note = (dom as PastedElement).getAttribute('data-note');
          return note ? { note } : false;
        },
      },
    ],
    toDOM: (mark) => ['span', { class: 'note-span', 'data-note': String(mark.attrs['note']) }, 0],
  },
} satisfies Record<string, MarkSpec>;

export type NodeName = keyof typeof nodes;
export type MarkName = keyof typeof marks;

const PM_ATTRS = 'data-pm-attrs';

/**
 * What the parse rules read of an element pasted into the editor: its attributes. The
 * element itself comes from the editor's DOM (renderer/); naming only this keeps
 * edition/ free of DOM types.
 */
interface PastedElement {
  getAttribute(name: string): string | null;
}
/** An XML qualified name (ASCII approximation, enough to refuse markup smuggled in a name). */
const XML_QNAME = /^[A-Za-z_][\w.-]*(:[A-Za-z_][\w.-]*)?$|^#(comment|pi)$/;

/**
 * Reads the attributes written by `withAttrTransfer` back from pasted HTML, keeping
 * only those the spec declares, and `xml` only as a list of string pairs: pasted
 * HTML is untrusted input.
 */
function readAttrs(dom: PastedElement, spec: NodeSpec | MarkSpec): Record<string, unknown> | null {
  const raw = dom.getAttribute(PM_ATTRS);
  if (raw === null || spec.attrs === undefined) return null;
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return null;
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return null;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(spec.attrs)) {
    const value = (data as Record<string, unknown>)[key];
    if (value === undefined) continue;
    if ((key === 'name' || key === 'element') && typeof value === 'string' && !XML_QNAME.test(value)) return null;
    if (key === 'xml') {
      const pairs =
        Array.isArray(value) &&
        value.every((p) => Array.isArray(p) && p.length === 2 && p.every((x) => typeof x === 'string'));
      if (!pairs) return null;
    }
    out[key] = value;
  }
  return out;
}

/**
 * Makes copy and paste inside the editor keep every attribute of a node or mark:
 * each rendered element carries its attributes as JSON, and each parse rule reads
 * them back before falling back to the rule's own reading of the DOM. One wrapper
 * for all specs, so a new node or mark gets it without writing it again.
 */
function withAttrTransfer<T extends NodeSpec | MarkSpec>(specs: Record<string, T>): Record<string, T> {
  const out: Record<string, T> = {};
  for (const [name, spec] of Object.entries(specs)) {
    const toDOM = spec.toDOM as ((x: never, inline: boolean) => unknown) | undefined;
    if (spec.attrs === undefined || Object.keys(spec.attrs).length === 0 || toDOM === undefined || !spec.parseDOM) {
      out[name] = spec;
      continue;
    }
    const wrappedToDOM = (x: { attrs: Record<string, unknown> }, inline: boolean) => {
      const result = toDOM(x as never, inline);
      if (!Array.isArray(result)) return result;
      const [tag, second, ...rest] = result as [string, unknown, ...unknown[]];
      const json = JSON.stringify(x.attrs);
      const isAttrs = typeof second === 'object' && second !== null && !Array.isArray(second);
      return isAttrs
        ? [tag, { ...(second as Record<string, unknown>), [PM_ATTRS]: json }, ...rest]
        : [tag, { [PM_ATTRS]: json }, ...(second === undefined ? [] : [second]), ...rest];
    };
    const parseDOM = spec.parseDOM.map((rule) => {
      if (!('tag' in rule) || rule.tag === undefined) return rule;
      const own = rule.getAttrs;
      return {
        ...rule,
        getAttrs: (dom: Parameters<NonNullable<typeof own>>[0]) => {
          const carried = readAttrs(dom as PastedElement, spec);
          if (carried !== null) {
            const fromRule = own ? own(dom) : null;
            if (fromRule === false) return false;
            return { ...(fromRule ?? {}), ...carried };
          }
          return own ? own(dom) : null;
        },
      };
    });
    out[name] = { ...spec, toDOM: wrappedToDOM, parseDOM } as T;
  }
  return out;
}

/** The schema every process uses. */
export const schema = new Schema<NodeName, MarkName>({
  nodes: withAttrTransfer<NodeSpec>(nodes) as typeof nodes,
  marks: withAttrTransfer<MarkSpec>(marks) as typeof marks,
});
