/**
 * Reading a large file on two threads: each import worker parses the whole file (the
 * parse checks it whole either way) and reads the content of half of each volume's
 * documents, the part that costs most; runImportWorker joins the two answers (wire.ts).
 */

/**
 * Which documents' content one worker reads and posts: all of them, or the first or
 * second half of each volume's. A plain-text document is the first half's.
 */
export type Share = 'all' | 'first' | 'second';

/** True when the document at `index` of a volume of `count` is in `share`. */
export function inShare(share: Share, index: number, count: number): boolean {
  return share === 'all' || (share === 'first') === index < Math.ceil(count / 2);
}
