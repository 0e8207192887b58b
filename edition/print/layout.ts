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
 * It touches no DOM global: the page's `Document` is passed in. Bundled with esbuild
 * at run time (electron/pdf) into a script that exposes `SiglumPrint.paginate`.
 */
import {
  formatApparatusSeries,
  lineLabel,
  escapeHtml,
  type FootApparatusEntry,
} from "./apparatus.ts";
import type { PrintData } from "./html.ts";
import type {
  IndexEntry,
  LayoutReport,
  Misplaced,
  PageSummary,
  ResolvedPrintSettings,
} from "./model.ts";

/** Geometry in CSS px (96 per inch) and numbering rules the paginator needs. */
export interface LayoutConfig {
  pageW: number;
  pageH: number;
  marginTop: number;
  marginLeft: number;
  textW: number;
  textH: number;
  /** Space between the last text line and the foot's rule. */
  footGap: number;
  /** Extra room above and below a line's glyph boxes inside its clip window. */
  pad: number;
  /** Baseline-to-baseline distance of the text. */
  leading: number;
  lineNumberInterval: number;
  lineNumberRestart: "page" | "document";
  index: boolean;
  indexLines: boolean;
  /** Verso pages carry the edition's title as running head. */
  alternateHeads: boolean;
}

const PX_PER_MM = 96 / 25.4;
const PX_PER_PT = 96 / 72;

export function layoutConfig(s: ResolvedPrintSettings): LayoutConfig {
  const textW = (s.pageWidthMm - s.margins.left - s.margins.right) * PX_PER_MM;
  const textH = (s.pageHeightMm - s.margins.top - s.margins.bottom) * PX_PER_MM;
  return {
    pageW: s.pageWidthMm * PX_PER_MM,
    pageH: s.pageHeightMm * PX_PER_MM,
    marginTop: s.margins.top * PX_PER_MM,
    marginLeft: s.margins.left * PX_PER_MM,
    textW,
    textH,
    footGap: s.leadingPt * PX_PER_PT * 0.8,
    pad: Math.max(1, ((s.leadingPt - s.fontSizePt * 1.15) * PX_PER_PT) / 2),
    leading: s.leadingPt * PX_PER_PT,
    lineNumberInterval: s.lineNumberInterval,
    lineNumberRestart: s.lineNumberRestart,
    index: s.index,
    indexLines: s.indexLines,
    alternateHeads: s.mirrorMargins,
  };
}

interface Line {
  top: number;
  bottom: number;
  block: number;
  numbered: boolean;
  /** Numbered lines before this one in its flow. */
  ord: number;
  /** `ord` of the first line of this line's document. */
  docOrd: number;
  /** The document the line belongs to (null in front matter and index). */
  doc: number | null;
  keepWithNext: boolean;
}

interface AppRef {
  id: string;
  document: number;
  index: number;
  series: "A" | "B";
  start: number;
  end: number;
  order: number;
}

interface NoteRef {
  id: string;
  document: number;
  index: number;
}

type FlowKind = "front" | "text" | "index";

const ENTITY_HEADINGS: Record<IndexEntry["kind"], string> = {
  person: "Index of persons",
  place: "Index of places",
  org: "Index of organisations",
};

