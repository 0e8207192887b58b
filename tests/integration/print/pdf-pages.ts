/**
 * Reads a typeset PDF back with poppler (pdftotext -bbox, pdffonts) and splits each
 * page into its parts by where and how large the words are: the running head, the
 * text lines, the line numbers in the margin, the foot (notes and apparatus) and the
 * folio. Used by the print tests to check the PDF itself, not the layout's own report.
 */
import { execFileSync } from 'node:child_process';

export interface Word {
  text: string;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export interface PdfPage {
  number: number;
  words: Word[];
  /** Text lines of body size, top to bottom (headings and small print excluded). */
  lines: Word[][];
  /** Line numbers printed in the margin, with the vertical centre of each. */
  margin: Array<{ n: number; y: number }>;
  /** Words below the last text line and above the bottom margin, in reading order. */
  foot: Word[];
  /** Everything between the running head and the foot, in reading order. */
  body: Word[];
}

const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
};

function decode(s: string): string {
  return s.replace(/&(amp|lt|gt|quot|apos);/g, (_, e: string) => ENTITIES[e] ?? '');
}

/** Removes whitespace, hyphens and soft hyphens, so that text compares across line breaks. */
export function squash(s: string): string {
  return s.replace(/[\s\u00ad\u2010-]+/g, '');
}

export function text(words: readonly Word[]): string {
  return words.map((w) => w.text).join(' ');
}

function mode(values: number[]): number {
  const counts = new Map<number, number>();
  for (const v of values) counts.set(Math.round(v * 10) / 10, (counts.get(Math.round(v * 10) / 10) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 0;
}

/** Words sorted into lines (by vertical centre, superscripts with their line) and left to right. */
function readingOrder(words: Word[]): Word[] {
  const lines: Array<{ y: number; words: Word[] }> = [];
  for (const w of [...words].sort((a, b) => a.y1 - b.y1)) {
    const y = (w.y0 + w.y1) / 2;
    const line = lines.find((l) => Math.abs(l.y - y) < 4);
    if (line) line.words.push(w);
    else lines.push({ y, words: [w] });
  }
  return lines.sort((a, b) => a.y - b.y).flatMap((l) => l.words.sort((a, b) => a.x0 - b.x0));
}

/**
 * The pages of `pdfPath`, given the text block's left and right edges and the top and
 * bottom margins (all in PDF points).
 */
export function readPdf(
  pdfPath: string,
  geometry: { left: number; right: number; top: number; bottom: number },
): PdfPage[] {
  const xml = execFileSync('pdftotext', ['-bbox', pdfPath, '-'], {
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  const pages: Array<{ height: number; words: Word[] }> = [];
  for (const m of xml.matchAll(/<page width="[\d.]+" height="([\d.]+)">([\s\S]*?)<\/page>/g)) {
    const words: Word[] = [];
    for (const w of (m[2] ?? '').matchAll(
      /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g,
    )) {
      words.push({
        x0: Number(w[1]),
        y0: Number(w[2]),
        x1: Number(w[3]),
        y1: Number(w[4]),
        text: decode(w[5] ?? ''),
      });
    }
    pages.push({ height: Number(m[1]), words });
  }
  const bodySize = mode(pages.flatMap((p) => p.words.map((w) => w.y1 - w.y0)));
  return pages.map((p, i) => {
    const inBlock = (w: Word): boolean => w.y0 >= geometry.top - 2 && w.y1 <= p.height - geometry.bottom + 2;
    const inColumn = (w: Word): boolean => w.x0 >= geometry.left - 2 && w.x1 <= geometry.right + 2;
    const isBody = (w: Word): boolean =>
      inBlock(w) && inColumn(w) && Math.abs(w.y1 - w.y0 - bodySize) < bodySize * 0.08;
    const lines: Word[][] = [];
    for (const w of p.words.filter(isBody).sort((a, b) => a.y0 - b.y0 || a.x0 - b.x0)) {
      const line = lines[lines.length - 1];
      if (line && Math.abs(line[0]!.y0 - w.y0) < 1) line.push(w);
      else lines.push([w]);
    }
    const lastLine = lines[lines.length - 1];
    const footTop = lastLine ? Math.max(...lastLine.map((w) => w.y1)) : geometry.top;
    const margin = p.words
      .filter((w) => inBlock(w) && (w.x1 < geometry.left - 2 || w.x0 > geometry.right + 2) && /^\d+$/.test(w.text))
      .map((w) => ({ n: Number(w.text), y: (w.y0 + w.y1) / 2 }));
    const foot = readingOrder(p.words.filter((w) => inBlock(w) && w.y0 > footTop && inColumn(w)));
    const body = readingOrder(p.words.filter((w) => inBlock(w) && w.y1 <= footTop + 1 && inColumn(w)));
    return { number: i + 1, words: p.words, lines, margin, foot, body };
  });
}

/** Font rows of `pdffonts`: name, type, embedded. */
export function pdfFonts(pdfPath: string): Array<{ name: string; type: string; embedded: boolean }> {
  const out = execFileSync('pdffonts', [pdfPath], { encoding: 'utf8' });
  return out
    .split('\n')
    .slice(2)
    .filter((l) => l.trim() !== '')
    .map((l) => {
      const m = /^(\S+)\s+(.+?)\s{2,}(\S+)\s+(yes|no)\s+(yes|no)\s+(yes|no)/.exec(l);
      return {
        name: m?.[1] ?? l,
        type: m?.[2] ?? '?',
        embedded: m?.[4] === 'yes',
      };
    });
}
