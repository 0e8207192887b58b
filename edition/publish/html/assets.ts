/**
 * The stylesheet and the script every page of the static edition loads from
 * `assets/`. Pages read fully without the script (notes and apparatus are listed
 * below the text, and linked); the script adds popups for notes, apparatus entries
 * and entities, the witness switcher, the search page and the highlighting of
 * search words. It is plain ES2020 for any current browser, written here as text
 * because edition/ produces the files without reading any from disk.
 *
 * The script folds a query with the index's own code: edition/entities/fold.ts,
 * compiled into fold-script.ts, whose `makeFolding` it gives the letters NFD leaves
 * whole (ß, ł, ’...) from a table the builder takes from the text.
 */
import { FOLD_SCRIPT } from './fold-script.ts';
import { scriptJson } from './search.ts';

export const EDITION_CSS = `/* Siglum static edition */
@import url("fonts/fonts.css");
:root {
  --ink: #1f1d1a; --muted: #6b645a; --rule: #ddd5c8; --paper: #fdfbf7; --accent: #7a2e1f;
  --lemma: #8a6d3b; --person: #2f5d8a; --place: #3d7a45; --org: #7a4f8a; --term: #8a6a2f;
  --text-font: "Gentium Book Plus", "Noto Serif", "Noto Serif Hebrew", "Noto Naskh Arabic", Georgia, "DejaVu Serif", serif;
  --ui-font: system-ui, -apple-system, "Segoe UI", "Noto Sans", "DejaVu Sans", sans-serif;
}
* { box-sizing: border-box; }
html { background: var(--paper); color: var(--ink); }
body { margin: 0; font: 1.0625rem/1.65 var(--text-font); }
a { color: var(--accent); }
a:focus-visible, [role="button"]:focus-visible, select:focus-visible, input:focus-visible { outline: 2px solid var(--accent); outline-offset: 2px; }
header.site { display: flex; flex-wrap: wrap; align-items: center; gap: .5rem 1.5rem; padding: .7rem 1.5rem; border-bottom: 1px solid var(--rule); background: #f6f1e8; font-family: var(--ui-font); font-size: .9rem; }
.site-title { font-family: var(--text-font); font-size: 1.05rem; font-weight: 600; color: var(--ink); text-decoration: none; flex: 1 1 20rem; }
.site-nav { display: flex; flex-wrap: wrap; gap: 1rem; }
.site-nav a { color: var(--muted); text-decoration: none; }
.site-nav a:hover, .site-nav a[aria-current="page"] { color: var(--accent); }
.site-nav a[aria-current="page"] { font-weight: 600; }
.quick-search input, .search-form input { font: inherit; padding: .3rem .6rem; border: 1px solid var(--rule); border-radius: 4px; background: #fff; }
.quick-search input { width: 13rem; }
main { max-width: 46rem; margin: 0 auto; padding: 1.5rem 1.5rem 4rem 8.5rem; }
h1, h2 { font-weight: 600; line-height: 1.3; }
h1 { font-size: 1.7rem; margin: 1rem 0 .5rem; }
.subtitle { color: var(--muted); font-style: italic; margin-top: 0; }
.introduction { margin: 1.5rem 0; }
section > h2 { font-size: 1.15rem; margin: 2rem 0 .6rem; padding-bottom: .2rem; border-bottom: 1px solid var(--rule); }
.witnesses dl { display: grid; grid-template-columns: 3rem 1fr; gap: .2rem .8rem; }
.witnesses dt { font-style: italic; font-weight: 600; }
.witnesses dd { margin: 0; }
.doc-list { list-style: none; padding: 0; margin: 0; }
.doc-list li { display: grid; grid-template-columns: 3rem 1fr auto; gap: 0 .8rem; align-items: baseline; padding: .3rem 0; border-bottom: 1px dotted var(--rule); }
.doc-list a { text-decoration: none; }
.doc-list a:hover { text-decoration: underline; }
.doc-list .n { color: var(--muted); font-variant-numeric: tabular-nums; text-align: right; }
.doc-list .date, .results .date { color: var(--muted); font-size: .85em; white-space: nowrap; }
.doc-nav { display: flex; justify-content: space-between; gap: 1rem; font-family: var(--ui-font); font-size: .8rem; margin-bottom: 1rem; }
.doc-nav a { color: var(--muted); text-decoration: none; max-width: 48%; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.doc-nav a:hover { color: var(--accent); }
.doc-nav .next { text-align: right; margin-left: auto; }
.doc-facts { font-family: var(--ui-font); font-size: .8rem; letter-spacing: .04em; text-transform: uppercase; color: var(--muted); margin: 0 0 .3rem; }
.doc { position: relative; }
.text { position: relative; }
.text .head, .doc > .head { font-size: 1.3rem; margin: .4rem 0 1.2rem; }
.text h2.head { font-size: 1.15rem; margin-top: 1.6rem; }
.text .source { font-size: .85rem; color: var(--muted); margin: 0 0 .3rem; }
/* Ragged right: Chromium on Linux does not hyphenate, and justified lines without hyphens gape. */
.text p, .text .p { margin: 0 0 .9rem; }
.opener, .closer { margin: .8rem 0; }
.dateline { text-align: right; font-style: normal; }
.salute { margin-top: .6rem; }
.signed { text-align: right; }
.closer .signed { margin-right: 1rem; }
.list { margin: .5rem 0 1rem 1.5rem; }
.list .label { float: left; margin-left: -1.5rem; }
.list .item { margin-bottom: .4rem; }
blockquote.tei { margin: .8rem 2rem; font-size: .95em; }
.tei-table { display: table; border-collapse: collapse; margin: .8rem 0; font-size: .9em; }
.tei-row { display: table-row; }
.tei-cell { display: table-cell; padding: .15rem .6rem; border-bottom: 1px solid var(--rule); }
.tei-frus-attachment, .tei-postscript { margin-top: 1.2rem; }
.tei-list { margin: .5rem 0 1rem 2.2rem; }
.tei-list > .tei-label { float: left; margin-left: -2.2rem; }
.tei-list > .tei-item { margin-bottom: .4rem; }
.sc { font-variant: small-caps; }
.gap { color: var(--muted); }
/* Page breaks: a bar in the line, the page number in the margin. */
.pb::before { content: "|"; color: var(--lemma); font-family: var(--ui-font); font-size: .85em; padding: 0 .1em; }
.pb-label { position: absolute; left: -7.5rem; width: 6.2rem; text-align: right; font-family: var(--ui-font); font-size: .72rem; line-height: 2.2; color: var(--lemma); white-space: nowrap; }
/* Note call-outs. */
a.call { font-family: var(--ui-font); font-size: .68em; vertical-align: super; line-height: 0; text-decoration: none; padding: 0 .15em; font-weight: 600; }
a.call:hover { text-decoration: underline; }
/* Lemmata of the apparatus and mentions of entities. */
.lem { border-bottom: 1px dashed var(--lemma); cursor: pointer; }
.lem.pt { border: none; }
.lem.pt::before { content: "°"; color: var(--lemma); }
.ent { cursor: pointer; border-bottom: 1px solid transparent; }
.ent-person { border-bottom-color: color-mix(in srgb, var(--person) 45%, transparent); }
.ent-place { border-bottom-color: color-mix(in srgb, var(--place) 45%, transparent); }
.ent-org { border-bottom-color: color-mix(in srgb, var(--org) 45%, transparent); }
.ent-term { border-bottom-color: color-mix(in srgb, var(--term) 30%, transparent); }
.ent:hover, .lem:hover { background: #f3ead9; }
.ent:target, .note:target, .lem:target, .app-entry:target { background: #fbe7a1; }
mark { background: #fbe7a1; color: inherit; padding: 0 .05em; }
/* Witness switcher. */
.witness-switcher { display: flex; align-items: center; gap: .5rem; font-family: var(--ui-font); font-size: .85rem; margin: .3rem 0 1rem; padding: .4rem .7rem; background: #f6f1e8; border: 1px solid var(--rule); border-radius: 4px; }
.witness-switcher[hidden] { display: none; }
.witness-switcher label { white-space: nowrap; }
.witness-switcher select { font: inherit; max-width: 100%; min-width: 0; flex: 1 1 auto; }
.reading-witness .witness-switcher { background: #e6efdc; }
.wit-hidden { display: none; }
.rdg-shown { background: #e6efdc; border-bottom: 1px dashed var(--place); cursor: pointer; }
.rdg-shown.om::before { content: "‸"; color: var(--place); }
/* Notes and apparatus below the text. */
.note-list { padding-left: 0; list-style: none; font-size: .92rem; }
.note { display: grid; grid-template-columns: 2.2rem 1fr; margin-bottom: .5rem; }
.note-back { font-family: var(--ui-font); font-size: .8rem; text-decoration: none; font-weight: 600; padding-top: .15rem; }
.note-body > * { margin: 0 0 .3rem; }
.apparatus { font-size: .92rem; }
.app-series { padding-left: 0; list-style: none; }
.app-series + .app-series { border-top: 1px dotted var(--rule); padding-top: .5rem; }
.app-entry { margin-bottom: .25rem; }
.app-lem { text-decoration: none; }
.sig { font-style: italic; color: var(--muted); }
/* Popups. */
.popup { position: absolute; z-index: 10; min-width: 12rem; max-width: min(28rem, calc(100vw - 1rem)); padding: .7rem .9rem .6rem; background: #fff; border: 1px solid var(--rule); border-top: 3px solid var(--accent); border-radius: 4px; box-shadow: 0 6px 24px rgba(40, 30, 20, .18); font-size: .92rem; line-height: 1.5; }
.popup[hidden] { display: none; }
.popup-title { font-family: var(--ui-font); font-size: .72rem; letter-spacing: .05em; text-transform: uppercase; color: var(--muted); margin: 0 1.5rem .3rem 0; }
.popup-close { position: absolute; top: .2rem; right: .3rem; border: none; background: none; font-size: 1.2rem; line-height: 1; cursor: pointer; color: var(--muted); padding: .2rem .4rem; }
.popup .note-body > *, .popup p { margin: 0 0 .3rem; }
.popup-link { font-family: var(--ui-font); font-size: .8rem; }
/* Entity indexes. */
.entity-list { list-style: none; padding: 0; }
.entity-list .entry { padding: .45rem 0; border-bottom: 1px dotted var(--rule); }
.entity-list .name { font-weight: 600; }
.entity-list .desc { color: var(--muted); }
.entity-list .count { font-family: var(--ui-font); font-size: .75rem; color: var(--muted); }
.where { margin: .2rem 0 0; padding-left: 1.2rem; font-size: .9rem; }
.where .in-doc { color: var(--muted); }
/* Search. */
.search-form input { width: 100%; font-size: 1.1rem; padding: .5rem .7rem; }
.search-status { color: var(--muted); font-family: var(--ui-font); font-size: .85rem; }
.results { padding-left: 0; list-style: none; }
.results li { padding: .5rem 0; border-bottom: 1px dotted var(--rule); }
.results .summary { margin: .15rem 0 0; font-size: .9rem; color: var(--muted); }
@media (max-width: 760px) {
  main { padding: 1rem; }
  .pb-label { position: static; display: inline; width: auto; line-height: inherit; }
  .pb-label::before { content: " "; }
  .quick-search input { width: 100%; }
}
@media print {
  header.site, .doc-nav, .witness-switcher, .popup { display: none; }
  main { padding-left: 6rem; }
}
`;

