/**
 * PDF export in the desktop app. The service runs in a utility process, which cannot
 * open windows; the main process can, and prints in a hidden window
 * (`renderPdfInWindow`). These two halves carry a print job across the port the
 * service already talks over: `pdfOverPort` is the service's `renderPdf` option,
 * `servePdfJobs` answers in the main process. Messages are wrapped under their own
 * keys, so the API traffic on the same port (host/port.ts) ignores them.
 */
import type { PrintEdition } from '../../edition/print/model.ts';
import { SiglumError, toErrorPayload, type ErrorPayload } from '../../edition/errors.ts';
import type { PdfRenderer } from '../service/publish.ts';
import type { PdfProgress, PdfResult } from './render.ts';

/** The little a port must do (host/port.ts's Port has the same shape). */
export interface JobPort {
  postMessage(message: unknown): void;
  onMessage(listener: (message: unknown) => void): void;
}

interface Job {
  siglumPdfJob: { job: number; edition: PrintEdition; outPath: string };
}
type JobReply =
  | { siglumPdfReply: { job: number; progress: PdfProgress } }
  | { siglumPdfReply: { job: number; result: PdfResult } }
  | { siglumPdfReply: { job: number; error: ErrorPayload } };

function field(m: unknown, key: string): Record<string, unknown> | null {
  const v = typeof m === 'object' && m !== null ? (m as Record<string, unknown>)[key] : undefined;
  return typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : null;
}

/** The service side: a renderer that hands each job to the main process and waits. */
export function pdfOverPort(port: JobPort): PdfRenderer {
  let next = 1;
  const waiting = new Map<number, { onProgress: (p: PdfProgress) => void; settle: (r: JobReply['siglumPdfReply']) => void }>();
  port.onMessage((m) => {
    const reply = field(m, 'siglumPdfReply') as JobReply['siglumPdfReply'] | null;
    if (reply === null || typeof reply.job !== 'number') return;
    const job = waiting.get(reply.job);
    if (job === undefined) return;
    if ('progress' in reply) job.onProgress(reply.progress);
    else job.settle(reply);
  });
  return (edition, outPath, onProgress) =>
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
      port.postMessage({ siglumPdfJob: { job, edition, outPath } } satisfies Job);
    });
}

/** The main-process side: runs each job with `render` (the hidden-window printer) and replies. */
export function servePdfJobs(port: JobPort, render: PdfRenderer): void {
  port.onMessage((m) => {
    const job = field(m, 'siglumPdfJob') as Job['siglumPdfJob'] | null;
    if (job === null || typeof job.job !== 'number' || typeof job.outPath !== 'string') return;
    const reply = (r: JobReply['siglumPdfReply']): void => port.postMessage({ siglumPdfReply: r });
    render(job.edition, job.outPath, (progress) => reply({ job: job.job, progress })).then(
      (result) => reply({ job: job.job, result }),
      (error: unknown) => reply({ job: job.job, error: toErrorPayload(error) }),
    );
  });
}