/** Lays out and renders every page; returns what went where. */
export function paginate(doc: Document, config: LayoutConfig): LayoutReport {
  const dataEl = doc.getElementById("print-data");
  const sources = doc.getElementById("sources");
  const pagesEl = doc.getElementById("pages");
  if (!dataEl || !sources || !pagesEl)
    throw new Error("The print page lacks #print-data, #sources or #pages");
  const data = JSON.parse(dataEl.textContent ?? "{}") as PrintData;
  const range = doc.createRange();
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
  for (const fn of Array.from(doc.querySelectorAll("#fn-store .fn"))) {
    noteHtml.set(fn.getAttribute("data-note") ?? "", fn.outerHTML);
  }
  const measurer = doc.createElement("div");
  measurer.className = "foot measurer";
  sources.appendChild(measurer);

  const summaries: PageSummary[] = [];
  const pending: Array<() => void> = [];
  const entityRefs = data.entities.map(
    (): Array<{ page: number; line: number | null }> => [],
  );
  let pageNo = 0;

  const newPage = (kind: PageSummary["kind"], head: string): HTMLElement => {
    pageNo++;
    const page = doc.createElement("div");
    const side = pageNo % 2 === 1 ? "recto" : "verso";
    page.className = `page ${kind} ${side}`;
    page.setAttribute("data-page", String(pageNo));
    page.id = `page-${pageNo}`;
    if (kind !== "title") {
      const running =
        config.alternateHeads && side === "verso" ? doc.title : head;
      page.innerHTML = `<div class="rh">${escapeHtml(running)}</div><div class="folio">${pageNo}</div>`;
    }
    return page;
  };

  // --- geometry helpers -------------------------------------------------------

  /** The rect of the first visible character after (or last before) a marker. */
  const charRect = (
    el: Element,
    block: Element,
    after: boolean,
  ): DOMRect | null => {
    const walker = doc.createTreeWalker(block, 4 /* NodeFilter.SHOW_TEXT */);
    walker.currentNode = el;
    for (
      let t = after ? walker.nextNode() : walker.previousNode();
      t;
      t = after ? walker.nextNode() : walker.previousNode()
    ) {
      if (t.parentElement?.closest(".call")) continue;
      const s = (t as Text).data;
      for (let n = 0; n < s.length; n++) {
        const i = after ? n : s.length - 1 - n;
        if (/[\s\u00ad]/.test(s[i] ?? " ")) continue;
        range.setStart(t, i);
        range.setEnd(t, i + 1);
        const r = range.getClientRects()[0];
        if (r && r.height > 0) return r;
      }
    }
    return null;
  };

  /** Vertical centre, relative to `origin`, of where an anchor element stands in the text. */
  const anchorY = (
    el: Element,
    after: boolean,
    origin: number,
  ): number | null => {
    const block = el.closest(".blk");
    if (!block) return null;
    const r =
      charRect(el, block, after) ??
      charRect(el, block, !after) ??
      el.getBoundingClientRect();
    return (r.top + r.bottom) / 2 - origin;
  };

  const lineAt = (lines: Line[], y: number): number => {
    let lo = 0;
    let hi = lines.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lines[mid]!.top <= y) lo = mid;
      else hi = mid - 1;
    }
    // Between two lines (in a paragraph gap), the nearer one.
    const next = lines[lo + 1];
    if (next && y > lines[lo]!.bottom && next.top - y < y - lines[lo]!.bottom)
      return lo + 1;
    return lo;
  };

  // --- estimating a foot without laying it out ---------------------------------------

  /**
   * An upper bound of the foot's height for any set of the flow's notes and entries:
   * note heights are measured once each (they stack), and a run-in apparatus
   * paragraph of total width W set in lines of width w, wasting less than the widest
   * word per line, has at most floor(W / (w - widest)) + 1 lines. Everything is
   * measured in two layouts per flow.
   */
  const footEstimator = (
    notesAt: Map<number, NoteRef[]>,
    appAt: Map<number, AppRef[]>,
  ): ((notes: NoteRef[], app: AppRef[]) => number) => {
    const noteRefs = [...notesAt.values()].flat();
    const appRefs = [...appAt.values()].flat();
    const probe = (html: string): number => {
      measurer.innerHTML = html;
      return measurer.getBoundingClientRect().height;
    };
    const rule = '<div class="foot-rule"></div>';
    const ruleH = probe(rule);
    const oneLine = probe(`${rule}<p class="app">x</p>`) - ruleH;
    const lineH = probe(`${rule}<p class="app">x<br>x</p>`) - ruleH - oneLine;
    const paraBase = oneLine - lineH;

    const noteH = new Map<string, number>();
    if (noteRefs.length > 0) {
      measurer.innerHTML =
        noteRefs.map((n) => noteHtml.get(n.id) ?? "").join("") +
        '<div class="end"></div>';
      const tops = Array.from(measurer.children).map(
        (el) => el.getBoundingClientRect().top,
      );
      noteRefs.forEach((n, i) =>
        noteH.set(n.id, (tops[i + 1] ?? 0) - (tops[i] ?? 0)),
      );
    }

    const appW = new Map<string, number>();
    let widest = 0;
    if (appRefs.length > 0) {
      const tokens = new Set<string>();
      let html = '<p class="app" style="white-space:nowrap">';
      for (const a of appRefs) {
        const entry = data.documents[a.document]!.apparatus[a.index]!;
        const foot = {
          label: "000–000",
          lemma: entry.lemma,
          readings: entry.readings,
        };
        html += `<span class="w"><span class="app-gap"> </span>${formatApparatusSeries([foot])} </span>`;
        tokens.add(`000–000 ${entry.lemma.split(/\s+/)[0] ?? ""}`);
        for (const t of `${entry.lemma}] ${entry.readings.map((r) => `${r.text} ${r.sigla.join(" ")}`).join(" : ")}`.split(
          /\s+/,
        ))
          tokens.add(t);
      }
      const longest = [...tokens]
        .sort((x, y) => y.length - x.length)
        .slice(0, 5);
      html += `</p><p class="app" style="white-space:nowrap">${longest.map((t) => `<b class="t">${escapeHtml(t)}</b> `).join("")}</p>`;
      measurer.innerHTML = html;
      Array.from(measurer.querySelectorAll(".w")).forEach((el, i) =>
        appW.set(appRefs[i]!.id, el.getBoundingClientRect().width + 2),
      );
      for (const el of Array.from(measurer.querySelectorAll(".t")))
        widest = Math.max(widest, el.getBoundingClientRect().width);
    }
    const usable = Math.max(config.textW / 4, config.textW - widest * 1.2 - 8);

    return (notes, app) => {
      if (notes.length === 0 && app.length === 0) return 0;
      let h = ruleH + 1;
      for (const n of notes) h += noteH.get(n.id) ?? config.textH;
      for (const series of ["A", "B"] as const) {
        const entries = app.filter((a) => a.series === series);
        if (entries.length === 0) continue;
        const width = entries.reduce(
          (sum, a) => sum + (appW.get(a.id) ?? config.textW),
          0,
        );
        h += paraBase + lineH * (Math.floor(width / usable) + 1);
      }
      return h;
    };
  };

  // --- one flow -----------------------------------------------------------------

  /**
   * A flow holds one document, or several run on (each in an element with `data-doc`
   * and `data-head`); the running head is that of the document a page begins in.
   */
  const paginateFlow = (
    section: HTMLElement,
    kind: FlowKind,
    flowHead: string,
  ): void => {
    const origin = section.getBoundingClientRect();
    const blocks = Array.from(section.querySelectorAll<HTMLElement>(".blk"));
    const boxes = blocks.map((b) => {
      const r = b.getBoundingClientRect();
      return {
        top: r.top - origin.top,
        left: r.left - origin.left,
        width: r.width,
      };
    });
    const lines: Line[] = [];
    const heads = new Map<number | null, string>();
    let ord = 0;
    let docOrd = 0;
    let previousDoc: number | null = null;
    blocks.forEach((block, bi) => {
      const docEl = block.closest("[data-doc]");
      const docIndex =
        docEl === null ? null : Number(docEl.getAttribute("data-doc"));
      if (!heads.has(docIndex))
        heads.set(docIndex, docEl?.getAttribute("data-head") ?? flowHead);
      if (docIndex !== previousDoc) docOrd = ord;
      previousDoc = docIndex;
      const numbered = kind === "text" && !block.classList.contains("unnum");
      const keep = block.classList.contains("heading");
      const rects: Array<{ top: number; bottom: number }> = [];
      const walker = doc.createTreeWalker(block, 4);
      for (let t = walker.nextNode(); t; t = walker.nextNode()) {
        if (t.parentElement?.closest(".call")) continue;
        range.selectNodeContents(t);
        for (const r of Array.from(range.getClientRects())) {
          if (r.width > 0 && r.height > 0)
            rects.push({
              top: r.top - origin.top,
              bottom: r.bottom - origin.top,
            });
        }
      }
      if (rects.length === 0) {
        // A block holding only a note call (FRUS sets some notes alone in a run): the call makes its line.
        range.selectNodeContents(block);
        for (const r of Array.from(range.getClientRects())) {
          if (r.width > 0 && r.height > 0)
            rects.push({
              top: r.top - origin.top,
              bottom: r.bottom - origin.top,
            });
        }
      }
      // Fragments whose centres lie within half a line of the line's first fragment
      // belong to it. (Glyph boxes of neighbouring lines may overlap: a font's ascent
      // and descent can exceed the leading.)
      rects.sort((a, b) => a.top + a.bottom - b.top - b.bottom);
      let current: Line | null = null;
      let centre = 0;
      for (const r of rects) {
        if (current && (r.top + r.bottom) / 2 - centre < config.leading / 2) {
          current.top = Math.min(current.top, r.top);
          current.bottom = Math.max(current.bottom, r.bottom);
          continue;
        }
        centre = (r.top + r.bottom) / 2;
        current = {
          top: r.top,
          bottom: r.bottom,
          block: bi,
          numbered,
          ord,
          docOrd,
          doc: docIndex,
          keepWithNext: keep,
        };
        if (numbered) ord++;
        lines.push(current);
      }
    });
    lap("lines");
    if (lines.length === 0) return;

    const notesAt = new Map<number, NoteRef[]>();
    const appAt = new Map<number, AppRef[]>();
    const push = <T>(map: Map<number, T[]>, k: number, v: T): void => {
      const list = map.get(k);
      if (list) list.push(v);
      else map.set(k, [v]);
    };
    const parseId = (id: string): [number, number] => {
      const [d, k] = id.split("-");
      return [Number(d), Number(k)];
    };
    for (const call of Array.from(section.querySelectorAll("sup.call"))) {
      const y = anchorY(call, false, origin.top);
      if (y === null) continue;
      const id = call.getAttribute("data-note") ?? "";
      const [d, k] = parseId(id);
      push(notesAt, lineAt(lines, y), { id, document: d, index: k });
    }
    const ends = new Map<string, number>();
    for (const end of Array.from(section.querySelectorAll(".ae"))) {
      const y = anchorY(end, false, origin.top);
      if (y !== null)
        ends.set(end.getAttribute("data-app") ?? "", lineAt(lines, y));
    }
    Array.from(section.querySelectorAll(".as")).forEach((start, order) => {
      const id = start.getAttribute("data-app") ?? "";
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
    for (const ent of Array.from(section.querySelectorAll(".ent"))) {
      const r = ent.getClientRects()[0];
      if (r)
        entityLines.push([
          Number(ent.getAttribute("data-ent")),
          lineAt(lines, (r.top + r.bottom) / 2 - origin.top),
        ]);
    }

    lap("anchors");
    const lineNumber = (k: number, pageStart: number): number | null => {
      const line = lines[k];
      if (!line || !line.numbered) return null;
      // Per page: count from the page's first line (a document beginning mid-page
      // does not restart it, so no label repeats on a page); per document: from its first line.
      const base =
        config.lineNumberRestart === "page"
          ? lines[pageStart]!.ord
          : line.docOrd;
      return line.ord - base + 1;
    };

    const footHtml = (
      notes: NoteRef[],
      app: AppRef[],
      s: number,
      e: number | null,
    ): string => {
      if (notes.length === 0 && app.length === 0) return "";
      let html = '<div class="foot-rule"></div>';
      for (const n of notes) html += noteHtml.get(n.id) ?? "";
      for (const series of ["A", "B"] as const) {
        const entries = app
          .filter((a) => a.series === series)
          .sort((a, b) => a.start - b.start || a.order - b.order);
        if (entries.length === 0) continue;
        const foot: FootApparatusEntry[] = entries.map((a) => {
          const entry = data.documents[a.document]!.apparatus[a.index]!;
          return {
            label: lineLabel(
              lineNumber(a.start, s),
              lineNumber(a.end, s),
              e !== null && a.end >= e,
            ),
            lemma: entry.lemma,
            readings: entry.readings,
          };
        });
        html += `<p class="app app-${series}">${formatApparatusSeries(foot)}</p>`;
      }
      return html;
    };
    const measure = (html: string): number => {
      if (html === "") return 0;
      measurer.innerHTML = html;
      return measurer.getBoundingClientRect().height;
    };

    const top = (s: number): number =>
      s === 0
        ? lines[0]!.top - config.pad
        : Math.max(
            (lines[s - 1]!.bottom + lines[s]!.top) / 2,
            lines[s]!.top - config.pad,
          );
    const bottom = (e: number): number =>
      e === lines.length
        ? lines[e - 1]!.bottom + config.pad
        : Math.min(
            (lines[e - 1]!.bottom + lines[e]!.top) / 2,
            lines[e - 1]!.bottom + config.pad,
          );

    const estimate = footEstimator(notesAt, appAt);
    const fits = (s: number, e: number, footH: number): boolean =>
      e <= s + 1 ||
      bottom(e) - top(s) + (footH > 0 ? config.footGap + footH : 0) <=
        config.textH;
    const lineOfNote = new Map<string, number>();
    for (const [k, list] of notesAt)
      for (const n of list) lineOfNote.set(n.id, k);

    const linePage: number[] = new Array<number>(lines.length).fill(0);
    const lineNumbers: Array<number | null> = new Array<number | null>(
      lines.length,
    ).fill(null);
    let s = 0;
    while (s < lines.length) {
      const notes: NoteRef[] = [];
      const app: AppRef[] = [];
      let footH = 0;
      let e = s;
      const y0 = top(s);
      while (e < lines.length) {
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
      if (e < lines.length) {
        let back = e;
        while (back > s && lines[back - 1]!.keepWithNext) back--;
        if (back > s && back < e) e = back;
        const block = (k: number): number => lines[k]?.block ?? -1;
        if (e - s > 4 && block(e) === block(e - 1) && block(e + 1) !== block(e))
          e--;
        if (
          e - s > 4 &&
          block(e) === block(e - 1) &&
          block(e - 2) !== block(e - 1)
        )
          e--;
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
      planPage(s, e, notes, app);
      s = e;
    }

    /**
     * Takes the page's number now and renders it once every flow is filled, so that
     * measuring the foot never lays out pages already made.
     */
    function planPage(
      s: number,
      e: number,
      notes: NoteRef[],
      app: AppRef[],
    ): void {
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
      const body = doc.createElement("div");
      body.className = "body col";
      body.style.height = `${y1 - y0}px`;
      let html = "";
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
      const foot = footHtml(notes, app, s, e);
      if (foot !== "") html += `<div class="foot">${foot}</div>`;
      page.insertAdjacentHTML("beforeend", html);
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
          mark: data.documents[n.document]?.notes[n.index]?.mark ?? "",
        })),
        apparatus: app
          .slice()
          .sort((a, b) => a.start - b.start || a.order - b.order)
          .map((a) => ({
            document: a.document,
            index: a.index,
            label: lineLabel(
              lineNumber(a.start, s),
              lineNumber(a.end, s),
              a.end >= e,
            ),
          })),
      });
    }

    for (const [entity, line] of entityLines)
      entityRefs[entity]?.push({
        page: linePage[line] ?? 0,
        line: lineNumbers[line] ?? null,
      });
    lap("fill");
  };

  // --- the edition ------------------------------------------------------------

  const titleSource = sources.querySelector(".titlepage");
  if (titleSource) {
    const page = newPage("title", "");
    pagesEl.appendChild(page);
    page.innerHTML = `<div class="tp">${titleSource.innerHTML}</div>`;
    summaries.push({
      number: pageNo,
      kind: "title",
      document: null,
      firstLine: null,
      lastLine: null,
      lineCount: 0,
      notes: [],
      apparatus: [],
    });
  }
  for (const section of Array.from(
    sources.querySelectorAll<HTMLElement>("section.flow"),
  )) {
    const kind =
      section.getAttribute("data-kind") === "text" ? "text" : "front";
    paginateFlow(section, kind, section.getAttribute("data-head") ?? "");
  }

  const index: IndexEntry[] = data.entities
    .map((e, i) => {
      const refs = entityRefs[i]!.filter((r) => r.page > 0).sort(
        (a, b) => a.page - b.page || (a.line ?? 0) - (b.line ?? 0),
      );
      return {
        kind: e.kind,
        name: e.name,
        pages: [...new Set(refs.map((r) => r.page))],
        refs,
      };
    })
    .filter((e) => e.pages.length > 0);
  // Each locator links to its page (Chromium keeps same-document links in the PDF).
  const link = (page: number, label: string): string =>
    `<a class="loc" href="#page-${page}">${label}</a>`;
  const locators = (e: IndexEntry): string =>
    config.indexLines
      ? [
          ...new Map(
            e.refs.map((r) => {
              const label =
                r.line === null ? String(r.page) : `${r.page}.${r.line}`;
              return [label, link(r.page, label)] as const;
            }),
          ).values(),
        ].join(", ")
      : e.pages.map((p) => link(p, String(p))).join(", ");
  if (config.index && index.length > 0) {
    let html = "";
    for (const kind of ["person", "place", "org"] as const) {
      const entries = index
        .filter((e) => e.kind === kind)
        .sort((a, b) => a.name.localeCompare(b.name));
      if (entries.length === 0) continue;
      html += `<h2 class="blk heading unnum">${ENTITY_HEADINGS[kind]}</h2>`;
      for (const e of entries)
        html += `<div class="blk idx">${escapeHtml(e.name)}, ${locators(e)}</div>`;
    }
    const section = doc.createElement("section");
    section.className = "flow col";
    section.innerHTML = html;
    sources.appendChild(section);
    paginateFlow(section, "index", "Index");
  }

  for (const render of pending) render();
  summaries.sort((a, b) => a.number - b.number);
  lap("render");

  // --- check the rendered pages ---------------------------------------------------

  // The measured layout has served; without it the pages lay out faster.
  sources.remove();

  const misplaced: Misplaced[] = [];
  const placed = { notes: 0, apparatus: 0 };
  const printedNotes = new Set<string>();
  const printedApp = new Set<string>();
  const pageEls = Array.from(pagesEl.querySelectorAll<HTMLElement>(".page"));
  for (const summary of summaries) {
    const page = pageEls[summary.number - 1];
    const body = page?.querySelector(".body");
    if (!page || !body) continue;
    const b = body.getBoundingClientRect();
    const foot = page.querySelector(".foot");
    const overflow =
      foot !== null && foot.getBoundingClientRect().top < b.bottom - 0.5;
    const visible = (y: number | null): boolean =>
      y !== null && y >= 0 && y <= b.height;
    const check = (
      kind: "note" | "apparatus",
      document: number,
      index: number,
      selector: string,
      after: boolean,
    ): void => {
      const id = `${document}-${index}`;
      (kind === "note" ? printedNotes : printedApp).add(id);
      const anchors = Array.from(body.querySelectorAll(selector));
      const ok = anchors.some((el) => visible(anchorY(el, after, b.top)));
      if (ok && !overflow) {
        placed[kind === "note" ? "notes" : "apparatus"]++;
        return;
      }
      misplaced.push({
        kind,
        document,
        index,
        lemmaPage: ok ? summary.number : null,
        printedPage: summary.number,
        reason: overflow
          ? `the notes of page ${summary.number} do not fit below its text`
          : `its ${kind === "note" ? "call" : "lemma"} is not on page ${summary.number}`,
      });
    };
    for (const n of summary.notes)
      check(
        "note",
        n.document,
        n.index,
        `sup.call[data-note="${n.document}-${n.index}"]`,
        false,
      );
    for (const a of summary.apparatus)
      check(
        "apparatus",
        a.document,
        a.index,
        `.as[data-app="${a.document}-${a.index}"]`,
        true,
      );
  }
  data.documents.forEach((d, di) => {
    d.notes.forEach((_, k) => {
      if (!printedNotes.has(`${di}-${k}`)) {
        misplaced.push({
          kind: "note",
          document: di,
          index: k,
          lemmaPage: null,
          printedPage: null,
          reason: "its call was not found in the laid-out text",
        });
      }
    });
    d.apparatus.forEach((a, k) => {
      if (a !== null && !printedApp.has(`${di}-${k}`)) {
        misplaced.push({
          kind: "apparatus",
          document: di,
          index: k,
          lemmaPage: null,
          printedPage: null,
          reason: "its lemma was not found in the laid-out text",
        });
      }
    });
  });

  lap("verify");
  return {
    pages: pageNo,
    placed,
    misplaced,
    pageSummaries: summaries,
    index,
    timings,
  };
}
