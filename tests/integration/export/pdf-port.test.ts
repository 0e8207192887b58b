/**
 * The desktop app's PDF path: the service (in its utility process) hands the print
 * job over a message port to the main process, which prints it. Here both ends run
 * over Node's MessageChannel, and the printing end uses Playwright's Chromium where
 * the app uses its hidden window (same page, same paginator). Page images for the
 * preview travel the same way, on the same port. Last, a printer that fails on a full
 * disk.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { afterAll, describe, expect, it } from 'vitest';
import type { SiglumEvent } from '../../../edition/api.ts';
import { SiglumError } from '../../../edition/errors.ts';
import { pagesOverPort, pdfOverPort, servePageJobs, servePdfJobs, type JobPort } from '../../../electron/pdf/port.ts';
import { renderPageImages, renderPdf } from '../../../electron/pdf/render.ts';
import { pdfPages, seedProject, tempDir } from './project.ts';

const tmp = tempDir();
const channels: MessageChannel[] = [];
afterAll(() => {
  for (const c of channels) {
    c.port1.close();
    c.port2.close();
  }
  tmp.cleanup();
});

function jobPort(port: MessagePort): JobPort {
  return { postMessage: (m) => port.postMessage(m), onMessage: (listener) => port.on('message', listener) };
}

/** The service's end and the main process's end of one channel. */
function linked(): [JobPort, JobPort] {
  const channel = new MessageChannel();
  channels.push(channel);
  return [jobPort(channel.port1), jobPort(channel.port2)];
}

describe('a PDF printed at the other end of a port', () => {
  it('comes back with its pages and notes placed, reporting progress on the way', async () => {
    const [serviceEnd, mainEnd] = linked();
    servePdfJobs(mainEnd, renderPdf);
    const { service, documentId } = await seedProject(join(tmp.dir, 'port.siglum'), {
      renderPdf: pdfOverPort(serviceEnd),
    });
    try {
      const phases: string[] = [];
      service.subscribe((e: SiglumEvent) => void (e.type === 'export-progress' && phases.push(e.phase)));
      const out = join(tmp.dir, 'despatch.pdf');
      const result = await service.exportEdition({ documentId, format: 'pdf', outPath: out });
      expect(result).toMatchObject({ path: out, placed: { notes: 2, apparatus: 0 }, misplaced: [] });
      expect(pdfPages(out)).toHaveLength(result.pages!);
      expect(phases).toEqual(['documents', 'build', 'layout', 'pdf', 'done']);
    } finally {
      service.close();
    }
  });

  it('passes the printer’s error back as the same SiglumError, leaving no file behind', async () => {
    const [serviceEnd, mainEnd] = linked();
    servePdfJobs(mainEnd, () => Promise.reject(new SiglumError('io', 'The print window could not be opened.')));
    const { service, documentId } = await seedProject(join(tmp.dir, 'failing.siglum'), {
      renderPdf: pdfOverPort(serviceEnd),
    });
    try {
      const out = join(tmp.dir, 'never.pdf');
      const error = await service.exportEdition({ documentId, format: 'pdf', outPath: out }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SiglumError);
      expect(error).toMatchObject({ code: 'io', message: 'The print window could not be opened.' });
      expect(existsSync(out)).toBe(false);
      expect(readdirSync(tmp.dir).filter((f) => f.includes('partial'))).toEqual([]);
    } finally {
      service.close();
    }
  });
});

describe('preview pages drawn at the other end of a port', () => {
  it('come back as images with the counts, reporting each page drawn, while PDF jobs share the port', async () => {
    const [serviceEnd, mainEnd] = linked();
    servePdfJobs(mainEnd, renderPdf);
    servePageJobs(mainEnd, (edition, range, onProgress, onImage) =>
      renderPageImages(edition, range, onProgress, { onImage }),
    );
    const { service, documentId } = await seedProject(join(tmp.dir, 'pages.siglum'), {
      renderPdf: pdfOverPort(serviceEnd),
      renderPages: pagesOverPort(serviceEnd),
    });
    try {
      const images: number[] = [];
      service.subscribe(
        (e: SiglumEvent) => void (e.type === 'export-progress' && e.phase === 'images' && images.push(e.done)),
      );
      const [preview, pdf] = await Promise.all([
        service.previewPages({ documentId, count: 2 }),
        service.exportEdition({ documentId, format: 'pdf', outPath: join(tmp.dir, 'alongside.pdf') }),
      ]);
      expect(preview.images).toHaveLength(2);
      expect(preview.images.every((i) => i.startsWith('data:image/png;base64,'))).toBe(true);
      expect(preview).toMatchObject({ pages: pdf.pages, placed: pdf.placed, misplaced: [] });
      expect(images).toHaveLength(2);
      expect(images[1]).toBeGreaterThan(images[0]!);
    } finally {
      service.close();
    }
  });
});

describe('a PDF the printer cannot write', () => {
  it('turns a full disk into a sentence naming the file', async () => {
    const full = Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    const { service, documentId } = await seedProject(join(tmp.dir, 'full.siglum'), {
      renderPdf: () => Promise.reject(full),
    });
    try {
      const out = join(tmp.dir, 'full.pdf');
      const error = await service.exportEdition({ documentId, format: 'pdf', outPath: out }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SiglumError);
      expect(error).toMatchObject({
        code: 'io',
        message: `Cannot write ${out}: the disk is full. Choose another place to export to.`,
      });
      expect(existsSync(out)).toBe(false);
    } finally {
      service.close();
    }
  });
});
