/**
 * The static HTML edition: `buildHtmlEdition(edition)` returns every file of a folder
 * that opens from disk (file://) or from any web server, as a map of relative path
 * to content. Nothing in it needs a server or loads anything from elsewhere:
 *
 *   index.html              title, introduction, witnesses, the list of documents
 *   <key>.html              one page per document: the reading text with page
 *                           markers in the margin, note call-outs and apparatus
 *                           lemmata that open popups, a witness switcher, the
 *                           notes and the apparatus listed below the text
 *   persons.html, places.html, organisations.html, terms.html
 *                           the entity indexes (only those with entries), each
 *                           occurrence linked
 *   search.html             search across the edition, in the browser
 *   assets/edition.css, assets/edition.js, assets/search-index.js
 *   assets/fonts/           the shipped fonts, which edition.css imports: added by
 *                           the Node side (electron/publish), which reads them
 *
 * Pages carry a Content-Security-Policy that allows only these files; the script
 * enhances pages that read fully without it (notes and apparatus are listed below
 * the text and linked).
 */
import { escapeHtml } from '../../print/apparatus.ts';
import { fold } from '../../entities/fold.ts';
import type { EntityKind, PublishDocument, PublishEdition, RegisterEntry } from '../model.ts';
import { EDITION_CSS, editionScript } from './assets.ts';
import {
  ASSET_CSS,
  ASSET_JS,
  ENTITY_PAGES,
  INDEX_PAGE,
  RESERVED_FILES,
  SEARCH_INDEX_JS,
  SEARCH_PAGE,
  displayDate,
  page,
  paragraphs,
  type PageFrame,
} from './pages.ts';
import { anchorOfXmlId, renderDocument, type EntityOccurrence, type RenderedDocument } from './render.ts';
import { buildSearchIndex, searchIndexScript } from './search.ts';
import { ASSET_FACSIMILE_JS, FACSIMILE_CSS, FACSIMILE_JS, facsimileAside } from './facsimile.ts';

export { decodePostings, type SearchIndex } from './search.ts';
export { CONTENT_SECURITY_POLICY } from './pages.ts';

/** An apparatus entry that could not be shown in its document. */
export interface HtmlRejected {
  document: number;
  index: number;
  reason: string;
}

export interface HtmlEdition {
  files: Map<string, string>;
  /** The file of each document, in the order given. */
  documentFiles: string[];
  rejected: HtmlRejected[];
}

interface IndexEntry {
  kind: EntityKind;
  anchor: string;
  name: string;
  description: string | null;
  occurrences: Array<{ document: number; occurrence: EntityOccurrence }>;
}

/** File names for the documents: their keys made safe, unique and clear of the edition's own pages. */
function documentFiles(documents: readonly PublishDocument[]): string[] {
  const used = new Set<string>(RESERVED_FILES);
  return documents.map((d, i) => {
    // A name starts with a letter, digit or underscore (electron/publish refuses others).
    const stem = (d.key ?? '').replace(/[^A-Za-z0-9_-]+/g, '_').replace(/^[-_]+|[-_]+$/g, '') || `doc-${i + 1}`;
    let file = `${stem}.html`;
    for (let k = 2; used.has(file.toLowerCase()); k++) file = `${stem}-${k}.html`;
    used.add(file.toLowerCase());
    return file;
  });
}

/**
 * `xml:id`s of page breaks and notes in every document that keep their id in the
 * page (see anchorOfXmlId), and the page each is in: pointers (`<ref target>`) to
 * them become links.
 */
function collectTargets(documents: readonly PublishDocument[], files: readonly string[]): Map<string, string> {
  const targets = new Map<string, string>();
  const add = (id: unknown, file: string): void => {
    // An id given twice (invalid TEI) points to its first element.
    if (typeof id === 'string' && anchorOfXmlId(id) !== null && !targets.has(id)) targets.set(id, file);
  };
  const visit = (node: unknown, file: string): void => {
    if (typeof node !== 'object' || node === null) return;
    const n = node as {
      type?: string;
      attrs?: Record<string, unknown>;
      content?: unknown[];
    };
    if (n.type === 'note') add(n.attrs?.['id'], file);
    if (n.type === 'pageBreak' && Array.isArray(n.attrs?.['xml'])) {
      for (const pair of n.attrs['xml'] as unknown[])
        if (Array.isArray(pair) && pair[0] === 'xml:id') add(pair[1], file);
    }
    if (Array.isArray(n.content)) for (const child of n.content) visit(child, file);
  };
  documents.forEach((d, i) => visit(d.doc, files[i]!));
  return targets;
}

function anchorFor(key: string, used: Set<string>): string {
  const stem = `x-${
    fold(key)
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 48) || 'entry'
  }`;
  let anchor = stem;
  for (let k = 2; used.has(anchor); k++) anchor = `${stem}-${k}`;
  used.add(anchor);
  return anchor;
}

