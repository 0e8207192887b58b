/**
 * TEI <-> ProseMirror: import of volumes and single files (import.ts), export of
 * documents, volumes and projects (export.ts), and the mapping itself
 * (toDoc.ts, fromDoc.ts, names.ts).
 */
export { importTei, teiRoot, PLACEHOLDER, type TeiImport, type TeiDocument } from './import.ts';
export { exportCollectionTei, exportDocumentTei, exportProjectTei, newFrame, docFromJSON } from './export.ts';
export { containerToDoc, blockContent, inlineContent } from './toDoc.ts';
export { blocksToXml, inlineToXml } from './fromDoc.ts';
export { sameContent, canonicalChildren } from './compare.ts';
export { headerMeta, divMeta, plainText } from './meta.ts';
