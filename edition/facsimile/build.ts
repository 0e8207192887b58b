/**
 * Pages read from PAGE XML, ALTO or a IIIF manifest made into one document: its
 * surfaces with their zones, and its text with page and line breaks pointing at them
 * the TEI way. Each page begins with a page break whose `facs` names its surface
 * (`<pb facs="#s"/>`); each line begins with a line break whose `facs` names its line
 * zone (`<lb facs="#l"/>`), and the line's text follows as the source has it (no
 * normalisation, the hyphen at a line end kept).
 *
 * Regions become blocks by their type: headings `head`; running heads, page numbers,
 * catch-words, signature marks and footers TEI `fw` with the Guidelines' types (`header`,
 * `pageNum`, `catch`, `sig`, `footer`); paragraphs and regions without a type `p`; any
 * other type an `ab` of that type (a drop capital, a marginal note); each block's `facs`
 * names its region's zone. Regions without text (separators, images) are zones only.
 */
import type { Node as PMNode } from 'prosemirror-model';
import type { DocJSON } from '../types.ts';
import type { Entity } from '../entities/model.ts';
import { schema } from '../schema.ts';
import { TagContext, taggedLines } from './annotate.ts';
import type { Point, Surface, Zone, ZoneKind } from './api.ts';
import { boundingBox, isBoxOutline, type LayoutPage, type LayoutRegion } from './layout.ts';

/** A surface as an import makes it: the store adds the document and the image. */
export type ImportedSurface = Omit<Surface, 'documentId' | 'image'> & {
  /** The image as the source names it (a path relative to the source file, or a URL), or null. */
  imageRef: string | null;
};

/** What every facsimile import (PAGE, ALTO, METS, IIIF) gives the store. */
export interface FacsimileImport {
  title: string;
  doc: DocJSON;
  surfaces: ImportedSurface[];
  /** Labels and metadata of the whole (a IIIF manifest's), in order. */
  metadata: Array<{ label: string; value: string }>;
  /**
   * The register entries the document's tagged names propose (annotate.ts): each `id` is
   * the key its mentions' `ref` hold until the store links them to entries of its own.
   */
  entities: Entity[];
  /** What was read differently from the source or not at all, one sentence each. */
  warnings: string[];
}

/** One page to build: its layout and what names it. */
export interface PageInput {
  layout: LayoutPage;
  /** What the page's ids begin with: a file's stem, a canvas number. Made into an XML name. */
  key: string;
  /** The page's number or label (TEI `pb/@n`, `surface/@n`), or null. */
  n: string | null;
  metadata?: Array<{ label: string; value: string }>;
}

/** PAGE region types that TEI calls `fw` (forme work), with the Guidelines' `fw/@type`. */
export const FW_TYPES: Readonly<Record<string, string>> = {
  header: 'header',
  footer: 'footer',
  'page-number': 'pageNum',
  'catch-word': 'catch',
  'signature-mark': 'sig',
};

/** `s` as an XML name (NCName): other characters become `_`, and a leading digit or dot gets `f`. */
export function xmlName(s: string): string {
  const name = s.replace(/[^\p{L}\p{N}_.-]/gu, '_');
  return /^[\p{L}_]/u.test(name) ? name : `f${name}`;
}

/** Hands out ids unique within one import. */
class Ids {
  private readonly used = new Set<string>();
  take(wanted: string): string {
    let id = xmlName(wanted);
    for (let i = 2; this.used.has(id); i++) id = `${xmlName(wanted)}_${i}`;
    this.used.add(id);
    return id;
  }
}

function blockFor(region: LayoutRegion, regionId: string | null, content: PMNode[]): PMNode {
  // The block points at its region's zone (`<p facs="#r1">`), as the line breaks at theirs.
  const facs: Array<[string, string]> = regionId === null ? [] : [['facs', `#${regionId}`]];
  const type = region.type;
  if (type === 'heading') return schema.nodes.heading.create({ xml: facs }, content);
  if (type === null || type === 'paragraph') return schema.nodes.paragraph.create({ xml: facs }, content);
  const fw = Object.hasOwn(FW_TYPES, type) ? FW_TYPES[type] : undefined;
  if (fw !== undefined) return schema.nodes.teiText.create({ name: 'fw', xml: [['type', fw], ...facs] }, content);
  return schema.nodes.teiText.create({ name: 'ab', xml: [['type', type], ...facs] }, content);
}

