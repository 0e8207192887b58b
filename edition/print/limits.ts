/**
 * What the PDF layout can take. The paginator renders each page as a window onto the
 * laid-out text and clones every block a page shows, so one paragraph spread over
 * hundreds of pages costs its length times its pages: a paragraph of 5 million
 * characters would run for minutes. Such an edition is refused up front with a
 * sentence, rather than failing after a long wait.
 */
import type { DocJSON } from '../types.ts';
import { SiglumError } from '../errors.ts';
import type { PrintEdition } from './model.ts';

/** The longest paragraph (characters of one text block) the PDF layout accepts. */
export const MAX_PRINT_BLOCK_CHARS = 200_000;

/** The character count of the longest text block in `doc` (text of its direct children). */
export function longestBlock(doc: DocJSON): number {
  let longest = 0;
  const visit = (node: unknown): void => {
    if (typeof node !== 'object' || node === null) return;
    const content = (node as { content?: unknown }).content;
    if (!Array.isArray(content)) return;
    let own = 0;
    for (const child of content) {
      const text = (child as { text?: unknown } | null)?.text;
      if (typeof text === 'string') own += text.length;
      else visit(child);
    }
    longest = Math.max(longest, own);
  };
  visit(doc);
  return longest;
}

/**
 * Throws SiglumError('too-large') naming the first document with a paragraph longer
 * than MAX_PRINT_BLOCK_CHARS; does nothing when every paragraph fits.
 */
export function checkPrintable(edition: PrintEdition): void {
  for (const d of edition.documents) {
    const length = longestBlock(d.doc);
    if (length > MAX_PRINT_BLOCK_CHARS) {
      throw new SiglumError(
        'too-large',
        `"${d.title}" has a paragraph of ${length.toLocaleString('en')} characters, and the PDF lays out at most ${MAX_PRINT_BLOCK_CHARS.toLocaleString('en')} in one paragraph. Split it into shorter paragraphs and export again, or export it as HTML or LaTeX.`,
      );
    }
  }
}
