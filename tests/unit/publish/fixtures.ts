/** Helpers shared by the publish tests. */
import type { ApparatusEntry } from '../../../edition/print/model.ts';

/** An apparatus entry with one reading. */
export function entry(
  series: 'A' | 'B',
  from: number,
  to: number,
  lemma: string,
  text: string,
  sigla = ['B'],
): ApparatusEntry {
  return { series, from, to, lemma, readings: [{ text, sigla }] };
}
