/**
 * The document types every part of Siglum shares: the document as ProseMirror JSON,
 * a step, a project, a document's place in it, a file handed to the importer. The API
 * contract (api.ts) and the model modules both take them from here, so neither needs
 * the other.
 */

/** A document's content as ProseMirror JSON (`Node.toJSON()` of edition/schema). */
export type DocJSON = { type: 'doc'; content?: unknown[] };

/** A ProseMirror step as JSON (`Step.toJSON()`). */
export type StepJSON = { stepType: string; [key: string]: unknown };

export interface ProjectInfo {
  /** Absolute path of the project's `.siglum` file. */
  path: string;
  title: string;
  schemaVersion: number;
  /**
   * The folder edition exports must go into, when the host restricts them (`siglum
   * serve`); absent when the user chooses each path (the desktop app, the command line).
   */
  exportFolder?: string;
}

export interface DocumentInfo {
  id: string;
  collectionId: string | null;
  title: string;
  /** The document's number in its volume (FRUS `div/@n`), if any. */
  n: string | null;
  /** Order within its collection. */
  position: number;
  /** 'front' and 'back' for a volume's front and back matter. */
  kind: 'document' | 'front' | 'back';
  updatedAt: string;
}

/**
 * A file handed to the importer. Text files as `text`; anything else as base64, or as
 * `staged`: the token `stageImportFile` answered for it, so that a volume's images
 * travel one call each rather than all in one.
 */
export interface ImportFile {
  name: string;
  text?: string;
  base64?: string;
  staged?: string;
}

/** Fields of the TEI header (and of a document div) that the UI shows and edits. */
export interface DocumentMeta {
  title: string;
  date: string | null;
  /** Archival source, e.g. a file number such as 761.94/587. */
  source: string | null;
  /** Free-form further fields, e.g. `frus:doc-dateTime-min`. */
  extra: Record<string, string>;
}
