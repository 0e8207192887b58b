/**
 * One edition export as the dialog follows it: the call, its progress events (matched
 * by the id the call carries) and its result or error. Solid-free, so it can be tested
 * against any client.
 */
import type {
  EditionFormat,
  ExportPhase,
  ExportResult,
  ExportTarget,
  PagePreview,
  SiglumClient,
} from '../../edition/api.ts';

export interface ExportProgress {
  done: number;
  total: number;
  phase: ExportPhase;
}

export const PHASE_LABELS: Record<ExportPhase, string> = {
  documents: 'Reading documents',
  build: 'Building the edition',
  layout: 'Laying out pages',
  pdf: 'Printing the PDF',
  images: 'Drawing pages',
  write: 'Writing files',
  done: 'Done',
};

/**
 * Calls `run` with a fresh id and reports the 'export-progress' events carrying that
 * id until it settles; resolves or rejects as `run` does.
 */
async function withProgress<T>(
  client: Pick<SiglumClient, 'subscribe'>,
  onProgress: (progress: ExportProgress) => void,
  run: (id: string) => Promise<T>,
): Promise<T> {
  const id = crypto.randomUUID();
  const unsubscribe = client.subscribe((event) => {
    if (event.type === 'export-progress' && event.id === id)
      onProgress({ done: event.done, total: event.total, phase: event.phase });
  });
  try {
    return await run(id);
  } finally {
    unsubscribe();
  }
}

/** Runs `exportEdition`, reporting its progress; resolves with its result, rejects with its error. */
export function runEditionExport(
  client: Pick<SiglumClient, 'exportEdition' | 'subscribe'>,
  target: ExportTarget,
  format: EditionFormat,
  outPath: string,
  onProgress: (progress: ExportProgress) => void,
  ifExists: 'replace' | 'rename' = 'rename',
): Promise<ExportResult> {
  return withProgress(client, onProgress, (id) => client.exportEdition({ ...target, format, outPath, id, ifExists }));
}

/** Runs `previewPages` (the first pages as images), reporting its progress like an export. */
export function runPagePreview(
  client: Pick<SiglumClient, 'previewPages' | 'subscribe'>,
  target: ExportTarget,
  onProgress: (progress: ExportProgress) => void,
): Promise<PagePreview> {
  return withProgress(client, onProgress, (id) => client.previewPages({ ...target, id }));
}

/**
 * The file name an export of `title` gets in `format`, without characters file systems
 * refuse; `tag` (`d12` for document 12, `c3` for collection 3) keeps two documents of
 * the same title apart.
 */
export function exportFileName(title: string, format: EditionFormat, tag?: string): string {
  const stem =
    title
      .normalize('NFKD')
      // Accents come apart under NFKD; dropping the marks keeps "é" as "e" rather than a break.
      .replace(/\p{M}+/gu, '')
      .replace(/[^\p{L}\p{N}]+/gu, '-')
      .replace(/^-+|-+$/gu, '')
      .slice(0, 60)
      .toLowerCase() || 'edition';
  const tagged = tag ? `${stem}-${tag}` : stem;
  return format === 'pdf' ? `${tagged}.pdf` : format === 'latex' ? `${tagged}.tex` : `${tagged}-html`;
}

/** The folder of a path (either separator), for placing exports beside the project file. */
export function folderOf(path: string): string {
  const cut = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return cut <= 0 ? path.slice(0, cut + 1) : path.slice(0, cut);
}

/** A one-line summary of an export's (or a preview's) result for the user. */
export function summary(result: Pick<ExportResult, 'pages' | 'files' | 'placed' | 'misplaced' | 'rejected'>): string {
  const parts: string[] = [];
  if (result.pages !== undefined) parts.push(`${result.pages} ${result.pages === 1 ? 'page' : 'pages'}`);
  if (result.files !== undefined) parts.push(`${result.files} files`);
  parts.push(
    `${result.placed.notes} ${result.placed.notes === 1 ? 'note' : 'notes'} and ${result.placed.apparatus} apparatus ${result.placed.apparatus === 1 ? 'entry' : 'entries'} placed`,
  );
  if (result.misplaced.length > 0) parts.push(`${result.misplaced.length} not on their page`);
  if (result.rejected.length > 0) parts.push(`${result.rejected.length} could not be set`);
  return parts.join(' · ');
}
