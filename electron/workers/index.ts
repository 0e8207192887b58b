/**
 * Parsing imported files off the main thread. A file from outside is parsed in
 * a worker_threads Worker with a heap limit and a time limit, so that a
 * hostile or broken file (an entity bomb, 10,000-deep nesting, a huge file)
 * costs the worker, never the process that serves the UI: the worker is
 * terminated and the caller gets a SiglumError.
 */
import { Worker } from 'node:worker_threads';
import type { ImportFile } from '../../edition/api.ts';
import { ParseError, SiglumError, isErrorPayload } from '../../edition/errors.ts';
import type { ParsedFile } from './parseFile.ts';

export { isTeiImport, parseFile, type ParsedFile } from './parseFile.ts';

/** Limits of runImportWorker. */
export interface ImportWorkerOptions {
  /** Wall-clock limit in milliseconds. Default 30,000. */
  timeoutMs?: number;
  /** V8 old-generation heap limit of the worker, in MB. Default 512. */
  maxOldGenerationSizeMb?: number;
  /** Largest file accepted, in bytes of text. Default 64 MiB. */
  maxBytes?: number;
  /** The worker script (for a bundled build). Default: bootstrap.mjs beside this file, which loads importWorker.ts through tsx. */
  workerUrl?: URL;
}

const DEFAULTS = { timeoutMs: 30_000, maxOldGenerationSizeMb: 512, maxBytes: 64 * 1024 * 1024 };

function fileSize(file: ImportFile): number {
  if (typeof file.text === 'string') return file.text.length;
  return typeof file.base64 === 'string' ? Math.floor((file.base64.length * 3) / 4) : 0;
}

function fromPayload(p: unknown): SiglumError {
  if (!isErrorPayload(p)) return new SiglumError('internal', 'Siglum hit an internal error: the import worker sent an unreadable answer.');
  const e = SiglumError.fromPayload(p);
  const o = p as unknown as Record<string, unknown>;
  if (p.name === 'ParseError' && typeof o['line'] === 'number' && typeof o['column'] === 'number') {
    Object.setPrototypeOf(e, ParseError.prototype);
    Object.assign(e, { line: o['line'], column: o['column'] });
  }
  return e;
}

/**
 * Parses one imported file (TEI or plain text) in a worker thread.
 *
 * Rejects with a ParseError (line, column) for XML that is not well-formed or
 * is refused, or text that is not UTF-8; SiglumError 'too-large' when the file
 * or its parse exceeds the limits, 'timeout' when it takes too long.
 */
export function runImportWorker(file: ImportFile, options: ImportWorkerOptions = {}): Promise<ParsedFile> {
  const { timeoutMs, maxOldGenerationSizeMb, maxBytes } = { ...DEFAULTS, ...options };
  const size = fileSize(file);
  if (size > maxBytes) {
    return Promise.reject(new SiglumError('too-large', `${file.name}: the file is ${Math.round(size / 1048576)} MB; Siglum imports files up to ${Math.round(maxBytes / 1048576)} MB.`));
  }
  const url = options.workerUrl ?? new URL('./bootstrap.mjs', import.meta.url);
  return new Promise<ParsedFile>((resolve, reject) => {
    const worker = new Worker(url, {
      resourceLimits: { maxOldGenerationSizeMb, stackSizeMb: 8 },
      stdout: false,
      stderr: false,
    });
    let settled = false;
    const finish = (f: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      f();
    };
    const timer = setTimeout(() => {
      finish(() => reject(new SiglumError('timeout', `${file.name}: reading the file took longer than ${timeoutMs / 1000} s and was stopped. Check that it is a TEI or text file, or split it.`)));
    }, timeoutMs);
    worker.once('message', (msg: { ok: boolean; result?: ParsedFile; error?: unknown }) => {
      finish(() => (msg.ok ? resolve(msg.result!) : reject(fromPayload(msg.error))));
    });
    worker.once('error', (err: Error & { code?: string }) => {
      const tooLarge = err.code === 'ERR_WORKER_OUT_OF_MEMORY';
      finish(() =>
        reject(
          tooLarge
            ? new SiglumError('too-large', `${file.name}: reading the file needed more than ${maxOldGenerationSizeMb} MB of memory and was stopped.`)
            : new SiglumError('internal', `Siglum hit an internal error while reading ${file.name}: ${err.message}`),
        ),
      );
    });
    worker.once('exit', (code) => {
      finish(() => reject(new SiglumError('internal', `Siglum hit an internal error: the import worker stopped (exit code ${code}) before answering.`)));
    });
    worker.postMessage(file);
  });
}
