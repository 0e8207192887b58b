/**
 * The frame every page of the static edition shares: a strict Content-Security-Policy
 * (no inline script or style, nothing from elsewhere), the stylesheet and script
 * shipped in `assets/`, a header with the edition's title, the index pages and a
 * search box.
 */
import { escapeHtml } from '../../print/apparatus.ts';
import { MONTHS } from '../../plaintext/conventions.ts';
import type { EntityKind } from '../model.ts';

/** Allows only the edition's own files: blocks inline scripts, inline styles and anything remote. */
export const CONTENT_SECURITY_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
  "font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'";

export const ASSET_CSS = 'assets/edition.css';
export const ASSET_JS = 'assets/edition.js';
/**
 * The folder of the shipped fonts: their stylesheet `fonts.css`, which edition.css
 * imports, and the files it names. The Node side adds them (electron/publish), since
 * edition/ reads no files.
 */
export const ASSET_FONTS = 'assets/fonts';
export const SEARCH_INDEX_JS = 'assets/search-index.js';
export const INDEX_PAGE = 'index.html';
export const SEARCH_PAGE = 'search.html';

export const ENTITY_PAGES: ReadonlyArray<{
  kind: EntityKind;
  file: string;
  title: string;
}> = [
  { kind: 'person', file: 'persons.html', title: 'Persons' },
  { kind: 'place', file: 'places.html', title: 'Places' },
  { kind: 'org', file: 'organisations.html', title: 'Organisations' },
  { kind: 'term', file: 'terms.html', title: 'Terms' },
];

/** File names the document pages may not take. */
export const RESERVED_FILES: ReadonlySet<string> = new Set([
  INDEX_PAGE,
  SEARCH_PAGE,
  ...ENTITY_PAGES.map((p) => p.file),
]);

export interface PageFrame {
  editionTitle: string;
  language: string;
  /** Index pages that exist (those with entries), in header order. */
  entityPages: ReadonlyArray<{ file: string; title: string }>;
}

export interface PageOptions {
  title: string;
  /** A class on `body` that says which kind of page it is. */
  kind: 'index' | 'document' | 'entities' | 'search';
  /** Which header link is the current page. */
  current?: string;
  main: string;
  /** Scripts to load before the edition's own (the search index). */
  scripts?: string[];
}

/** A complete HTML page. */
export function page(frame: PageFrame, options: PageOptions): string {
  const nav = [{ file: INDEX_PAGE, title: 'Documents' }, ...frame.entityPages, { file: SEARCH_PAGE, title: 'Search' }]
    .map((l) =>
      l.file === options.current
        ? `<a href="${l.file}" aria-current="page">${escapeHtml(l.title)}</a>`
        : `<a href="${l.file}">${escapeHtml(l.title)}</a>`,
    )
    .join('');
  const scripts = [...(options.scripts ?? []), ASSET_JS]
    .map((src) => `<script src="${escapeHtml(src)}" defer></script>`)
    .join('\n');
  const title = options.title === frame.editionTitle ? options.title : `${options.title} · ${frame.editionTitle}`;
  return `<!DOCTYPE html>
<html lang="${escapeHtml(frame.language)}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(title)}</title>
<link rel="stylesheet" href="${ASSET_CSS}">
${scripts}
</head>
<body class="page-${options.kind}">
<header class="site">
<a class="site-title" href="${INDEX_PAGE}">${escapeHtml(frame.editionTitle)}</a>
<nav class="site-nav" aria-label="Edition">${nav}</nav>
<form class="quick-search" role="search" action="${SEARCH_PAGE}" hidden><input type="search" name="q" placeholder="Search the edition" aria-label="Search the edition"></form>
</header>
<main id="main">
${options.main}
</main>
<div id="popup" class="popup" role="dialog" aria-live="polite" hidden></div>
</body>
</html>
`;
}

/** "18 August 1938" for an ISO date (time dropped), else the text as given. */
export function displayDate(iso: string | null | undefined): string | null {
  if (!iso) return null;
  const m = /^(-?\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(iso);
  if (!m) return iso;
  const month = m[2] ? MONTHS[Number(m[2]) - 1] : undefined;
  if (!month) return m[1] ?? iso;
  return m[3] ? `${Number(m[3])} ${month} ${m[1]}` : `${month} ${m[1]}`;
}

/** Paragraphs of plain text (separated by blank lines) as HTML. */
export function paragraphs(text: string): string {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter((p) => p !== '')
    .map((p) => `<p>${escapeHtml(p)}</p>`)
    .join('\n');
}