const SCRIPT = String.raw`(function (FOLD) {
  'use strict';
  var WORD = /[\p{L}\p{N}]+(?:'[\p{L}\p{N}]+)*/gu;
  var KINDS = { person: 'Person', place: 'Place', org: 'Organisation', term: 'Term' };

  // The index's own folding (edition/entities/fold.ts), over the table of the text's
  // characters NFD does not fold as the index did.
  var foldWithMap = (function () {
${FOLD_SCRIPT}
    return SiglumFold;
  })().makeFolding(FOLD).foldWithMap;
  function queryWords(q) {
    var words = foldWithMap(q).text.match(WORD) || [];
    // The last word matches as a prefix while it is being typed.
    return { words: words, prefix: words.length > 0 && !/\s$/.test(q) };
  }
  function wordMatches(word, query) {
    for (var i = 0; i < query.words.length; i++) {
      var w = query.words[i];
      if (word === w || (query.prefix && i === query.words.length - 1 && word.indexOf(w) === 0)) return true;
    }
    return false;
  }

  // Popups for notes, apparatus entries and entities.
  var popup = document.getElementById('popup');
  var opener = null;
  function closePopup() {
    if (!popup || popup.hidden) return;
    popup.hidden = true;
    popup.textContent = '';
    if (opener && document.contains(opener)) opener.focus();
    opener = null;
  }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function openPopup(anchor, title, fill) {
    if (!popup) return;
    popup.hidden = true;
    popup.textContent = '';
    var close = el('button', 'popup-close', '\u00d7');
    close.type = 'button';
    close.setAttribute('aria-label', 'Close');
    popup.appendChild(close);
    popup.appendChild(el('p', 'popup-title', title));
    fill(popup);
    popup.setAttribute('aria-label', title);
    popup.hidden = false;
    var r = anchor.getBoundingClientRect();
    var width = popup.offsetWidth;
    var left = Math.max(8, Math.min(r.left + window.scrollX, document.documentElement.clientWidth + window.scrollX - width - 8));
    popup.style.left = left + 'px';
    popup.style.top = (r.bottom + window.scrollY + 6) + 'px';
    opener = anchor;
    close.focus({ preventScroll: true });
  }
  function byId(id) { return document.getElementById(id); }
  function showNote(call) {
    var id = decodeURIComponent(call.getAttribute('href').slice(1));
    var li = byId(id);
    if (!li) return;
    openPopup(call, 'Note ' + (li.getAttribute('data-label') || ''), function (box) {
      var body = li.querySelector('.note-body');
      if (body) box.appendChild(body.cloneNode(true));
    });
  }
  function showApparatus(lem) {
    var ids = (lem.getAttribute('data-app') || '').split(' ');
    openPopup(lem, 'Apparatus', function (box) {
      ids.forEach(function (id) {
        var li = byId('app-' + id);
        if (!li) return;
        var p = el('p', 'app-entry');
        Array.prototype.forEach.call(li.childNodes, function (n) { p.appendChild(n.cloneNode(true)); });
        box.appendChild(p);
      });
    });
  }
  function showEntity(ent) {
    var kind = ent.getAttribute('data-kind') || '';
    openPopup(ent, (Object.prototype.hasOwnProperty.call(KINDS, kind) && KINDS[kind]) || 'Entity', function (box) {
      box.appendChild(el('p', 'popup-name', ent.textContent.replace(/\s+/g, ' ').trim()));
      var href = ent.getAttribute('data-href');
      if (href) {
        var a = el('a', 'popup-link', 'Every occurrence in the index \u2192');
        a.href = href;
        var p = el('p');
        p.appendChild(a);
        box.appendChild(p);
      }
    });
  }
  function activate(target, event) {
    var call = target.closest('a.call');
    if (call) { event.preventDefault(); showNote(call); return true; }
    var lem = target.closest('.lem, .rdg-shown');
    if (lem) { event.preventDefault(); showApparatus(lem); return true; }
    var ent = target.closest('.ent');
    if (ent) { event.preventDefault(); showEntity(ent); return true; }
    return false;
  }
  document.addEventListener('click', function (event) {
    var t = event.target;
    if (!(t instanceof Element)) return;
    if (popup && popup.contains(t)) {
      if (t.closest('.popup-close')) closePopup();
      return;
    }
    if (!activate(t, event)) closePopup();
  });
  document.addEventListener('keydown', function (event) {
    if (event.key === 'Escape') { closePopup(); return; }
    var t = event.target;
    if ((event.key === 'Enter' || event.key === ' ') && t instanceof Element && t.matches('.lem, .rdg-shown, .ent')) {
      activate(t, event);
    }
  });

  // The witness switcher: a witness's reading in place of each lemma it differs from.
  function readingOf(li, siglum) {
    var rdgs = li.querySelectorAll('.rdg');
    for (var i = 0; i < rdgs.length; i++) {
      if ((rdgs[i].getAttribute('data-wit') || '').split(' ').indexOf(siglum) >= 0) return rdgs[i].getAttribute('data-text');
    }
    return null;
  }
  function applyWitness(siglum) {
    Array.prototype.forEach.call(document.querySelectorAll('.rdg-shown'), function (n) { n.remove(); });
    Array.prototype.forEach.call(document.querySelectorAll('.wit-hidden'), function (n) { n.classList.remove('wit-hidden'); });
    document.body.classList.toggle('reading-witness', !!siglum);
    if (!siglum) return;
    var entries = Array.prototype.map.call(document.querySelectorAll('.app-entry[data-app]'), function (li) {
      return { id: li.getAttribute('data-app'), from: +li.getAttribute('data-from'), to: +li.getAttribute('data-to'), text: readingOf(li, siglum) };
    }).filter(function (e) { return e.text !== null; });
    entries.sort(function (a, b) { return a.from - b.from || b.to - a.to; });
    var applied = [];
    var pieces = document.querySelectorAll('.text .lem');
    entries.forEach(function (e) {
      // A lemma inside one already replaced is part of that reading.
      if (applied.some(function (a) { return a.from < a.to && a.from <= e.from && e.to <= a.to; })) return;
      var mine = Array.prototype.filter.call(pieces, function (p) { return (p.getAttribute('data-app') || '').split(' ').indexOf(e.id) >= 0; });
      if (mine.length === 0) return;
      var shown = el('span', e.text === '' ? 'rdg-shown om' : 'rdg-shown', e.text);
      shown.setAttribute('data-app', e.id);
      shown.setAttribute('tabindex', '0');
      shown.setAttribute('role', 'button');
      mine[0].parentNode.insertBefore(shown, mine[0]);
      mine.forEach(function (p) { if (!p.classList.contains('pt')) p.classList.add('wit-hidden'); });
      applied.push(e);
    });
  }
  var witness = byId('witness');
  if (witness) {
    witness.closest('.witness-switcher').hidden = false;
    witness.addEventListener('change', function () { applyWitness(witness.value); });
    if (witness.value) applyWitness(witness.value);
  }

  // Search words carried in the address (?q=) are marked in the text.
  function highlight(roots, query) {
    var first = null;
    roots.forEach(function (root) {
      var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      var nodes = [];
      while (walker.nextNode()) nodes.push(walker.currentNode);
      nodes.forEach(function (node) {
        if (node.parentNode.closest('.pb-label, a.call, .note-back')) return;
        var folded = foldWithMap(node.data);
        var ranges = [];
        var m;
        WORD.lastIndex = 0;
        while ((m = WORD.exec(folded.text))) {
          if (wordMatches(m[0], query)) ranges.push([folded.map[m.index], folded.map[m.index + m[0].length]]);
        }
        var nodeFirst = null;
        for (var i = ranges.length - 1; i >= 0; i--) {
          var mid = node.splitText(ranges[i][0]);
          mid.splitText(ranges[i][1] - ranges[i][0]);
          var mark = document.createElement('mark');
          mid.parentNode.replaceChild(mark, mid);
          mark.appendChild(mid);
          nodeFirst = mark;
        }
        if (!first && nodeFirst) first = nodeFirst;
      });
    });
    if (first) first.scrollIntoView({ block: 'center' });
  }
  var q = new URLSearchParams(window.location.search).get('q');
  var text = document.querySelector('.text');
  if (q && text) {
    var query = queryWords(q);
    if (query.words.length > 0) highlight([text, document.querySelector('.notes')].filter(Boolean), query);
  }

  // The search box in the header goes to the search page.
  Array.prototype.forEach.call(document.querySelectorAll('form.quick-search'), function (form) {
    form.hidden = false;
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      var value = form.querySelector('input').value.trim();
      window.location.href = form.getAttribute('action') + (value ? '?q=' + encodeURIComponent(value) : '');
    });
  });

  // The search page.
  var INDEX = window.SIGLUM_SEARCH;
  var input = byId('q');
  var status = byId('search-status');
  var results = byId('results');
  if (!input || !status || !results) return;
  var form = input.closest('form');
  if (!INDEX) { status.textContent = 'The search index (assets/search-index.js) could not be loaded.'; return; }
  function lowerBound(terms, w) {
    var lo = 0, hi = terms.length;
    while (lo < hi) { var mid = (lo + hi) >>> 1; if (terms[mid] < w) lo = mid + 1; else hi = mid; }
    return lo;
  }
  function postings(t) {
    var out = [];
    var doc = 0;
    var parts = INDEX.post[t].split(',');
    for (var i = 0; i < parts.length; i++) {
      var pc = parts[i].split(':');
      doc += parseInt(pc[0], 36);
      out.push([doc, pc.length > 1 ? parseInt(pc[1], 36) : 1]);
    }
    return out;
  }
  // BM25 over the words of each document; a word matched as a prefix counts a little less.
  var AVG = INDEX.docs.reduce(function (sum, d) { return sum + d[5]; }, 0) / Math.max(1, INDEX.docs.length) || 1;
  function search(query) {
    var n = INDEX.docs.length;
    var scores = null;
    for (var i = 0; i < query.words.length; i++) {
      var w = query.words[i];
      var asPrefix = query.prefix && i === query.words.length - 1;
      var here = new Map();
      for (var t = lowerBound(INDEX.terms, w), seen = 0; t < INDEX.terms.length && seen < 200; t++, seen++) {
        var term = INDEX.terms[t];
        if (term !== w && !(asPrefix && term.indexOf(w) === 0)) break;
        var list = postings(t);
        var idf = Math.log(1 + (n - list.length + 0.5) / (list.length + 0.5)) * (term === w ? 1 : 0.6);
        list.forEach(function (p) {
          var tf = p[1];
          var norm = tf + 1.2 * (0.25 + 0.75 * INDEX.docs[p[0]][5] / AVG);
          here.set(p[0], (here.get(p[0]) || 0) + idf * tf * 2.2 / norm);
        });
      }
      if (scores === null) scores = here;
      else {
        var next = new Map();
        scores.forEach(function (s, d) { if (here.has(d)) next.set(d, s + here.get(d)); });
        scores = next;
      }
    }
    return Array.from(scores || []).sort(function (a, b) { return b[1] - a[1] || a[0] - b[0]; });
  }
  function run(q) {
    results.textContent = '';
    var query = queryWords(q);
    if (query.words.length === 0) { status.textContent = 'Type words to find in the ' + INDEX.docs.length + ' documents.'; return; }
    var hits = search(query);
    status.textContent = hits.length === 0 ? 'No document contains these words.' : hits.length === 1 ? '1 document' : hits.length + ' documents';
    hits.slice(0, 200).forEach(function (hit) {
      var d = INDEX.docs[hit[0]];
      var li = el('li');
      var a = el('a', null, d[1]);
      a.href = d[0] + '?q=' + encodeURIComponent(q);
      li.appendChild(a);
      if (d[3]) { li.appendChild(document.createTextNode(' ')); li.appendChild(el('span', 'date', d[3])); }
      if (d[4]) li.appendChild(el('p', 'summary', d[4]));
      results.appendChild(li);
    });
  }
  var timer = 0;
  input.addEventListener('input', function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      run(input.value);
      try { history.replaceState(null, '', '?q=' + encodeURIComponent(input.value)); } catch (e) { /* some file:// setups refuse */ }
    }, 120);
  });
  if (form) form.addEventListener('submit', function (event) { event.preventDefault(); run(input.value); });
  input.value = q || '';
  run(input.value);
  input.focus();
})`;

/** The edition's script, with the folding table for the characters its text holds. */
export function editionScript(fold: Record<string, string>): string {
  return `${SCRIPT}(${scriptJson(fold)});\n`;
}
