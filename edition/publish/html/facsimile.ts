/**
 * Page images in the static HTML edition: beside a document's text, each of its pages
 * as an SVG of the page image with its line zones (and zones the editor drew) drawn over
 * it. The text's line breaks carry the zone they point at (`<span class="lb"
 * data-zone>`), so the script (`assets/facsimile.js`) outlines a line's zone when the
 * line is clicked and shows the line when its zone is clicked. SVG, not CSS, places the
 * zones: the pages' Content-Security-Policy allows no inline styles.
 */
import { escapeHtml } from '../../print/apparatus.ts';
import type { PublishSurface } from '../model.ts';

export const ASSET_FACSIMILE_JS = 'assets/facsimile.js';

/** The zone kinds drawn over a page: its lines, and the zones an editor drew. */
const DRAWN = new Set(['line', 'custom']);

function pointsOf(z: PublishSurface['zones'][number]): string {
  const points = z.points ?? [
    [z.ulx, z.uly],
    [z.lrx, z.uly],
    [z.lrx, z.lry],
    [z.ulx, z.lry],
  ];
  return points.map(([x, y]) => `${x},${y}`).join(' ');
}

/** The id a surface's figure has in the page. */
export function figureId(surfaceId: string): string {
  return `facs-${surfaceId.replace(/[^A-Za-z0-9_-]/g, '_')}`;
}

/** The aside of page images for a document's surfaces ('' when it has none). */
export function facsimileAside(surfaces: readonly PublishSurface[]): string {
  if (surfaces.length === 0) return '';
  const figures = surfaces.map((s, i) => {
    const label = s.n === null ? `Page ${i + 1}` : `Page ${s.n}`;
    const width = s.lrx - s.ulx;
    const height = s.lry - s.uly;
    const image =
      s.image === null
        ? `<rect class="no-image" x="${s.ulx}" y="${s.uly}" width="${width}" height="${height}"/>`
        : `<image href="${escapeHtml(s.image.src)}" x="${s.ulx}" y="${s.uly}" width="${width}" height="${height}" preserveAspectRatio="none"/>`;
    const zones = s.zones
      .filter((z) => DRAWN.has(z.kind))
      .map(
        (z) =>
          `<polygon class="zone zone-${z.kind}" data-zone="${escapeHtml(z.id)}" points="${pointsOf(z)}" tabindex="-1"><title>${escapeHtml(z.id)}</title></polygon>`,
      )
      .join('');
    const missing = s.image === null ? '<p class="facs-missing">No image of this page.</p>' : '';
    return (
      `<figure class="facs-page" id="${escapeHtml(figureId(s.id))}" data-surface="${escapeHtml(s.id)}">` +
      `<svg class="facs-svg" viewBox="${s.ulx} ${s.uly} ${width} ${height}" role="img" aria-label="${escapeHtml(label)}">${image}${zones}</svg>` +
      `${missing}<figcaption>${escapeHtml(label)}</figcaption></figure>`
    );
  });
  return `<aside class="facsimile" aria-label="Page images">\n${figures.join('\n')}\n</aside>`;
}

/** Styles of the page images, appended to the edition's stylesheet. */
export const FACSIMILE_CSS = `
/* Page images beside the text */
main:has(.with-facsimile) { max-width: 92rem; }
.with-facsimile { display: grid; grid-template-columns: minmax(0, 46rem) minmax(16rem, 1fr); gap: 2rem; align-items: start; }
.with-facsimile > .facsimile { position: sticky; top: .5rem; max-height: calc(100vh - 1rem); overflow-y: auto; }
.facs-page { margin: 0 0 1.5rem; }
.facs-svg { display: block; width: 100%; height: auto; background: #eee8dc; border: 1px solid var(--rule); }
.facs-page figcaption { font-family: var(--ui-font); font-size: .8rem; color: var(--muted); margin-top: .3rem; }
.facs-missing { font-family: var(--ui-font); font-size: .8rem; color: var(--muted); }
.facs-svg .no-image { fill: #eee8dc; }
.facs-svg .zone { fill: transparent; stroke: transparent; stroke-width: 3; cursor: pointer; vector-effect: non-scaling-stroke; }
.facs-svg .zone:hover { stroke: rgba(122, 46, 31, .45); }
.facs-svg .zone.on { fill: rgba(255, 214, 102, .28); stroke: var(--accent); }
.text .lb { display: inline; }
.text .lb.on + * , .text .lb.on { scroll-margin-top: 40vh; }
::highlight(facs-line) { background: rgba(255, 214, 102, .55); }
.with-facsimile .text { cursor: default; }
@media (max-width: 60rem) {
  .with-facsimile { grid-template-columns: 1fr; }
  .with-facsimile > .facsimile { position: static; max-height: none; }
}
`;

