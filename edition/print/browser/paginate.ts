/**
 * The paginator that runs inside the print page (Chromium: Playwright for the
 * command line and tests, a hidden Electron window in the app). It takes the HTML
 * of html.ts, already laid out once in columns of the text width, and
 *
 *  1. reads each leaf block's line boxes from its text (`Range.getClientRects`),
 *  2. finds the line of every note call, lemma and entity name,
 *  3. fills pages line by line, measuring the page's footnotes and apparatus as
 *     each line adds some, and ends the page at the first line that no longer fits,
 *  4. renders each page as a clip window onto that layout (clones of the blocks it
 *     shows, at their measured offsets, so the line breaks are the measured ones),
 *  5. checks on the rendered pages that every call and lemma is visible on the page
 *     whose foot prints its entry, and reports any that is not.
 *
 * It touches no DOM global: the page's `Document` is passed in. This folder is the only
 * DOM code of edition/ (a lint rule keeps it so); esbuild bundles it for the browser
 * (electron/build*.mjs, or electron/pdf/page.ts from the sources) into a script that
 * exposes `SiglumPrint.paginate`.
 */
import { formatApparatusSeries, lineLabel, escapeHtml, type FootApparatusEntry } from '../apparatus.ts';
import { footEstimator, type AppRef, type NoteRef } from './foot.ts';
import { anchorLocator, lineAt, readLines } from './geometry.ts';
import { indexEntries, indexHtml } from '../index-pages.ts';
import { checkPages } from './verify.ts';
import { dropUnusedSoftHyphens } from './softHyphens.ts';
import type { PrintData } from '../html.ts';
import type { LayoutConfig } from '../layoutConfig.ts';
import type { LayoutReport, PageSummary } from '../model.ts';

type FlowKind = 'front' | 'text' | 'index';

/** The summary of a page without lines (title, page image, blank). */
function pageSummary(number: number, kind: PageSummary['kind'], document: number | null): PageSummary {
  return { number, kind, document, firstLine: null, lastLine: null, lineCount: 0, notes: [], apparatus: [] };
}

