/**
 * Test helpers: the Kant material, a document's lines as the import made them, and the
 * ground truth read straight from the PAGE files with the XML layer alone (not with the
 * PAGE reader under test).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Node as PMNode } from 'prosemirror-model';
import type { DocJSON } from '../../../edition/types.ts';
import { schema } from '../../../edition/schema.ts';
import { parseXml } from '../../../edition/xml/parse.ts';
import { childElements, getAttr, localName, textContent, type XmlElement } from '../../../edition/xml/tree.ts';

export const KANT = join(import.meta.dirname, '../../../../shared/corpus/facsimile/kant_aufklaerung_1784');
export const KANT_PAGES = ['0017', '0020'] as const;

export const kantPageFile = (page: string): string => join(KANT, 'OCR-D-GT-PAGE', `PAGE_${page}_PAGE.xml`);
export const kantAltoFile = (page: string): string => join(KANT, 'OCR-D-GT-ALTO', `PAGE_${page}_ALTO.xml`);
export const read = (file: string): string => readFileSync(file, 'utf8');

/** One line of a document: the facs of its line break and the text up to the next break. */
export interface DocLine {
  facs: string | null;
  text: string;
  /** The block it stands in: its node name, and `fw`/`ab` for generic blocks. */
  block: string;
  blockXml: ReadonlyArray<readonly [string, string]>;
}

/** The lines of a document, in order, each starting at a line break. */
export function docLines(json: DocJSON): DocLine[] {
  const doc = PMNode.fromJSON(schema, json);
  const lines: DocLine[] = [];
  doc.descendants((node) => {
    if (!node.isTextblock) return true;
    const block = node.type.name === 'teiText' ? String(node.attrs['name'] ?? '#run') : node.type.name;
    const blockXml = node.attrs['xml'] as ReadonlyArray<readonly [string, string]>;
    node.forEach((child) => {
      if (child.type === schema.nodes.lineBreak) {
        lines.push({ facs: child.attrs['facs'] as string | null, text: '', block, blockXml });
      } else if (child.isText) {
        const last = lines[lines.length - 1];
        if (last === undefined) throw new Error(`text before the first line break: ${child.text}`);
        last.text += child.text;
      }
    });
    return false;
  });
  return lines;
}

/** The page breaks of a document: their `n` and `facs`. */
export function docPageBreaks(json: DocJSON): Array<{ n: string | null; facs: string | null }> {
  const out: Array<{ n: string | null; facs: string | null }> = [];
  PMNode.fromJSON(schema, json).descendants((node) => {
    if (node.type === schema.nodes.pageBreak) {
      out.push({ n: node.attrs['n'] as string | null, facs: node.attrs['facs'] as string | null });
    }
    return true;
  });
  return out;
}

const kids = (el: XmlElement, name: string): XmlElement[] =>
  childElements(el).filter((c) => localName(c.name) === name);

function points(el: XmlElement, name = 'Coords'): Array<[number, number]> {
  const coords = kids(el, name)[0];
  const value = coords === undefined ? '' : (getAttr(coords, 'points') ?? '');
  return value
    .trim()
    .split(/\s+/)
    .map((p) => p.split(',').map(Number) as [number, number]);
}

/** Ground truth of a PAGE file: its regions in reading order, each with its lines. */
export interface TruthRegion {
  id: string;
  type: string | null;
  points: Array<[number, number]>;
  lines: Array<{
    id: string;
    text: string;
    points: Array<[number, number]>;
    baseline: Array<[number, number]> | null;
    words: string[];
  }>;
}

export function pageTruth(xml: string): { image: string; width: number; height: number; regions: TruthRegion[] } {
  const root = parseXml(xml).root;
  const page = kids(root, 'Page')[0]!;
  const order = kids(kids(kids(page, 'ReadingOrder')[0]!, 'OrderedGroup')[0]!, 'RegionRefIndexed')
    .sort((a, b) => Number(getAttr(a, 'index')) - Number(getAttr(b, 'index')))
    .map((r) => getAttr(r, 'regionRef')!);
  const regions = kids(page, 'TextRegion').map((r) => ({
    id: getAttr(r, 'id')!,
    type: getAttr(r, 'type'),
    points: points(r),
    lines: kids(r, 'TextLine').map((l) => ({
      id: getAttr(l, 'id')!,
      text: textContent(kids(kids(l, 'TextEquiv')[0]!, 'Unicode')[0]!),
      points: points(l),
      baseline: kids(l, 'Baseline').length === 0 ? null : points(l, 'Baseline'),
      words: kids(l, 'Word').map((w) => textContent(kids(kids(w, 'TextEquiv')[0]!, 'Unicode')[0]!)),
    })),
  }));
  return {
    image: getAttr(page, 'imageFilename')!,
    width: Number(getAttr(page, 'imageWidth')),
    height: Number(getAttr(page, 'imageHeight')),
    regions: order.map((id) => regions.find((r) => r.id === id)).filter((r): r is TruthRegion => r !== undefined),
  };
}
