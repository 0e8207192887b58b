/**
 * A mention's TEI element and attributes, both ways: what the TEI importer puts
 * in a `mention` mark for `<persName ref="#pers_grew">`, `<date when="1932-12">`,
 * `<rs type="ship">`, FRUS's `<persName corresp="#p_DAARA1">` and
 * `<gloss target="#t_CIA1">`, and what the exporter writes back.
 *
 * The link to the register is the mark's `ref` (an entity id); in TEI it is a
 * pointer to the entry's `xml:id`. The pointer attribute read on import (`@ref`,
 * or FRUS's `@corresp` / `@target`) stays in the mark's `xml`, in its place, and
 * export writes the current `xml:id` into it, adding `@ref` only for a mention
 * that had none: an imported element comes back with the same attributes in the
 * same order. A pointer to nothing in the register stays as it was and the
 * mention is unlinked. Only a date's own attributes move into the mark.
 */
import type { XmlAttrs } from '../schema.ts';
import { kindOfElement, mentionElement } from './model.ts';

/** The attributes of a `mention` mark. */
export interface MentionMarkAttrs {
  kind: string;
  ref: string | null;
  when: string | null;
  from: string | null;
  to: string | null;
  notBefore: string | null;
  notAfter: string | null;
  element: string | null;
  xml: Array<[string, string]>;
}

const DATE_ATTRS = ['when', 'from', 'to', 'notBefore', 'notAfter'] as const;
/** Attributes that may point at a register entry, in order of preference. */
const POINTERS = ['ref', 'corresp', 'target'] as const;

/** The single `#id` a pointer names, or null for anything else (several ids, another file). */
function localTarget(value: string): string | null {
  const m = /^#([^\s#]+)$/.exec(value.trim());
  return m?.[1] ?? null;
}

/**
 * The mention a TEI element stands for, or null when the element is not one
 * (`hi`, `seg`...). `gloss` counts as a term mention only when it points somewhere
 * (FRUS links glossed abbreviations to its terms list). `resolve` maps an `xml:id`
 * to the entity id it has in the register, or null.
 */
export function mentionFromTei(
  name: string,
  attrs: XmlAttrs,
  resolve: (xmlId: string) => string | null,
): MentionMarkAttrs | null {
  const get = (n: string): string | null => attrs.find(([k]) => k === n)?.[1] ?? null;
  const isGloss = name === 'gloss' && get('target') !== null;
  const kind = isGloss ? 'term' : kindOfElement(name, get('type'));
  if (kind === null) return null;

  let ref: string | null = null;
  for (const p of POINTERS) {
    const value = get(p);
    const target = value === null ? null : localTarget(value);
    ref = target === null ? null : resolve(target);
    if (ref !== null) break;
  }
  const result: MentionMarkAttrs = {
    kind,
    ref,
    when: null,
    from: null,
    to: null,
    notBefore: null,
    notAfter: null,
    element: name === mentionElement(kind) ? null : name,
    xml: [],
  };
  for (const [k, v] of attrs) {
    if (kind === 'date' && (DATE_ATTRS as readonly string[]).includes(k)) {
      result[k as (typeof DATE_ATTRS)[number]] = v;
    } else {
      result.xml.push([k, v]);
    }
  }
  return result;
}

/**
 * The TEI element and attributes a mention exports as. `xmlIdOf` maps an entity
 * id to its `xml:id` in this export (see `assignXmlIds`); a mention whose entity
 * has none is written without a pointer.
 */
export function mentionToTei(
  attrs: MentionMarkAttrs,
  xmlIdOf: (entityId: string) => string | null,
): { name: string; attrs: Array<[string, string]> } {
  const name = mentionElement(attrs.kind, attrs.element);
  const out: Array<[string, string]> = [];
  // A mention made in the editor as `rs` says its kind in @type.
  if (attrs.element === null && name === 'rs' && !attrs.xml.some(([k]) => k === 'type')) out.push(['type', attrs.kind]);
  if (attrs.kind === 'date') {
    for (const k of DATE_ATTRS) {
      const v = attrs[k];
      if (v !== null) out.push([k, v]);
    }
  }
  const target = attrs.ref === null ? null : xmlIdOf(attrs.ref);
  // The pointer kept from import is the mention's link: it gets the current id.
  const isPointer = ([k, v]: readonly [string, string]): boolean =>
    (POINTERS as readonly string[]).includes(k) && localTarget(v) !== null;
  const current = attrs.xml.findIndex((a) => isPointer(a) && localTarget(a[1]) === target);
  const kept = current >= 0 ? current : attrs.xml.findIndex(isPointer);
  for (const [i, [k, v]] of attrs.xml.entries()) {
    out.push(i === kept && target !== null ? [k, `#${target}`] : [k, v]);
  }
  if (target !== null && kept < 0) out.push(['ref', `#${target}`]);
  return { name, attrs: out };
}