/**
 * The script of pages with page images. A click in the text finds the line it is in
 * (the last line break before the click) and outlines that line's zone on its page; a
 * click on a zone scrolls its line into view and highlights it (the CSS Custom
 * Highlight API, where the browser has it).
 */
export const FACSIMILE_JS = `(function () {
  'use strict';
  var text = document.querySelector('.with-facsimile .text');
  var aside = document.querySelector('.with-facsimile .facsimile');
  if (!text || !aside) return;
  var breaks = Array.prototype.slice.call(text.querySelectorAll('.lb[data-zone]'));
  function zoneEl(id) {
    var all = aside.querySelectorAll('.zone');
    for (var i = 0; i < all.length; i++) if (all[i].getAttribute('data-zone') === id) return all[i];
    return null;
  }
  function lineRange(lb) {
    var range = document.createRange();
    range.setStartAfter(lb);
    var block = lb.closest('p, div, h1, h2, blockquote') || text;
    var next = null;
    for (var i = breaks.indexOf(lb) + 1; i < breaks.length; i++) {
      if (block.contains(breaks[i])) { next = breaks[i]; break; }
    }
    if (next) range.setEndBefore(next); else range.setEnd(block, block.childNodes.length);
    return range;
  }
  function show(lb, fromZone) {
    var on = aside.querySelectorAll('.zone.on');
    for (var i = 0; i < on.length; i++) on[i].classList.remove('on');
    var prev = text.querySelectorAll('.lb.on');
    for (var j = 0; j < prev.length; j++) prev[j].classList.remove('on');
    lb.classList.add('on');
    var zone = zoneEl(lb.getAttribute('data-zone'));
    if (zone) {
      zone.classList.add('on');
      if (!fromZone) {
        var figure = zone.closest('figure');
        if (figure) figure.scrollIntoView({ block: 'nearest' });
      }
    }
    if (window.CSS && CSS.highlights && window.Highlight) CSS.highlights.set('facs-line', new Highlight(lineRange(lb)));
    if (fromZone) {
      var target = lb.nextSibling && lb.nextSibling.nodeType === 1 ? lb.nextSibling : lb.parentNode;
      if (target && target.scrollIntoView) target.scrollIntoView({ block: 'center' });
    }
  }
  function caret(x, y) {
    if (document.caretPositionFromPoint) {
      var p = document.caretPositionFromPoint(x, y);
      return p ? { node: p.offsetNode, offset: p.offset } : null;
    }
    if (document.caretRangeFromPoint) {
      var r = document.caretRangeFromPoint(x, y);
      return r ? { node: r.startContainer, offset: r.startOffset } : null;
    }
    return null;
  }
  text.addEventListener('click', function (event) {
    if (event.target.closest && event.target.closest('a, [role="button"]')) return;
    var at = caret(event.clientX, event.clientY);
    if (!at) return;
    var point = document.createRange();
    point.setStart(at.node, at.offset);
    var found = null;
    for (var i = 0; i < breaks.length; i++) {
      if (point.comparePoint(breaks[i], 0) <= 0) found = breaks[i]; else break;
    }
    if (found) show(found, false);
  });
  aside.addEventListener('click', function (event) {
    var zone = event.target.closest ? event.target.closest('.zone') : null;
    if (!zone) return;
    var id = zone.getAttribute('data-zone');
    for (var i = 0; i < breaks.length; i++) {
      if (breaks[i].getAttribute('data-zone') === id) { show(breaks[i], true); return; }
    }
  });
})();
`;