function documentLabel(d: PublishDocument): string {
  return d.n ? `${d.n}. ${d.title}` : d.title;
}

function notesSection(rendered: RenderedDocument): string {
  if (rendered.notes.length === 0) return '';
  const items = rendered.notes
    .map(
      (n) =>
        `<li id="${escapeHtml(n.anchor)}" class="note" data-label="${escapeHtml(n.label)}">` +
        `<a class="note-back" href="#${escapeHtml(n.callAnchor)}" aria-label="Back to the text">${escapeHtml(n.label)}</a>` +
        `<div class="note-body">${n.body}</div></li>`,
    )
    .join('\n');
  return `<section class="notes" aria-labelledby="notes-h"><h2 id="notes-h">Notes</h2>\n<ol class="note-list">\n${items}\n</ol></section>`;
}

function apparatusSection(rendered: RenderedDocument): string {
  if (rendered.apparatus.length === 0) return '';
  const series = (['A', 'B'] as const)
    .map((s) => {
      const entries = rendered.apparatus.filter((a) => a.entry.series === s);
      if (entries.length === 0) return '';
      const items = entries
        .map(({ index, entry, anchor }) => {
          const readings = entry.readings
            .map((r) => {
              const text = r.text.trim() === '' ? '<i>om.</i>' : escapeHtml(r.text);
              const sigla = r.sigla.map((x) => escapeHtml(x)).join(' ');
              return `<span class="rdg" data-wit="${sigla}" data-text="${escapeHtml(r.text)}">${text} <span class="sig">${sigla}</span></span>`;
            })
            .join('<span class="rdg-sep"> : </span>');
          return (
            `<li id="app-${index}" class="app-entry" data-app="${index}" data-from="${entry.from}" data-to="${entry.to}">` +
            `<a class="app-lem" href="#${anchor}">${escapeHtml(entry.lemma)}</a>] ${readings}</li>`
          );
        })
        .join('\n');
      return `<ol class="app-series" data-series="${s}" aria-label="Apparatus, series ${s}">\n${items}\n</ol>`;
    })
    .join('\n');
  return `<section class="apparatus" aria-labelledby="app-h"><h2 id="app-h">Apparatus</h2>\n${series}</section>`;
}

/** A select to read the text of one witness in place of the lemmata. */
function witnessSwitcher(edition: PublishEdition, rendered: RenderedDocument): string {
  const sigla = new Set(rendered.apparatus.flatMap((a) => a.entry.readings.flatMap((r) => r.sigla)));
  const witnesses = edition.witnesses.filter((w) => sigla.has(w.siglum));
  if (witnesses.length === 0) return '';
  const options = witnesses
    .map(
      (w) => `<option value="${escapeHtml(w.siglum)}">${escapeHtml(w.siglum)}: ${escapeHtml(w.description)}</option>`,
    )
    .join('');
  return (
    `<div class="witness-switcher" hidden><label for="witness">Read the text of</label> ` +
    `<select id="witness"><option value="">the edited text</option>${options}</select></div>`
  );
}

function documentPage(
  frame: PageFrame,
  edition: PublishEdition,
  index: number,
  files: readonly string[],
  rendered: RenderedDocument,
): string {
  const d = edition.documents[index]!;
  const prev =
    index > 0
      ? `<a class="prev" rel="prev" href="${files[index - 1]}">← ${escapeHtml(documentLabel(edition.documents[index - 1]!))}</a>`
      : '<span></span>';
  const next =
    index + 1 < files.length
      ? `<a class="next" rel="next" href="${files[index + 1]}">${escapeHtml(documentLabel(edition.documents[index + 1]!))} →</a>`
      : '<span></span>';
  const pages =
    // Where the first page is not known (no page break before the text), no range is given.
    rendered.firstPage === null
      ? null
      : rendered.lastPage === null || rendered.lastPage === rendered.firstPage
        ? rendered.firstPage
        : `${rendered.firstPage}–${rendered.lastPage}`;
  const facts = [
    d.n ? `Document ${escapeHtml(d.n)}` : null,
    d.meta?.date
      ? `<time datetime="${escapeHtml(d.meta.date)}">${escapeHtml(displayDate(d.meta.date) ?? '')}</time>`
      : null,
    pages === null ? null : `${pages.includes('–') ? 'pp.' : 'p.'} ${escapeHtml(pages)}`,
  ].filter((x) => x !== null);

  const main =
    `<nav class="doc-nav" aria-label="Documents">${prev}${next}</nav>\n` +
    `<article class="doc" id="text" lang="${escapeHtml(frame.language)}">\n` +
    (facts.length > 0 ? `<p class="doc-facts">${facts.join(' · ')}</p>\n` : '') +
    witnessSwitcher(edition, rendered) +
    (rendered.hasTitle ? '' : `<h1 class="head">${escapeHtml(d.title)}</h1>`) +
    `<div class="text">${rendered.body}</div>\n</article>\n` +
    notesSection(rendered) +
    apparatusSection(rendered);
  const aside = facsimileAside(d.facsimile ?? []);
  if (aside === '') return page(frame, { title: documentLabel(d), kind: 'document', main });
  return page(frame, {
    title: documentLabel(d),
    kind: 'document',
    main: `<div class="with-facsimile"><div class="reading">${main}</div>\n${aside}</div>`,
    scripts: [ASSET_FACSIMILE_JS],
  });
}

