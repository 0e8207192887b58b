/**
 * A whole FRUS volume (frus1934v05, 639 documents) as a static edition, checked
 * file by file without a browser: every link names a file of the edition and an
 * element in it, the volume's cross-references (`<ref target="#pg_12">`) become
 * links, and every document is listed, searchable and numbered.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  buildHtmlEdition,
  decodePostings,
  type HtmlEdition,
  type SearchIndex,
} from '../../../edition/publish/html/index.ts';
import { editionFromTei } from '../../../edition/publish/model.ts';
import { importTei, type TeiImport } from '../../../edition/tei/index.ts';

const VOLUME = fileURLToPath(new URL('../../../../shared/corpus/frus/frus1934v05.xml', import.meta.url));

let imported: TeiImport;
let built: HtmlEdition;

beforeAll(() => {
  imported = importTei(readFileSync(VOLUME, 'utf8'), 'frus1934v05.xml');
  built = buildHtmlEdition(editionFromTei(imported));
});

/** Attribute values of a kind in an HTML page (the builder writes them double-quoted, escaped). */
function attributes(html: string, name: string): string[] {
  return [...html.matchAll(new RegExp(`\\s${name}="([^"]*)"`, 'g'))].map((m) =>
    m[1]!
      .replace(/&quot;/g, '"')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&'),
  );
}

describe('the frus1934v05 volume as a static edition', () => {
  it('has a page for every document, listed on the contents page in order', () => {
    expect(imported.documents.filter((d) => d.kind === 'document')).toHaveLength(639);
    expect(built.documentFiles).toHaveLength(imported.documents.length);
    const contents = built.files.get('index.html')!;
    const listed = attributes(contents, 'href').filter((h) => built.documentFiles.includes(h));
    expect(listed).toEqual(built.documentFiles);
  });

  it('has no link to a missing file or element', () => {
    const ids = new Map<string, Set<string>>();
    for (const [path, content] of built.files) {
      if (path.endsWith('.html')) ids.set(path, new Set(attributes(content, 'id')));
    }
    const broken: string[] = [];
    let links = 0;
    for (const [path, content] of built.files) {
      if (!path.endsWith('.html')) continue;
      for (const href of [
        ...attributes(content, 'href'),
        ...attributes(content, 'src'),
        ...attributes(content, 'data-href'),
      ]) {
        links++;
        const [file, fragment] = href.split('#') as [string, string | undefined];
        const target = file === '' ? path : file;
        if (!built.files.has(target)) broken.push(`${path}: ${href}`);
        else if (fragment !== undefined && !ids.get(target)?.has(decodeURIComponent(fragment)))
          broken.push(`${path}: ${href}`);
      }
    }
    expect(broken).toEqual([]);
    expect(links).toBeGreaterThan(10_000);
  });

  it("turns the volume's pointers to pages into links to the page where that page begins", () => {
    const refs = [...built.files.values()].flatMap((html) =>
      [...html.matchAll(/<a class="ref" href="([^"]*)">/g)].map((m) => m[1]!),
    );
    // The contents and the list of papers point to the pages of every document.
    expect(refs.length).toBeGreaterThan(1000);
    const toPage = refs.find((r) => r.endsWith('#pg_4'));
    expect(toPage).toBeDefined();
    expect(built.files.get(toPage!.split('#')[0]!)).toContain('id="pg_4"');
  });

  it('indexes every document for search', () => {
    const script = built.files.get('assets/search-index.js')!;
    const index = JSON.parse(script.slice(script.indexOf('{'), script.lastIndexOf('}') + 1)) as SearchIndex;
    expect(index.docs.map((d) => d[0])).toEqual(built.documentFiles);
    const coffee = index.terms.indexOf('coffee');
    expect(coffee).toBeGreaterThanOrEqual(0);
    const documents = decodePostings(index.post[coffee]!).map(([d]) => d);
    expect(documents.length).toBeGreaterThan(3);
    for (const d of documents) {
      expect(built.files.get(index.docs[d]![0])!.toLowerCase()).toContain('coffee');
    }
  });
});
