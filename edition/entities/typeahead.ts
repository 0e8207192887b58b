/**
 * Type-ahead over the project register: as the editor types a few letters in the
 * mention popup, the entities whose name or alternative names have words starting
 * with them, best first.
 *
 * Matching ignores case and diacritics ("osaka" finds "Ōsaka") and word order;
 * every word of the query must begin some word of the same name ("gr jos" finds
 * "Joseph C. Grew"). Ranking, best first:
 *   exact name > exact alternative name > name begins with the query > a word
 *   of the name begins with it > an alternative name begins with it > a word of
 *   an alternative name begins with it,
 * an exact alternative name ranking high because typing "Grew" means Grew, not
 * Grewe; within a rank, names where more query words are whole words first,
 * then shorter names, then alphabetical.
 *
 * The index keeps every word of every name in one sorted array; a query looks up
 * the prefix range of its most selective word by binary search and checks only
 * those names. The array is sorted once, when the index is built; later additions
 * are inserted in place, and deletions leave dead entries that are swept out when
 * they reach half the array.
 */
import { fold, words } from './fold.ts';

export interface TypeaheadEntry {
  id: string;
  type: string;
  name: string;
  altNames: readonly string[];
}

/** How a hit matched, best first. */
export const MATCH_KINDS = [
  'exact',
  'alt-exact',
  'name-prefix',
  'word-prefix',
  'alt-prefix',
  'alt-word-prefix',
] as const;
export type MatchKind = (typeof MATCH_KINDS)[number];

export interface TypeaheadHit {
  id: string;
  type: string;
  /** The entity's preferred name. */
  name: string;
  /** The name or alternative name that matched. */
  matched: string;
  kind: MatchKind;
}

export interface TypeaheadOptions {
  /** Most hits to return (default 20). */
  limit?: number;
  /** Only entities of these types. */
  types?: readonly string[];
}

/** One name (preferred or alternative) of one entity. */
interface NameRecord {
  entry: TypeaheadEntry;
  text: string;
  /** Folded words joined by single spaces. */
  key: string;
  words: string[];
  alt: boolean;
  live: boolean;
}

export class TypeaheadIndex {
  private names: NameRecord[] = [];
  private byId = new Map<string, NameRecord[]>();
  /** Every word of every live name, sorted, with the index of its name record. */
  private sortedWords: string[] = [];
  private sortedNames: number[] = [];
  /** Whether the sorted array must be rebuilt before the next query. */
  private dirty = true;
  private dead = 0;

  constructor(entries: Iterable<TypeaheadEntry> = []) {
    for (const e of entries) this.set(e);
    this.rebuild();
  }

  /** Number of entities in the index. */
  get size(): number {
    return this.byId.size;
  }

  /** Adds an entity, or replaces the one with the same id. */
  set(entry: TypeaheadEntry): void {
    this.delete(entry.id);
    const records: NameRecord[] = [];
    for (const [text, alt] of [[entry.name, false] as const, ...entry.altNames.map((n) => [n, true] as const)]) {
      const w = words(fold(text));
      if (w.length === 0) continue;
      const record = { entry, text, key: w.join(' '), words: w, alt, live: true };
      records.push(record);
      const nameIndex = this.names.push(record) - 1;
      if (!this.dirty) {
        for (const word of new Set(w)) {
          const at = this.lowerBound(word, false);
          this.sortedWords.splice(at, 0, word);
          this.sortedNames.splice(at, 0, nameIndex);
        }
      }
    }
    this.byId.set(entry.id, records);
  }

  /** Removes an entity; unknown ids are ignored. */
  delete(id: string): void {
    const records = this.byId.get(id);
    if (records === undefined) return;
    for (const r of records) r.live = false;
    this.byId.delete(id);
    this.dead += records.length;
    if (this.dead * 2 > this.names.length) this.dirty = true;
  }

