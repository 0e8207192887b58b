/**
 * PDF export and page previews in the desktop app. The service runs in a utility
 * process, which cannot open windows; the main process can, and lays editions out in
 * a hidden window (`renderPdfInWindow`, `renderPagesInWindow`). These halves carry a
 * job across the port the service already talks over: `pdfOverPort` and
 * `pagesOverPort` are the service's `renderPdf` and `renderPages` options,
 * `servePdfJobs` and `servePageJobs` answer in the main process. Messages are wrapped
 * under their own keys, so the API traffic on the same port (host/port.ts) ignores
 * them, and each kind of job its replies.
 */
import type { PrintEdition } from '../../edition/print/model.ts';
import { SiglumError, toErrorPayload, type ErrorPayload } from '../../edition/errors.ts';
import type { PageImageRenderer, PdfRenderer } from '../service/publish.ts';
import type { PageImagesResult, PageRange, PdfProgress, PdfResult } from './render.ts';

/** The little a port must do (host/port.ts's Port has the same shape). */
export interface JobPort {
  postMessage(message: unknown): void;
  onMessage(listener: (message: unknown) => void): void;
}

/** What a PDF job's end reports on the way: a stage, or (page jobs) a page drawn. */
type Progress = PdfProgress | { image: { done: number; count: number } };

type Reply<R> = { job: number; progress: Progress } | { job: number; result: R } | { job: number; error: ErrorPayload };

function field(m: unknown, key: string): Record<string, unknown> | null {
  const v = typeof m === 'object' && m !== null ? (m as Record<string, unknown>)[key] : undefined;
  return typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : null;
}

/** One kind of job: the key its requests travel under and the key of its replies. */
interface JobKind {
  job: string;
  reply: string;
}
const PDF: JobKind = { job: 'siglumPdfJob', reply: 'siglumPdfReply' };
const PAGES: JobKind = { job: 'siglumPagesJob', reply: 'siglumPagesReply' };

/** The asking side: posts `{ [kind.job]: { job, ...args } }` and waits for its replies. */
function requester<A extends object, R>(port: JobPort, kind: JobKind) {
  let next = 1;
  const waiting = new Map<number, { onProgress: (p: Progress) => void; settle: (r: Reply<R>) => void }>();
  port.onMessage((m) => {
    const reply = field(m, kind.reply) as Reply<R> | null;
    if (reply === null || typeof reply.job !== 'number') return;
    const job = waiting.get(reply.job);
    if (job === undefined) return;
    if ('progress' in reply) job.onProgress(reply.progress);
    else job.settle(reply);
  });
  return (args: A, onProgress: (p: Progress) => void): Promise<R> =>
    new Promise((resolve, reject) => {
      const job = next++;
      waiting.set(job, {
        onProgress,
        settle: (reply) => {
          waiting.delete(job);
          if ('result' in reply) resolve(reply.result);
          else if ('error' in reply) reject(new SiglumError(reply.error.code, reply.error.message));
        },
      });
      port.postMessage({ [kind.job]: { job, ...args } });
    });
}

/** The answering side: runs each request that `valid` accepts and replies under `kind.reply`. */
function responder<A, R>(
  port: JobPort,
  kind: JobKind,
  valid: (request: Record<string, unknown>) => boolean,
  run: (request: A, onProgress: (p: Progress) => void) => Promise<R>,
): void {
  port.onMessage((m) => {
    const request = field(m, kind.job);
    if (request === null || typeof request['job'] !== 'number' || !valid(request)) return;
    const job = request['job'];
    const reply = (r: Reply<R>): void => port.postMessage({ [kind.reply]: r });
    run(request as A, (progress) => reply({ job, progress })).then(
      (result) => reply({ job, result }),
      (error: unknown) => reply({ job, error: toErrorPayload(error) }),
    );
  });
}

const isStage = (p: Progress): p is PdfProgress => 'stage' in p;

/** The service side of PDF jobs: a renderer that hands each job to the main process and waits. */
export function pdfOverPort(port: JobPort): PdfRenderer {
  const ask = requester<{ edition: PrintEdition; outPath: string }, PdfResult>(port, PDF);
  return (edition, outPath, onProgress) => ask({ edition, outPath }, (p) => isStage(p) && onProgress(p));
}

/** The main-process side of PDF jobs: runs each with `render` (the hidden-window printer) and replies. */
export function servePdfJobs(port: JobPort, render: PdfRenderer): void {
  responder<{ edition: PrintEdition; outPath: string }, PdfResult>(
    port,
    PDF,
    (r) => typeof r['outPath'] === 'string',
    (r, onProgress) => render(r.edition, r.outPath, onProgress),
  );
}

/** The service side of page-image jobs (previewPages). */
export function pagesOverPort(port: JobPort): PageImageRenderer {
  const ask = requester<{ edition: PrintEdition; range: PageRange }, PageImagesResult>(port, PAGES);
  return (edition, range, onProgress, onImage) =>
    ask({ edition, range }, (p) => (isStage(p) ? onProgress(p) : onImage(p.image.done, p.image.count)));
}

/** The main-process side of page-image jobs: runs each with `render` (the hidden window) and replies. */
export function servePageJobs(port: JobPort, render: PageImageRenderer): void {
  responder<{ edition: PrintEdition; range: PageRange }, PageImagesResult>(
    port,
    PAGES,
    (r) => typeof r['range'] === 'object' && r['range'] !== null,
    (r, onProgress) => render(r.edition, r.range, onProgress, (done, count) => onProgress({ image: { done, count } })),
  );
}
