/**
 * The kinds of mention the window offers: the built-in ones (each with its
 * label, shortcut and colour) and any type an editor defined, which takes a
 * colour of its own from a small palette by its name, so it keeps it across
 * sessions.
 */
export interface MentionKind {
  /** The mark's `kind` and, except for dates, the register entry's type. */
  readonly id: string;
  readonly label: string;
  /** Whether mentions of this kind link to a register entry (dates carry a value instead). */
  readonly linked: boolean;
}

export const BUILT_IN_KINDS: readonly MentionKind[] = [
  { id: 'person', label: 'Person', linked: true },
  { id: 'place', label: 'Place', linked: true },
  { id: 'org', label: 'Organisation', linked: true },
  { id: 'date', label: 'Date', linked: false },
  { id: 'term', label: 'Term', linked: true },
];

/** The shortcut of each built-in kind (ProseMirror key names): the kind's initial, with Mod-Alt-Shift. */
export const KIND_KEYS: Readonly<Record<string, string>> = {
  person: 'Mod-Alt-Shift-p',
  place: 'Mod-Alt-Shift-l',
  org: 'Mod-Alt-Shift-o',
  date: 'Mod-Alt-Shift-d',
  term: 'Mod-Alt-Shift-t',
};

/** A kind by id: a built-in one, or an editor's own type ("ship" → "Ship"). */
export function kindOf(id: string): MentionKind {
  return (
    BUILT_IN_KINDS.find((k) => k.id === id) ?? {
      id,
      label: id.charAt(0).toUpperCase() + id.slice(1),
      linked: true,
    }
  );
}

/** Types an editor defined: those of the register that are not built in, sorted. */
export function customKinds(types: Iterable<string>): MentionKind[] {
  const builtIn = new Set(BUILT_IN_KINDS.map((k) => k.id));
  return [...new Set(types)]
    .filter((t) => !builtIn.has(t))
    .sort()
    .map(kindOf);
}

/** Whether a typed type name can be a kind (the register's rule: a lower-case word). */
export function isKindName(name: string): boolean {
  return /^[a-z][a-z0-9-]{0,31}$/.test(name);
}