  /** The entities matching what the editor typed, best first. An empty query finds nothing. */
  search(query: string, options: TypeaheadOptions = {}): TypeaheadHit[] {
    const limit = options.limit ?? 20;
    const qWords = words(fold(query));
    if (qWords.length === 0 || limit <= 0) return [];
    if (this.dirty) this.rebuild();
    const qKey = qWords.join(' ');

    // The query word with the fewest index words starting with it.
    let best: [number, number] | null = null;
    for (const w of qWords) {
      const range = this.prefixRange(w);
      if (best === null || range[1] - range[0] < best[1] - best[0]) best = range;
    }
    if (best === null || best[0] === best[1]) return [];

    const types = options.types === undefined ? null : new Set(options.types);
    // Best match per entity, as parallel arrays indexed by slot.
    const slotOf = new Map<TypeaheadEntry, number>();
    const ranks: number[] = [];
    const wholes: number[] = [];
    const records: NameRecord[] = [];
    let lastName = -1;
    for (let i = best[0]; i < best[1]; i++) {
      const nameIndex = this.sortedNames[i] ?? 0;
      if (nameIndex === lastName) continue;
      lastName = nameIndex;
      const record = this.names[nameIndex];
      if (record === undefined || !record.live || (types !== null && !types.has(record.entry.type))) continue;
      if (qWords.length > 1 && !qWords.every((q) => record.words.some((w) => w.startsWith(q)))) continue;
      const rank =
        record.key === qKey ? (record.alt ? 1 : 0) : (record.alt ? 4 : 2) + (record.key.startsWith(qKey) ? 0 : 1);
      let whole = 0;
      for (const q of qWords) if (record.words.includes(q)) whole++;
      const slot = slotOf.get(record.entry);
      if (slot === undefined) {
        slotOf.set(record.entry, records.length);
        ranks.push(rank);
        wholes.push(whole);
        records.push(record);
      } else if (rank < (ranks[slot] ?? 9) || (rank === ranks[slot] && whole > (wholes[slot] ?? 0))) {
        ranks[slot] = rank;
        wholes[slot] = whole;
        records[slot] = record;
      }
    }

    // The best `limit` slots, kept sorted by insertion: cheaper than sorting thousands of one-letter hits.
    const before = (a: number, b: number): boolean => {
      const ea = (records[a] as NameRecord).entry;
      const eb = (records[b] as NameRecord).entry;
      const order =
        (ranks[a] ?? 0) - (ranks[b] ?? 0) ||
        (wholes[b] ?? 0) - (wholes[a] ?? 0) ||
        ea.name.length - eb.name.length ||
        compare(ea.name, eb.name) ||
        compare(ea.id, eb.id);
      return order < 0;
    };
    const top: number[] = [];
    for (let slot = 0; slot < records.length; slot++) {
      const worst = top[top.length - 1];
      if (top.length >= limit && worst !== undefined && !before(slot, worst)) continue;
      let at = top.length;
      while (at > 0 && before(slot, top[at - 1] ?? 0)) at--;
      top.splice(at, 0, slot);
      if (top.length > limit) top.pop();
    }
    return top.map((slot) => {
      const record = records[slot] as NameRecord;
      return {
        id: record.entry.id,
        type: record.entry.type,
        name: record.entry.name,
        matched: record.text,
        kind: MATCH_KINDS[ranks[slot] ?? 5] ?? 'alt-word-prefix',
      };
    });
  }

  private rebuild(): void {
    this.names = this.names.filter((r) => r.live);
    const pairs: Array<[string, number]> = [];
    this.names.forEach((r, i) => {
      for (const w of new Set(r.words)) pairs.push([w, i]);
    });
    pairs.sort((a, b) => compare(a[0], b[0]) || a[1] - b[1]);
    this.sortedWords = pairs.map((p) => p[0]);
    this.sortedNames = pairs.map((p) => p[1]);
    this.dead = 0;
    this.dirty = false;
  }

  /** [first, end) of the sorted words that start with `prefix`. */
  private prefixRange(prefix: string): [number, number] {
    return [this.lowerBound(prefix, false), this.lowerBound(prefix, true)];
  }

  /** The first sorted word not below `target` (with `orPrefix`, not below nor starting with it). */
  private lowerBound(target: string, orPrefix: boolean): number {
    const words = this.sortedWords;
    let lo = 0;
    let hi = words.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const w = words[mid] ?? '';
      if (w < target || (orPrefix && w.startsWith(target))) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
