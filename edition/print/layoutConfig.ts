/**
 * The page geometry the paginator (browser/paginate.ts) works in, computed from the
 * resolved print settings on the Node side and handed to the print page.
 */
import type { LineNumberRestart, ResolvedPrintSettings } from './model.ts';

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
  lineNumberRestart: LineNumberRestart;
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