/**
 * Builds the document and surfaces of `pages`, in order.
 */
export function buildFacsimile(
  title: string,
  pages: readonly PageInput[],
  options: {
    /** Labels and metadata of the whole (a IIIF manifest's). */
    metadata?: Array<{ label: string; value: string }>;
  } = {},
): FacsimileImport {
  const metadata = options.metadata ?? [];
  const ids = new Ids();
  const blocks: PMNode[] = [];
  const surfaces: ImportedSurface[] = [];
  const warnings: string[] = [];
  const tags = new TagContext();

  pages.forEach((page, pageIndex) => {
    const { layout } = page;
    warnings.push(...layout.warnings);
    const surfaceId = ids.take(page.key);
    const zones: Zone[] = [];
    const zone = (
      kind: ZoneKind,
      type: string | null,
      sourceId: string | null,
      outline: Point[],
      parent: string | null,
      baseline: Point[] | null = null,
    ): string | null => {
      if (outline.length === 0) return null;
      const id = ids.take(`${surfaceId}_${sourceId ?? `${kind}${zones.length + 1}`}`);
      zones.push({
        id,
        kind,
        type,
        ...boundingBox(outline),
        points: isBoxOutline(outline) ? null : outline,
        baseline,
        parent,
        position: zones.length,
      });
      return id;
    };
    if (layout.border !== null) zone('region', 'border', 'border', layout.border, null);
    if (layout.printSpace !== null) zone('region', 'print-space', 'printspace', layout.printSpace, null);

    blocks.push(
      schema.nodes.teiText.create({ name: null }, [
        schema.nodes.pageBreak.create({ n: page.n, facs: `#${surfaceId}` }),
      ]),
    );
    let lines = 0;
    for (const region of layout.regions) {
      const regionId = zone('region', region.type, region.id, region.outline, null);
      if (!region.textual || region.lines.length === 0) continue;
      const lineIds = region.lines.map((line) => {
        const lineId = zone('line', null, line.id, line.outline, regionId, line.baseline);
        for (const word of line.words) {
          const wordId = zone('word', null, word.id, word.outline, lineId);
          for (const glyph of word.glyphs) zone('glyph', null, glyph.id, glyph.outline, wordId);
        }
        return lineId;
      });
      lines += region.lines.length;
      const content = taggedLines(
        region.lines,
        (i) => {
          const lineId = lineIds[i] ?? null;
          return schema.nodes.lineBreak.create({ facs: lineId === null ? null : `#${lineId}` });
        },
        tags,
      );
      blocks.push(blockFor(region, regionId, content));
    }
    // A page with regions but no line is a transcription without text; an image alone is not.
    if (lines === 0 && layout.regions.length > 0)
      warnings.push(`Page ${page.n ?? pageIndex + 1} (${page.key}) has no lines of text.`);

    const box = boundingBox(zones.flatMap((z) => [[z.ulx, z.uly] as Point, [z.lrx, z.lry] as Point]));
    surfaces.push({
      id: surfaceId,
      position: pageIndex,
      n: page.n,
      ulx: 0,
      uly: 0,
      lrx: layout.width ?? box.lrx,
      lry: layout.height ?? box.lry,
      zones,
      metadata: page.metadata ?? [],
      imageRef: layout.imageRef,
    });
  });

  if (blocks.length === 0) blocks.push(schema.nodes.teiText.create({ name: null }));
  const doc = schema.nodes.doc.create(null, blocks);
  doc.check();
  warnings.push(...tags.warnings);
  return { title, doc: doc.toJSON() as DocJSON, surfaces, metadata, entities: tags.entities, warnings };
}
