/**
 * The check made on the rendered pages, independent of the bookkeeping that filled
 * them: every note call and lemma start is looked for inside the text area of the
 * page whose foot prints its entry. An entry whose anchor is not visible there, one
 * on a page whose foot overflows onto the text, and one never placed at all are
 * reported; the others are counted as placed.
 */
import type { PrintData } from '../html.ts';
import type { Misplaced, PageSummary } from '../model.ts';

type AnchorY = (el: Element, after: boolean, origin: number) => number | null;

export function checkPages(
  pageEls: readonly HTMLElement[],
  summaries: readonly PageSummary[],
  data: PrintData,
  anchorY: AnchorY,
): { placed: { notes: number; apparatus: number }; misplaced: Misplaced[] } {
  const misplaced: Misplaced[] = [];
  const placed = { notes: 0, apparatus: 0 };
  const printedNotes = new Set<string>();
  const printedApp = new Set<string>();
  for (const summary of summaries) {
    const page = pageEls[summary.number - 1];
    const body = page?.querySelector('.body');
    if (!page || !body) continue;
    const b = body.getBoundingClientRect();
    const foot = page.querySelector('.foot');
    const overflow = foot !== null && foot.getBoundingClientRect().top < b.bottom - 0.5;
    const visible = (y: number | null): boolean => y !== null && y >= 0 && y <= b.height;
    const check = (
      kind: 'note' | 'apparatus',
      document: number,
      index: number,
      selector: string,
      after: boolean,
    ): void => {
      const id = `${document}-${index}`;
      (kind === 'note' ? printedNotes : printedApp).add(id);
      const anchors = Array.from(body.querySelectorAll(selector));
      const ok = anchors.some((el) => visible(anchorY(el, after, b.top)));
      if (ok && !overflow) {
        placed[kind === 'note' ? 'notes' : 'apparatus']++;
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
          : `its ${kind === 'note' ? 'call' : 'lemma'} is not on page ${summary.number}`,
      });
    };
    for (const n of summary.notes)
      check('note', n.document, n.index, `sup.call[data-note="${n.document}-${n.index}"]`, false);
    for (const a of summary.apparatus)
      check('apparatus', a.document, a.index, `.as[data-app="${a.document}-${a.index}"]`, true);
  }
  data.documents.forEach((d, di) => {
    d.notes.forEach((_, k) => {
      if (!printedNotes.has(`${di}-${k}`)) {
        misplaced.push({
          kind: 'note',
          document: di,
          index: k,
          lemmaPage: null,
          printedPage: null,
          reason: 'its call was not found in the laid-out text',
        });
      }
    });
    d.apparatus.forEach((a, k) => {
      if (a !== null && !printedApp.has(`${di}-${k}`)) {
        misplaced.push({
          kind: 'apparatus',
          document: di,
          index: k,
          lemmaPage: null,
          printedPage: null,
          reason: 'its lemma was not found in the laid-out text',
        });
      }
    });
  });

  return { placed, misplaced };
}