/** Lays out and renders every page; returns what went where. */
export function paginate(doc: Document, config: LayoutConfig): LayoutReport {
  const dataEl = doc.getElementById('print-data');
  const sources = doc.getElementById('sources');
  const pagesEl = doc.getElementById('pages');
  if (!dataEl || !sources || !pagesEl) throw new Error('The print page lacks #print-data, #sources or #pages');
  const data = JSON.parse(dataEl.textContent ?? '{}') as PrintData;
  const range = doc.createRange();
  const anchorY = anchorLocator(doc, range);
  const clock = (): number => doc.defaultView?.performance.now() ?? 0;
  const timings: Record<string, number> = {
    lines: 0,
    anchors: 0,
    fill: 0,
    render: 0,
    verify: 0,
  };
  let mark = clock();
  const lap = (phase: string): void => {
    const now = clock();
    timings[phase] = (timings[phase] ?? 0) + now - mark;
    mark = now;
  };

  const noteHtml = new Map<string, string>();
  for (const fn of Array.from(doc.querySelectorAll('#fn-store .fn'))) {
    noteHtml.set(fn.getAttribute('data-note') ?? '', fn.outerHTML);
  }
  /** A foot's HTML as measured, with the soft hyphens that end no line taken out. */
  const footPrinted = new Map<string, string>();
  const measurer = doc.createElement('div');
  measurer.className = 'foot measurer';
  sources.appendChild(measurer);

  const summaries: PageSummary[] = [];
  const pending: Array<() => void> = [];
  const entityRefs = data.entities.map((): Array<{ page: number; line: number | null }> => []);
  let pageNo = 0;

  const newPage = (kind: PageSummary['kind'], head: string): HTMLElement => {
    pageNo++;
    const page = doc.createElement('div');
    const side = pageNo % 2 === 1 ? 'recto' : 'verso';
    page.className = `page ${kind} ${side}`;
    page.setAttribute('data-page', String(pageNo));
    page.id = `page-${pageNo}`;
    if (kind !== 'title' && kind !== 'blank') {
      const running = config.alternateHeads && side === 'verso' ? doc.title : head;
      page.innerHTML =
        (kind === 'facsimile' ? '' : `<div class="rh">${escapeHtml(running)}</div>`) +
        `<div class="folio">${pageNo}</div>`;
    }
    return page;
  };

  /** A page with nothing printed on it, not even its number, rendered in page order. */
  const planBlank = (): void => {
    const page = newPage('blank', '');
    summaries.push(pageSummary(pageNo, 'blank', null));
    pending.push(() => pagesEl.appendChild(page));
  };

  /**
   * Page image `k` of `data.pageImages` on a verso of its own (after a blank recto when
   * the next page would be one), scaled to the text block with room for its label
   * below, keeping its proportions. The `<img>` is moved from `#facs-store`, so its
   * data is decoded once.
   */
  const planFacsimile = (k: number, document: number | null): void => {
    const info = data.pageImages[k];
    const img = doc.querySelector<HTMLImageElement>(`#facs-store img[data-facs="${k}"]`);
    if (!info || !img || info.width <= 0 || info.height <= 0) return;
    if ((pageNo + 1) % 2 === 1) planBlank();
    const page = newPage('facsimile', '');
    const scale = Math.min(config.textW / info.width, (config.textH - 2 * config.leading) / info.height);
    img.style.width = `${info.width * scale}px`;
    img.style.height = `${info.height * scale}px`;
    const figure = doc.createElement('div');
    figure.className = 'facs';
    figure.appendChild(img);
    if (info.label !== '') {
      const label = doc.createElement('div');
      label.className = 'facs-label';
      label.textContent = info.label;
      figure.appendChild(label);
    }
    page.appendChild(figure);
    summaries.push(pageSummary(pageNo, 'facsimile', document));
    pending.push(() => pagesEl.appendChild(page));
  };

  // --- one flow -----------------------------------------------------------------

  /**
   * A flow holds one document, or several run on (each in an element with `data-doc`
   * and `data-head`); the running head is that of the document a page begins in.
   */
  const paginateFlow = (section: HTMLElement, kind: FlowKind, flowHead: string): void => {
    // Only a soft hyphen where a line breaks belongs in the PDF's text; the lines are
    // measured after the others are gone, so what is measured is what prints.
    dropUnusedSoftHyphens(section, range);
    const { origin, blocks, boxes, lines, heads } = readLines(
      doc,
      range,
      section,
      kind === 'text',
      flowHead,
      config.leading,
    );
    lap('lines');
    if (lines.length === 0) return;

    const notesAt = new Map<number, NoteRef[]>();
    const appAt = new Map<number, AppRef[]>();
    const push = <T>(map: Map<number, T[]>, k: number, v: T): void => {
      const list = map.get(k);
      if (list) list.push(v);
      else map.set(k, [v]);
    };
    const parseId = (id: string): [number, number] => {
      const [d, k] = id.split('-');
      return [Number(d), Number(k)];
    };
    for (const call of Array.from(section.querySelectorAll('sup.call'))) {
      const y = anchorY(call, false, origin.top);
      if (y === null) continue;
      const id = call.getAttribute('data-note') ?? '';
      const [d, k] = parseId(id);
      push(notesAt, lineAt(lines, y), { id, document: d, index: k });
    }
    const ends = new Map<string, number>();
    for (const end of Array.from(section.querySelectorAll('.ae'))) {
      const y = anchorY(end, false, origin.top);
      if (y !== null) ends.set(end.getAttribute('data-app') ?? '', lineAt(lines, y));
    }
    Array.from(section.querySelectorAll('.as')).forEach((start, order) => {
      const id = start.getAttribute('data-app') ?? '';
      const [d, k] = parseId(id);
      const entry = data.documents[d]?.apparatus[k];
      const y = anchorY(start, true, origin.top);
      if (!entry || y === null) return;
      const line = lineAt(lines, y);
      const end = Math.max(line, ends.get(id) ?? line);
      push(appAt, line, {
        id,
        document: d,
        index: k,
        series: entry.series,
        start: line,
        end,
        order,
      });
    });
    const entityLines: Array<[number, number]> = [];
    for (const ent of Array.from(section.querySelectorAll('.ent'))) {
      const r = ent.getClientRects()[0];
      if (r)
        entityLines.push([Number(ent.getAttribute('data-ent')), lineAt(lines, (r.top + r.bottom) / 2 - origin.top)]);
    }

    lap('anchors');
    const lineNumber = (k: number, pageStart: number): number | null => {
      const line = lines[k];
      if (!line || !line.numbered) return null;
      // Per page: count from the page's first line (a document beginning mid-page
      // does not restart it, so no label repeats on a page); per document or
      // section: from its first line.
      const base =
        config.lineNumberRestart === 'page'
          ? lines[pageStart]!.ord
          : config.lineNumberRestart === 'document'
            ? line.docOrd
            : line.secOrd;
      return line.ord - base + 1;
    };
    /** An entry's label on the page of lines s..e (e null while the page is open). */
    const appLabel = (a: AppRef, s: number, e: number | null): string => {
      const start = lineNumber(a.start, s);
      const end = lineNumber(a.end, s);
      // A lemma that runs into the next section or document continues there: "12 ff.".
      const runsOn = (e !== null && a.end >= e) || (start !== null && end !== null && end < start);
      return lineLabel(start, end, runsOn);
    };

    const footHtml = (notes: NoteRef[], app: AppRef[], s: number, e: number | null): string => {
      if (notes.length === 0 && app.length === 0) return '';
      let html = '<div class="foot-rule"></div>';
      for (const n of notes) html += noteHtml.get(n.id) ?? '';
      for (const series of ['A', 'B'] as const) {
        const entries = app.filter((a) => a.series === series).sort((a, b) => a.start - b.start || a.order - b.order);
        if (entries.length === 0) continue;
        const foot: FootApparatusEntry[] = entries.map((a) => {
          const entry = data.documents[a.document]!.apparatus[a.index]!;
          return {
            label: appLabel(a, s, e),
            line: a.start,
            lemma: entry.lemma,
            readings: entry.readings,
          };
        });
        html += `<p class="app app-${series}">${formatApparatusSeries(foot)}</p>`;
      }
      return html;
    };
    const measure = (html: string): number => {
      if (html === '') return 0;
      measurer.innerHTML = html;
      // As in the text: the foot keeps only the soft hyphens that end its lines, and prints as measured.
      dropUnusedSoftHyphens(measurer, range);
      footPrinted.set(html, measurer.innerHTML);
      return measurer.getBoundingClientRect().height;
    };

    const top = (s: number): number =>
      s === 0
        ? lines[0]!.top - config.pad
        : Math.max((lines[s - 1]!.bottom + lines[s]!.top) / 2, lines[s]!.top - config.pad);
    const bottom = (e: number): number =>
      e === lines.length
        ? lines[e - 1]!.bottom + config.pad
        : Math.min((lines[e - 1]!.bottom + lines[e]!.top) / 2, lines[e - 1]!.bottom + config.pad);

    const estimate = footEstimator(
      measurer,
      noteHtml,
      data,
      config,
      [...notesAt.values()].flat(),
      [...appAt.values()].flat(),
    );
    const fits = (s: number, e: number, footH: number): boolean =>
      e <= s + 1 || bottom(e) - top(s) + (footH > 0 ? config.footGap + footH : 0) <= config.textH;
    const lineOfNote = new Map<string, number>();
    for (const [k, list] of notesAt) for (const n of list) lineOfNote.set(n.id, k);

    // The lines where a page's transcription begins, with the page images printed opposite.
    const facsAt = new Map<number, number[]>();
    for (const pb of Array.from(section.querySelectorAll('.pb[data-facs]'))) {
      const y = anchorY(pb, true, origin.top);
      if (y !== null) push(facsAt, lineAt(lines, y), Number(pb.getAttribute('data-facs')));
    }

    const linePage: number[] = new Array<number>(lines.length).fill(0);
    const lineNumbers: Array<number | null> = new Array<number | null>(lines.length).fill(null);
    let s = 0;
    while (s < lines.length) {
      const notes: NoteRef[] = [];
      const app: AppRef[] = [];
      let footH = 0;
      let e = s;
      const y0 = top(s);
      while (e < lines.length) {
        // A page's transcription begins a recto: the page before ends here.
        if (e > s && facsAt.has(e)) break;
        const bodyH = lines[e]!.bottom + config.pad - y0;
        const addNotes = notesAt.get(e) ?? [];
        const addApp = appAt.get(e) ?? [];
        let candidate = footH;
        if (addNotes.length > 0 || addApp.length > 0) {
          const nextNotes = [...notes, ...addNotes];
          const nextApp = [...app, ...addApp];
          // An upper bound decides most lines; the foot is laid out only near the page's end.
          candidate = estimate(nextNotes, nextApp);
          if (bodyH + config.footGap + candidate > config.textH)
            candidate = measure(footHtml(nextNotes, nextApp, s, null));
        }
        const total = bodyH + (candidate > 0 ? config.footGap + candidate : 0);
        if (total > config.textH && e > s) break;
        notes.push(...addNotes);
        app.push(...addApp);
        footH = candidate;
        e++;
      }
      // A heading does not end a page: it moves to the next one with its text. Nor
      // does a paragraph's first line end one (orphan), or its last line begin the
      // next (widow): a line moves over with it.
      if (e < lines.length && !facsAt.has(e)) {
        let back = e;
        while (back > s && lines[back - 1]!.keepWithNext) back--;
        if (back > s && back < e) e = back;
        const block = (k: number): number => lines[k]?.block ?? -1;
        if (e - s > 4 && block(e) === block(e - 1) && block(e + 1) !== block(e)) e--;
        if (e - s > 4 && block(e) === block(e - 1) && block(e - 2) !== block(e - 1)) e--;
      }
      // The final foot, laid out with its real line labels: if it is taller than the
      // estimate allowed for, lines (and their entries) go to the next page.
      for (;;) {
        const keptNotes = notes.filter((n) => (lineOfNote.get(n.id) ?? 0) < e);
        const keptApp = app.filter((a) => a.start < e);
        notes.splice(0, notes.length, ...keptNotes);
        app.splice(0, app.length, ...keptApp);
        if (fits(s, e, measure(footHtml(notes, app, s, e)))) break;
        e--;
      }
      for (const k of facsAt.get(s) ?? []) planFacsimile(k, lines[s]!.doc);
      planPage(s, e, notes, app);
      s = e;
    }

    /**
     * Takes the page's number now and renders it once every flow is filled, so that
     * measuring the foot never lays out pages already made.
     */
    function planPage(s: number, e: number, notes: NoteRef[], app: AppRef[]): void {
      const page = newPage(kind, heads.get(lines[s]!.doc) ?? flowHead);
      for (let k = s; k < e; k++) {
        linePage[k] = pageNo;
        lineNumbers[k] = lineNumber(k, s);
      }
      const number = pageNo;
      pending.push(() => renderPage(page, number, s, e, notes, app));
    }

    function renderPage(
      page: HTMLElement,
      pageNumber: number,
      s: number,
      e: number,
      notes: NoteRef[],
      app: AppRef[],
    ): void {
      const y0 = top(s);
      const y1 = bottom(e);
      const body = doc.createElement('div');
      body.className = 'body col';
      body.style.height = `${y1 - y0}px`;
      let html = '';
      let lastBlock = -1;
      for (let k = s; k < e; k++) {
        const bi = lines[k]!.block;
        if (bi === lastBlock) continue;
        lastBlock = bi;
        const box = boxes[bi]!;
        const clone = blocks[bi]!.cloneNode(true) as HTMLElement;
        clone.style.cssText = `position:absolute;margin:0;top:${box.top - y0}px;left:${box.left}px;width:${box.width}px`;
        body.appendChild(clone);
      }
      page.appendChild(body);

      let numbered = 0;
      let first: number | null = null;
      let last: number | null = null;
      for (let k = s; k < e; k++) {
        const n = lineNumber(k, s);
        if (n === null) continue;
        numbered++;
        first ??= n;
        last = n;
        if (n % config.lineNumberInterval !== 0) continue;
        const line = lines[k]!;
        const h = line.bottom - line.top;
        html += `<div class="ln" style="top:${config.marginTop + line.top - y0}px;height:${h}px;line-height:${h}px"><span>${n}</span></div>`;
      }
      const built = footHtml(notes, app, s, e);
      if (built !== '' && !footPrinted.has(built)) measure(built);
      const foot = footPrinted.get(built) ?? built;
      if (foot !== '') html += `<div class="foot">${foot}</div>`;
      page.insertAdjacentHTML('beforeend', html);
      pagesEl!.appendChild(page);
      summaries.push({
        number: pageNumber,
        kind,
        document: lines[s]!.doc,
        firstLine: first,
        lastLine: last,
        lineCount: numbered,
        notes: notes.map((n) => ({
          document: n.document,
          index: n.index,
          mark: data.documents[n.document]?.notes[n.index]?.mark ?? '',
        })),
        apparatus: app
          .slice()
          .sort((a, b) => a.start - b.start || a.order - b.order)
          .map((a) => ({
            document: a.document,
            index: a.index,
            label: appLabel(a, s, e),
          })),
      });
    }

    for (const [entity, line] of entityLines)
      entityRefs[entity]?.push({
        page: linePage[line] ?? 0,
        line: lineNumbers[line] ?? null,
      });
    lap('fill');
  };

  // --- the edition ------------------------------------------------------------

  const titleSource = sources.querySelector('.titlepage');
  if (titleSource) {
    const page = newPage('title', '');
    pagesEl.appendChild(page);
    page.innerHTML = `<div class="tp">${titleSource.innerHTML}</div>`;
    summaries.push(pageSummary(pageNo, 'title', null));
  }
  for (const section of Array.from(sources.querySelectorAll<HTMLElement>('section.flow'))) {
    const kind = section.getAttribute('data-kind') === 'text' ? 'text' : 'front';
    paginateFlow(section, kind, section.getAttribute('data-head') ?? '');
  }

  const index = indexEntries(data.entities, entityRefs);
  if (config.index && index.length > 0) {
    const html = indexHtml(index, config.indexLines);
    const section = doc.createElement('section');
    section.className = 'flow col';
    section.innerHTML = html;
    sources.appendChild(section);
    paginateFlow(section, 'index', 'Index');
  }

  for (const render of pending) render();
  summaries.sort((a, b) => a.number - b.number);
  lap('render');

  // --- check the rendered pages ---------------------------------------------------

  // The measured layout has served; without it the pages lay out faster.
  sources.remove();

  const { placed, misplaced } = checkPages(
    Array.from(pagesEl.querySelectorAll<HTMLElement>('.page')),
    summaries,
    data,
    anchorY,
  );

  lap('verify');
  return {
    pages: pageNo,
    placed,
    misplaced,
    pageSummaries: summaries,
    index,
    timings,
  };
}
