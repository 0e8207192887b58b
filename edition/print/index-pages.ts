/**
 * The index of persons, places and organisations at the end of the edition: its
 * entries from the pages (and lines) where the paginator found each mention, and its
 * HTML, laid out by the paginator as one more flow. Each locator links to its page.
 */
import { escapeHtml } from './apparatus.ts';
import type { PrintData } from './html.ts';
import type { IndexEntry } from './model.ts';

export type MentionRef = { page: number; line: number | null };

const HEADINGS: Record<IndexEntry['kind'], string> = {
  person: 'Index of persons',
  place: 'Index of places',
  org: 'Index of organisations',
};

/** Entries with at least one mention on a page, their references in page and line order. */
export function indexEntries(
  entities: PrintData['entities'],
  refsByEntity: ReadonlyArray<readonly MentionRef[]>,
): IndexEntry[] {
  return entities
    .map((e, i) => {
      const refs = (refsByEntity[i] ?? [])
        .filter((r) => r.page > 0)
        .sort((a, b) => a.page - b.page || (a.line ?? 0) - (b.line ?? 0));
      return {
        kind: e.kind,
        name: e.name,
        pages: [...new Set(refs.map((r) => r.page))],
        refs,
      };
    })
    .filter((e) => e.pages.length > 0);
}

// Chromium keeps same-document links in the PDF: a locator takes the reader to its page.
function link(page: number, label: string): string {
  return `<a class="loc" href="#page-${page}">${label}</a>`;
}

function locators(e: IndexEntry, withLines: boolean): string {
  if (!withLines) return e.pages.map((p) => link(p, String(p))).join(', ');
  const labels = new Map<string, string>();
  for (const r of e.refs) {
    const label = r.line === null ? String(r.page) : `${r.page}.${r.line}`;
    labels.set(label, link(r.page, label));
  }
  return [...labels.values()].join(', ');
}

/** The index as leaf blocks: a heading per kind, then "Name, 3, 5" (or "3.12, 5.4") by name. */
export function indexHtml(index: readonly IndexEntry[], withLines: boolean): string {
  let html = '';
  for (const kind of ['person', 'place', 'org'] as const) {
    const entries = index.filter((e) => e.kind === kind).sort((a, b) => a.name.localeCompare(b.name));
    if (entries.length === 0) continue;
    html += `<h2 class="blk heading unnum">${HEADINGS[kind]}</h2>`;
    for (const e of entries) html += `<div class="blk idx">${escapeHtml(e.name)}, ${locators(e, withLines)}</div>`;
  }
  return html;
}
