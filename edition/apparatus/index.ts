/** The critical apparatus in the base document: model, commands, witness texts, rendering. */
export { appMark, attrsOf, checkAppAttrs, checkReading, findEntries, findEntry, freshId } from './model.ts';
export type { AppAttrs, AppEntry, AppReading } from './model.ts';
export { documentText, witnessText } from './text.ts';
export type { DocText } from './text.ts';
export {
  addReading,
  dropEntry,
  emendLemma,
  entryFromVariant,
  makeEntry,
  promoteReading,
  removeReading,
  renameSiglum,
  dropSiglum,
  entryHolds,
  mergeIntoEntry,
  replaceLemma,
  setEntryNote,
  setEntryType,
  setLemmaRange,
  setLemmaWitnesses,
  updateReading,
} from './commands.ts';
export type { NewEntry } from './commands.ts';
export { renderApparatus, renderEntry } from './render.ts';
export { printApparatus, withoutApparatusMarks } from './print.ts';
export type { ApparatusMode } from './render.ts';
export { collateDocumentTexts, collateWitnesses, formatCollation } from './collate.ts';
export type {
  ApparatusEntryView,
  Cell,
  Collated,
  DocumentCollated,
  CollationFormat,
  CollationView,
  TableView,
  VariantView,
} from './collate.ts';
export {
  DEFAULT_COLLATION_SETTINGS,
  checkCollationSettings,
  checkSiglum,
  collationInputs,
  collateOptionsOf,
  normaliseOptions,
} from './witnesses.ts';
export type { CollationInput, CollationSettings, SavedNormalise, WitnessInfo, WitnessOrigin } from './witnesses.ts';
export { witnessTextFromPlain } from './plainWitness.ts';
