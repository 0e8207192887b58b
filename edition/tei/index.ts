/**
 * TEI <-> ProseMirror: import of volumes and single files (import.ts), export of
 * documents, volumes and projects (export.ts), and the mapping itself
 * (toDoc.ts, fromDoc.ts, names.ts).
 */
export {
  importTei,
  importTeiVolumes,
  teiRoot,
  PLACEHOLDER,
  type TeiImport,
  type TeiDocument,
  type TeiImportOptions,
  type TeiRegisterEntry,
} from './import.ts';
export {
  collectionTeiTree,
  documentTeiTree,
  exportCollectionTei,
  exportDocumentTei,
  holdsWholeText,
  exportProjectTei,
  newFrame,
  docFromJSON,
  projectTeiTree,
  type DocInput,
  type DocumentTeiOptions,
  type ExportRegister,
} from './export.ts';
export { containerToDoc, blockContent, inlineContent } from './toDoc.ts';
export { blocksToXml, inlineToXml, PLAIN_WRITE } from './fromDoc.ts';
export type { WriteContext } from './fromDoc.ts';
export { sameContent, canonicalChildren } from './compare.ts';
export { headerMeta, divMeta, plainText } from './meta.ts';
