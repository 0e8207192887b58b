/**
 * Step JSON as the store reads it. prosemirror-transform 1.12 groups the mark steps
 * of inverting a mark change into a `markSet` step, and inverting that again (redo
 * after undo of an apparatus change) nests one `markSet` in another, which its own
 * `fromJSON` then refuses ("Invalid JSON for MarkSetStep"): the edit could not be
 * saved. A nested set applies its steps in order, so it is the same step as the flat
 * list of them; this flattens it before parsing.
 */

type Json = { stepType?: unknown; steps?: unknown };

function inner(step: unknown): unknown[] {
  const s = step as Json | null;
  if (s !== null && typeof s === 'object' && s.stepType === 'markSet' && Array.isArray(s.steps)) {
    return s.steps.flatMap(inner);
  }
  return [step];
}

/** The step's JSON with nested `markSet` steps flattened into one (any other step as it is). */
export function flattenMarkSets(json: unknown): unknown {
  const s = json as Json | null;
  if (s === null || typeof s !== 'object' || s.stepType !== 'markSet' || !Array.isArray(s.steps)) return json;
  return { ...s, steps: s.steps.flatMap(inner) };
}
