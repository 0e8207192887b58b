/**
 * Siglum's XML layer: a strict reader (parse.ts), strict decoding of UTF-8,
 * UTF-16 and declared encodings (decode.ts), the light tree (tree.ts) and an exact writer (serialize.ts).
 */
export * from './tree.ts';
export { parseXml, positionAt, DEFAULT_MAX_DEPTH, type ParseXmlOptions } from './parse.ts';
export { checkXmlPolicy, doctypeRefusal } from './policy.ts';
export { decodeUtf8, decodeXml, firstInvalidUtf8 } from './decode.ts';
export { serializeXml, serializeNodes, escapeText, escapeAttr, type SerializeOptions } from './serialize.ts';
