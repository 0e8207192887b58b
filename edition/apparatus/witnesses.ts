/**
 * Witnesses and collation settings as they cross the API: the types the store keeps
 * and the UI shows, and the check every setting passes before it is saved.
 */
import type { NormaliseOptions, Regularisation } from '../collation/index.ts';
import { SiglumError } from '../errors.ts';
import { isApiId } from '../ids.ts';

/** How a witness's text came: typed in, or imported from a plain-text or TEI file. */
export type WitnessOrigin = 'typed' | 'text' | 'tei';

export interface WitnessInfo {
  id: string;
  documentId: string;
  siglum: string;
  description: string;
  text: string;
  origin: WitnessOrigin;
  /** The file it was imported from, if any. */
  fileName: string | null;
  /** Collation order among the document's witnesses. */
  position: number;
  updatedAt: string;
}

/** Normalisation options that can be saved (the regularisation table is kept apart). */
export interface SavedNormalise {
  caseFold: boolean;
  diacritics: boolean;
  punctuation: boolean;
  /**
   * Near matching: a word left unmatched is set beside the most similar unmatched reading
   * in its gap (`Coriander` against `Korianderx`), rather than beside whatever stands
   * opposite it (edition/collation ties.ts). Saved with the switches; off by default.
   */
  nearMatch?: boolean;
}

export interface CollationSettings {
  /** The base: a witness id, or null for the document's own edited text. */
  base: string | null;
  /** The siglum the document's own text goes by among the witnesses. */
  documentSiglum: string;
  normalise: SavedNormalise;
  /** The editable regularisation table (`&` = `and`; `v` = `u` in words). */
  regularisations: Regularisation[];
}

export const DEFAULT_COLLATION_SETTINGS: CollationSettings = Object.freeze({
  base: null,
  documentSiglum: 'Base',
  normalise: { caseFold: true, diacritics: false, punctuation: false, nearMatch: false },
  regularisations: [],
}) as CollationSettings;

function bad(message: string): never {
  throw new SiglumError('bad-input', message);
}

/** The saved normalisation as the collation engine takes it. */
export function normaliseOptions(s: CollationSettings): NormaliseOptions {
  const { caseFold, diacritics, punctuation } = s.normalise;
  return { caseFold, diacritics, punctuation, regularisations: s.regularisations };
}

/** Everything the saved settings tell the collation: normalisation and near matching. */
export function collateOptionsOf(s: CollationSettings): { normalise: NormaliseOptions; nearMatch: boolean } {
  return { normalise: normaliseOptions(s), nearMatch: s.normalise.nearMatch === true };
}

/** Settings checked (from the wire or the store); missing fields take the defaults. 'bad-input' saying what is wrong. */
export function checkCollationSettings(value: unknown): CollationSettings {
  const v = (value ?? {}) as Record<string, unknown>;
  if (typeof v !== 'object' || Array.isArray(v)) bad('Collation settings must be an object.');
  const d = DEFAULT_COLLATION_SETTINGS;
  const base = v['base'] ?? null;
  if (base !== null && !isApiId(base)) bad(`"base" must be a witness id or null, got ${JSON.stringify(base)}.`);
  const siglum = v['documentSiglum'] ?? d.documentSiglum;
  if (typeof siglum !== 'string' || siglum.trim() === '' || siglum.length > 100)
    bad('"documentSiglum" must be a siglum of 1 to 100 characters.');
  const n = (v['normalise'] ?? {}) as Record<string, unknown>;
  if (typeof n !== 'object' || Array.isArray(n)) bad('"normalise" must be an object of switches.');
  const flag = (name: keyof SavedNormalise): boolean => {
    const f = n[name] ?? d.normalise[name] ?? false;
    if (typeof f !== 'boolean') bad(`"normalise.${name}" must be true or false.`);
    return f;
  };
  const table = v['regularisations'] ?? [];
  if (!Array.isArray(table)) bad('"regularisations" must be a list of { from, to, scope } rows.');
  if (table.length > 10_000) bad('The regularisation table may hold at most 10,000 rows.');
  const regularisations = table.map((row: unknown, i): Regularisation => {
    const r = row as Record<string, unknown> | null;
    if (
      typeof r !== 'object' ||
      r === null ||
      typeof r['from'] !== 'string' ||
      r['from'] === '' ||
      typeof r['to'] !== 'string' ||
      r['from'].length > 1_000 ||
      r['to'].length > 1_000
    ) {
      bad(`Regularisation ${i + 1} needs a non-empty "from" and a "to" (strings of at most 1,000 characters).`);
    }
    const scope = r['scope'] ?? 'token';
    if (scope !== 'token' && scope !== 'character') bad(`Regularisation ${i + 1}: "scope" is "token" or "character".`);
    return { from: r['from'], to: r['to'], scope };
  });
  return {
    base,
    documentSiglum: siglum.trim(),
    normalise: {
      caseFold: flag('caseFold'),
      diacritics: flag('diacritics'),
      punctuation: flag('punctuation'),
      nearMatch: flag('nearMatch'),
    },
    regularisations,
  };
}

/** A siglum checked: 1 to 100 characters, no line breaks. */
export function checkSiglum(value: unknown): string {
  if (typeof value !== 'string' || value.trim() === '' || value.length > 100 || /[\r\n]/u.test(value)) {
    bad(`A siglum is 1 to 100 characters on one line, got ${JSON.stringify(value)}.`);
  }
  return value.trim();
}

/** One text to collate, with the witness it comes from (null: the document's own text). */
export interface CollationInput {
  siglum: string;
  text: string;
  id: string | null;
}

/**
 * What a document collates, in order: the document's own text (under its siglum) and its
 * witnesses in their order, with the base moved first (each witness is aligned against
 * those before it). The service's `collateDocument` and a view that re-collates in the
 * window both start here, so they collate the same.
 */
export function collationInputs(
  ownText: string,
  witnesses: readonly WitnessInfo[],
  settings: CollationSettings,
): CollationInput[] {
  const inputs: CollationInput[] = [
    { siglum: settings.documentSiglum, text: ownText, id: null },
    ...[...witnesses]
      .sort((a, b) => a.position - b.position)
      .map((w) => ({ siglum: w.siglum, text: w.text, id: w.id })),
  ];
  const at = inputs.findIndex((w) => w.id === settings.base);
  return at <= 0 ? inputs : [inputs[at]!, ...inputs.slice(0, at), ...inputs.slice(at + 1)];
}
