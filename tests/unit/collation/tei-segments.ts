/**
 * Reads the expected TEI parallel segmentation of the reference fixtures into segments
 * (test support only; the TEI writer and importer live elsewhere). Text outside `app` is
 * agreement; each `lem`/`rdg` is a reading with its witnesses (`#` dropped). A reading
 * without `@wit` gets the listed witnesses not named elsewhere in its `app`. A nested `app`
 * is reported as such, since a flat segmentation cannot produce one.
 */
import { SaxesParser } from 'saxes';
import type { Segment } from './corpus.ts';

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

export function teiSegments(xml: string, listWit: readonly string[] = []): Segment[] | 'nested app' {
  const out: Segment[] = [];
  let text = '';
  let app: Array<{ wit: string[] | null; text: string }> | null = null;
  let reading: { wit: string[] | null; text: string } | null = null;
  let nested = false;
  const flushText = () => {
    const t = squash(text);
    if (t) out.push({ text: t });
    text = '';
  };
  const parser = new SaxesParser();
  parser.on('opentag', (tag) => {
    if (tag.name === 'app') {
      if (app) nested = true;
      flushText();
      app = [];
    } else if ((tag.name === 'rdg' || tag.name === 'lem') && app) {
      const wit = tag.attributes.wit;
      reading = {
        wit: typeof wit === 'string' ? wit.split(/\s+/).map((w) => w.replace(/^#/, '')) : null,
        text: '',
      };
    }
  });
  parser.on('text', (t) => {
    if (reading) reading.text += t;
    else if (!app) text += t;
  });
  parser.on('closetag', (tag) => {
    if ((tag.name === 'rdg' || tag.name === 'lem') && app && reading) {
      app.push(reading);
      reading = null;
    } else if (tag.name === 'app' && app) {
      const named = new Set(app.flatMap((r) => r.wit ?? []));
      const readings = app.map((r) => ({
        wit: r.wit ?? listWit.filter((w) => !named.has(w)),
        text: squash(r.text),
      }));
      out.push({ readings });
      app = null;
    }
  });
  parser.write(xml).close();
  flushText();
  return nested ? 'nested app' : out;
}
