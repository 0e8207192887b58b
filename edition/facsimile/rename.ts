/**
 * Surface and zone ids are `xml:id`s unique within a project, but a source's ids are
 * its own (every PAGE file has its `r_1_1` and `tl_1`, and the same METS may be imported
 * twice). Before an import is stored, ids the project already has are renamed, and every
 * pointer at them in the document (page and line breaks, a block's `facs`) and every
 * zone's parent follows.
 */
import type { DocJSON } from '../types.ts';
import type { FacsimileImport } from './build.ts';

/**
 * `result` with each surface and zone id that `taken` says is in use renamed to the
 * first free `id_2`, `id_3`, ... (free of `taken` and of the import's own ids).
 */
export function withFreeIds(result: FacsimileImport, taken: (id: string) => boolean): FacsimileImport {
  const own = new Set(result.surfaces.flatMap((s) => [s.id, ...s.zones.map((z) => z.id)]));
  const renamed = new Map<string, string>();
  for (const id of own) {
    if (!taken(id)) continue;
    let k = 2;
    while (taken(`${id}_${k}`) || own.has(`${id}_${k}`)) k++;
    renamed.set(id, `${id}_${k}`);
    own.add(`${id}_${k}`);
  }
  if (renamed.size === 0) return result;
  const to = (id: string): string => renamed.get(id) ?? id;
  const pointer = (value: string): string =>
    value
      .split(/\s+/)
      .map((t) => (t.startsWith('#') ? `#${to(t.slice(1))}` : t))
      .join(' ');
  return {
    ...result,
    doc: renamePointers(result.doc, pointer) as DocJSON,
    surfaces: result.surfaces.map((s) => ({
      ...s,
      id: to(s.id),
      zones: s.zones.map((z) => ({ ...z, id: to(z.id), parent: z.parent === null ? null : to(z.parent) })),
    })),
  };
}

/** A copy of a document's JSON with every `facs` (an attribute, or a kept XML attribute) passed through `pointer`. */
function renamePointers(node: unknown, pointer: (value: string) => string): unknown {
  if (Array.isArray(node)) return node.map((n) => renamePointers(n, pointer));
  if (typeof node !== 'object' || node === null) return node;
  const out: Record<string, unknown> = { ...(node as Record<string, unknown>) };
  const attrs = out['attrs'];
  if (typeof attrs === 'object' && attrs !== null) {
    const a: Record<string, unknown> = { ...(attrs as Record<string, unknown>) };
    if (typeof a['facs'] === 'string') a['facs'] = pointer(a['facs']);
    if (Array.isArray(a['xml'])) {
      a['xml'] = (a['xml'] as Array<[string, string]>).map(([name, value]) =>
        name === 'facs' ? [name, pointer(value)] : [name, value],
      );
    }
    out['attrs'] = a;
  }
  if (Array.isArray(out['content'])) out['content'] = renamePointers(out['content'], pointer);
  if (Array.isArray(out['marks'])) out['marks'] = renamePointers(out['marks'], pointer);
  return out;
}
