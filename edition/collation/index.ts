/** Collation: tokenise, normalise, align into a variant graph, then tables and segmentation. */
export { tokenise, fromJsonTokens, witnessText, WORD_PUNCTUATION, COLLATEX_JAVA, COLLATEX_PYTHON } from './tokenise.ts';
export type { Token, Witness, TokeniseOptions, JsonToken } from './tokenise.ts';
export { normaliser, composeNormalisers, normaliseWitness } from './normalise.ts';
export type { NormaliseOptions, Normaliser, Regularisation } from './normalise.ts';
export { VariantGraph, START, END } from './variant-graph.ts';
export type { Vertex } from './variant-graph.ts';
export { alignWitness } from './align.ts';
export type { AlignOptions, WitnessAlignment } from './align.ts';
export type { Phrase } from './transpositions.ts';
export { collate, prepareWitness } from './collate.ts';
export type { Collation, CollateOptions, Transposition, WitnessInput } from './collate.ts';
export {
  alignmentTable,
  groupedTable,
  cellText,
  cellReading,
  readWitnessFromTable,
  plainTable,
  wrappedTable,
} from './table.ts';
export type { AlignmentTable, Column } from './table.ts';
export { parallelSegmentation } from './segmentation.ts';
export { fromCollateXJson, toCollateXJson } from './json.ts';
export type { JsonOutputOptions } from './json.ts';
export { classifyVariants } from './classify.ts';
export type { ClassifyOptions, Variant, VariantKind } from './classify.ts';
export { apparatusEntries } from './apparatus.ts';
export type { ApparatusEntry, Reading } from './apparatus.ts';
export { toCollateXTei } from './collatex-tei.ts';
