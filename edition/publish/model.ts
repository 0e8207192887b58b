/**
 * What a published edition (static HTML, LaTeX) is made of: the print pipeline's
 * model (edition/print/model.ts) with what a reader of a website needs besides:
 * each document's number, date and source, a stable file-name key, and an optional
 * register that names the entities the documents point to.
 *
 * A `PrintEdition` is a valid `PublishEdition` as it is (its `settings` are ignored),
 * so one edition object serves the PDF, the HTML and the LaTeX exports.
 */
import type { OpenedDocument } from '../documents/api.ts';
import type { DocumentMeta } from '../types.ts';
import type { Zone } from '../facsimile/api.ts';
import type { ApparatusEntry, PrintDocument, PrintSettings, Witness } from '../print/model.ts';
import type { TeiImport } from '../tei/index.ts';

export type { ApparatusEntry, ApparatusReading, Witness } from '../print/model.ts';

/** The kinds of entity that get an index. */
export type EntityKind = 'person' | 'place' | 'org' | 'term';

export interface PublishDocument extends PrintDocument {
  /** A stable key (a TEI div's `xml:id`, a store id): the page's file name is made from it. */
  key?: string;
  /** The document's number in its volume (FRUS `div/@n`). */
  n?: string | null;
  kind?: 'document' | 'front' | 'back';
  meta?: DocumentMeta;
  /** Its pages' images with their zones (the HTML edition shows them beside the text). */
  facsimile?: PublishSurface[];
}

/** A page of a document as the HTML edition shows it: its image (a path in the edition's folder) and zones. */
export interface PublishSurface {
  id: string;
  n: string | null;
  image: { src: string; width: number; height: number } | null;
  ulx: number;
  uly: number;
  lrx: number;
  lry: number;
  zones: Zone[];
}

/**
 * An entity of the project register, to name index entries keyed by its id (the
 * print model's register, `{ id, name }`, is one). With `kind`, only mentions of
 * that kind take the name.
 */
export interface RegisterEntry {
  id: string;
  name: string;
  kind?: EntityKind;
  description?: string;
}

export interface PublishEdition {
  title: string;
  subtitle?: string;
  /** Plain text, paragraphs separated by blank lines. */
  introduction?: string;
  witnesses: Witness[];
  documents: PublishDocument[];
  /** Names for entity ids; mentions whose id is not here are named by their own words. */
  register?: readonly RegisterEntry[];
  /** BCP 47 language of the text (default `en`). */
  language?: string;
  /** The project's print settings; the LaTeX export takes its line numbering from them. */
  settings?: PrintSettings;
}

/**
 * An imported TEI volume as an edition without apparatus: each document keeps its
 * key, number, kind and metadata.
 */
export function editionFromTei(imported: TeiImport, register: RegisterEntry[] = []): PublishEdition {
  return {
    title: imported.collection.title,
    witnesses: [],
    register,
    documents: imported.documents.map((d) => ({
      key: d.key,
      title: d.title,
      n: d.n,
      kind: d.kind,
      meta: d.meta,
      doc: d.doc,
      apparatus: [],
    })),
  };
}

/**
 * Documents as the store opens them (`openDocument`), in the order given, as an
 * edition: each page is named by the document's id. Apparatus entries, witnesses
 * and the register come from wherever the project keeps them.
 */
export function editionFromOpened(
  title: string,
  documents: readonly OpenedDocument[],
  options: {
    witnesses?: Witness[];
    register?: readonly RegisterEntry[];
    apparatus?: ReadonlyMap<string, ApparatusEntry[]>;
    introduction?: string;
  } = {},
): PublishEdition {
  return {
    title,
    witnesses: options.witnesses ?? [],
    register: options.register ?? [],
    ...(options.introduction ? { introduction: options.introduction } : {}),
    documents: documents.map(({ info, meta, doc }) => ({
      key: info.id,
      title: info.title,
      n: info.n,
      kind: info.kind,
      meta,
      doc,
      apparatus: options.apparatus?.get(info.id) ?? [],
    })),
  };
}