function indexPage(frame: PageFrame, edition: PublishEdition, files: readonly string[]): string {
  const groups: Array<{ kind: 'front' | 'document' | 'back'; title: string }> = [
    { kind: 'front', title: 'Front matter' },
    { kind: 'document', title: 'Documents' },
    { kind: 'back', title: 'Back matter' },
  ];
  const lists = groups
    .map((g) => {
      const items = edition.documents
        .map((d, i) => ({ d, i }))
        .filter(({ d }) => (d.kind ?? 'document') === g.kind)
        .map(({ d, i }) => {
          const n = `<span class="n">${d.n ? `${escapeHtml(d.n)}.` : ''}</span>`;
          const date = displayDate(d.meta?.date);
          return `<li>${n}<a href="${files[i]}">${escapeHtml(d.title)}</a> <span class="date">${escapeHtml(date ?? '')}</span></li>`;
        });
      if (items.length === 0) return '';
      return `<section class="toc" aria-label="${g.title}"><h2>${g.title}</h2>\n<ol class="doc-list">\n${items.join('\n')}\n</ol></section>`;
    })
    .join('\n');
  const witnesses =
    edition.witnesses.length === 0
      ? ''
      : `<section class="witnesses"><h2>Witnesses</h2><dl>${edition.witnesses
          .map((w) => `<dt>${escapeHtml(w.siglum)}</dt><dd>${escapeHtml(w.description)}</dd>`)
          .join('')}</dl></section>`;
  const main =
    `<h1 class="edition-title">${escapeHtml(edition.title)}</h1>\n` +
    (edition.subtitle ? `<p class="subtitle">${escapeHtml(edition.subtitle)}</p>\n` : '') +
    (edition.introduction ? `<section class="introduction">${paragraphs(edition.introduction)}</section>\n` : '') +
    witnesses +
    lists;
  return page(frame, {
    title: edition.title,
    kind: 'index',
    current: INDEX_PAGE,
    main,
  });
}

function entityPage(
  frame: PageFrame,
  edition: PublishEdition,
  files: readonly string[],
  spec: { file: string; title: string },
  entries: IndexEntry[],
): string {
  const sorted = [...entries].sort((a, b) => {
    const x = fold(a.name);
    const y = fold(b.name);
    return x < y ? -1 : x > y ? 1 : 0;
  });
  const items = sorted
    .map((e) => {
      const byDoc = new Map<number, EntityOccurrence[]>();
      for (const { document, occurrence } of e.occurrences) {
        const list = byDoc.get(document) ?? [];
        list.push(occurrence);
        byDoc.set(document, list);
      }
      const docs = [...byDoc]
        .map(([doc, occurrences]) => {
          const links = occurrences
            .map((o, k) => {
              const label = o.page ? `p. ${escapeHtml(o.page)}` : occurrences.length === 1 ? 'text' : String(k + 1);
              return `<a href="${files[doc]}#${o.anchor}">${label}</a>`;
            })
            .join(', ');
          return `<li><span class="in-doc">${escapeHtml(documentLabel(edition.documents[doc]!))}</span>: ${links}</li>`;
        })
        .join('');
      const description = e.description ? ` <span class="desc">${escapeHtml(e.description)}</span>` : '';
      const count = e.occurrences.length === 1 ? '1 occurrence' : `${e.occurrences.length} occurrences`;
      return `<li class="entry" id="${e.anchor}"><span class="name">${escapeHtml(e.name)}</span>${description} <span class="count">${count}</span><ul class="where">${docs}</ul></li>`;
    })
    .join('\n');
  const main = `<h1>${escapeHtml(spec.title)}</h1>\n<ol class="entity-list">\n${items}\n</ol>`;
  return page(frame, {
    title: spec.title,
    kind: 'entities',
    current: spec.file,
    main,
  });
}

