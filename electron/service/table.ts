/**
 * The shape of the service: one row per API method, an argument schema (from the
 * contract in edition/) and a handler `(context, args)` that receives what the schema
 * outputs. `dispatch` (electron/host/dispatch.ts) applies the schema, so a handler never
 * checks its arguments. Each area (documents.ts, entityApi.ts, ...) exports its rows;
 * index.ts puts them in one table over one ServiceContext.
 */
import type { ApiArgSchemas, ApiResult, SiglumEvent } from '../../edition/api.ts';
import type { ArgsOut } from '../../edition/args.ts';
import { getDocument } from '../../db/documents.ts';
import type { Store } from '../../db/store.ts';
import type { CollabAuthority } from './authority.ts';
import type { Backups, BackupPolicy } from './backups.ts';
import type { EntityService } from './entities.ts';
import type { FileParser } from './formats.ts';
import type { SnapshotPolicy } from './authority.ts';
import type { BrowserPool, PageImageRenderer, PdfRenderer } from './browser-pool.ts';
import type { GitSession } from './gitApi.ts';
import type { ImportStaging } from './staging.ts';
import type { SearchIndex } from './search-index.ts';
import type { VersionCache } from './versions.ts';

export interface ServiceOptions {
  /** Create the project file when it does not exist. */
  create?: boolean;
  /** When this open creates the project, import the sample despatch into it. */
  seed?: boolean;
  /** The sample file to seed from (default: resources/sample in the source tree). */
  seedFile?: string;
  /** How imported files are parsed (default: in the import worker, see formats.ts). */
  parseFile?: FileParser;
  /** When documents are snapshotted (tests make it small). */
  snapshots?: SnapshotPolicy;
  /** How often to look for writes by other processes on the same file, in ms. */
  watchMs?: number;
  /** How PDF exports are typeset (default: Debian's Chromium through Playwright; see publish.ts). */
  renderPdf?: PdfRenderer;
  /** How previewPages draws pages (default: Playwright's Chromium; the desktop app's hidden window). */
  renderPages?: PageImageRenderer;
  /**
   * Absolute folders `exportEdition` may write inside (siglum serve, where the caller is
   * a browser page). Absent when every path comes from the user: the command line's
   * `--out`, the desktop app's save dialog.
   */
  exportFolders?: readonly string[];
  /** Where and how often the project is backed up (backups.ts). */
  backups?: BackupPolicy;
  /**
   * The search indexer's thread (search-index.ts; default: the built file, else the
   * sources through tsx), or null to index on the service's thread only.
   */
  indexWorkerUrl?: URL | null;
}

/** What every handler works over: one open project and the parts that serve it. */
export interface ServiceContext {
  /** The project file, resolved. */
  path: string;
  store: Store;
  authority: CollabAuthority;
  entities: EntityService;
  backups: Backups;
  /** How imported files are parsed. */
  parse: FileParser;
  options: ServiceOptions;
  /** Old versions rebuilt for the history. */
  versions: VersionCache;
  /** The search index, kept up to date in the background. */
  search: SearchIndex;
  /** The Chromium kept for PDFs and previews (started and stopped with the service). */
  browsers: BrowserPool;
  /** How PDFs are typeset and preview pages drawn: the options' renderers, else the pool's. */
  print: { pdf: PdfRenderer; pages: PageImageRenderer };
  /** The project's git calls, run one at a time (gitApi.ts). */
  git: GitSession;
  /** Files sent ahead of their import (staging.ts). */
  staging: ImportStaging;
  /** Sends events to every subscriber, after the call that made them. */
  emit(events: readonly SiglumEvent[]): void;
}

/** The methods that have a row. */
export type RowMethod = keyof ApiArgSchemas;

/** One API method: its argument schema and its handler. */
export interface Row<M extends RowMethod> {
  args: ApiArgSchemas[M];
  run(ctx: ServiceContext, args: ArgsOut<ApiArgSchemas[M]>): ApiResult<M> | Promise<ApiResult<M>>;
}

/** The rows of some methods (an area's). */
export type Rows<M extends RowMethod> = { [K in M]: Row<K> };

/** The whole table. */
export type Table = Rows<RowMethod>;

/** `id` when document `id` is there; a 'not-found' SiglumError otherwise. */
export function existingDocument(ctx: ServiceContext, id: number): number {
  getDocument(ctx.store.db, id);
  return id;
}