function searchPage(frame: PageFrame): string {
  const main =
    `<h1>Search</h1>\n<form class="search-form" role="search" action="${SEARCH_PAGE}">` +
    `<input id="q" type="search" name="q" autocomplete="off" placeholder="Words to find" aria-label="Words to find"></form>\n` +
    `<p id="search-status" class="search-status" aria-live="polite">The search needs JavaScript.</p>\n` +
    `<ol id="results" class="results"></ol>`;
  return page(frame, {
    title: 'Search',
    kind: 'search',
    current: SEARCH_PAGE,
    main,
    scripts: [SEARCH_INDEX_JS],
  });
}

/**
 * Builds the whole static edition. Throws a RangeError for a document whose JSON
 * does not fit the schema. Apparatus entries that cannot be placed (positions
 * outside the text or inside a note) are listed in `rejected`.
 */
export function buildHtmlEdition(edition: PublishEdition): HtmlEdition {
  const files = documentFiles(edition.documents);
  const targets = collectTargets(edition.documents, files);
  const fileByKey = new Map<string, string>();
  edition.documents.forEach((d, i) => {
    if (d.key && !fileByKey.has(d.key)) fileByKey.set(d.key, files[i]!);
  });
  const register = new Map<string, RegisterEntry>();
  for (const r of edition.register ?? []) register.set(r.kind ? `${r.kind}\u0000${r.id}` : r.id, r);
  const entries = new Map<string, IndexEntry>();
  const usedAnchors = new Set<string>();
  const pageOf = new Map(ENTITY_PAGES.map((p) => [p.kind, p.file]));

  let current = 0;
  const context = {
    resolve(target: string): string | null {
      const m = /^#([^\s#]+)$/.exec(target.trim());
      if (!m) return null;
      const id = m[1]!;
      const docFile = fileByKey.get(id);
      if (docFile) return docFile;
      const file = targets.get(id);
      if (!file) return null;
      return `${file === files[current] ? '' : file}#${encodeURIComponent(id)}`;
    },
    entityHref(occurrence: EntityOccurrence): string {
      const { kind, ref, text } = occurrence;
      const key = `${kind}\u0000${ref ?? `\u0001${fold(text).replace(/\s+/g, ' ')}`}`;
      let entry = entries.get(key);
      if (!entry) {
        const known = ref === null ? undefined : (register.get(`${kind}\u0000${ref}`) ?? register.get(ref));
        entry = {
          kind,
          anchor: anchorFor(ref ?? text, usedAnchors),
          name: known?.name ?? (text || ref || '?'),
          description: known?.description ?? null,
          occurrences: [],
        };
        entries.set(key, entry);
      }
      entry.occurrences.push({ document: current, occurrence });
      return `${pageOf.get(kind)}#${entry.anchor}`;
    },
  };

  const rejected: HtmlRejected[] = [];
  // A volume's pages run on: a document starts on the page where the one before ended.
  let page: string | null = null;
  const rendered = edition.documents.map((d, i) => {
    current = i;
    const r = renderDocument(d.doc, d.apparatus, i, context, page);
    page = r.lastPage;
    for (const x of r.rejected) rejected.push({ document: i, index: x.index, reason: x.reason });
    return r;
  });

  const byKind = new Map<EntityKind, IndexEntry[]>();
  for (const e of entries.values()) {
    if (e.occurrences.length === 0) continue;
    const list = byKind.get(e.kind) ?? [];
    list.push(e);
    byKind.set(e.kind, list);
  }
  const entityPages = ENTITY_PAGES.filter((p) => byKind.has(p.kind));
  const frame: PageFrame = {
    editionTitle: edition.title,
    language: edition.language ?? 'en',
    entityPages,
  };

  const out = new Map<string, string>();
  out.set(INDEX_PAGE, indexPage(frame, edition, files));
  rendered.forEach((r, i) => out.set(files[i]!, documentPage(frame, edition, i, files, r)));
  for (const spec of entityPages)
    out.set(spec.file, entityPage(frame, edition, files, spec, byKind.get(spec.kind) ?? []));
  out.set(SEARCH_PAGE, searchPage(frame));
  const facsimiles = edition.documents.some((d) => (d.facsimile ?? []).length > 0);
  out.set(ASSET_CSS, facsimiles ? EDITION_CSS + FACSIMILE_CSS : EDITION_CSS);
  if (facsimiles) out.set(ASSET_FACSIMILE_JS, FACSIMILE_JS);
  const { index, fold: foldTable } = buildSearchIndex(
    edition.documents.map((d, i) => ({
      href: files[i]!,
      title: documentLabel(d),
      n: d.n ?? null,
      date: displayDate(d.meta?.date),
      text: rendered[i]!.text,
      lead: rendered[i]!.lead,
    })),
  );
  out.set(ASSET_JS, editionScript(foldTable));
  out.set(SEARCH_INDEX_JS, searchIndexScript(index));
  return { files: out, documentFiles: files, rejected };
}
