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
import { builtFiles } from '../built.ts';
import type { Share } from './share.ts';
import { fromWire, joinShares } from './wire.ts';

export { isTeiImport, isCorpusImport, parsedParts, parseFile, type ParsedFile } from './parseFile.ts';
export { cameAsText, docText } from './wire.ts';

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
  /** Keep the worker for the next file after a clean answer (default true). */
  reuse?: boolean;
  /** Read a file of 1 MB or more in two workers at once (default true; share.ts). */
  split?: boolean;
}

/** The largest file an import accepts (the command line checks it before reading a file). */
export const MAX_IMPORT_BYTES = 64 * 1024 * 1024;

const DEFAULTS = { timeoutMs: 30_000, maxOldGenerationSizeMb: 512, maxBytes: MAX_IMPORT_BYTES };

function fileSize(file: ImportFile): number {
  if (typeof file.text === 'string') return file.text.length;
  return typeof file.base64 === 'string' ? Math.floor((file.base64.length * 3) / 4) : 0;
}

function fromPayload(p: unknown): SiglumError {
  if (!isErrorPayload(p))
    return new SiglumError('internal', 'Siglum hit an internal error: the import worker sent an unreadable answer.');
  const e = SiglumError.fromPayload(p);
  const o = p as unknown as Record<string, unknown>;
  if (p.name === 'ParseError' && typeof o['line'] === 'number' && typeof o['column'] === 'number') {
    Object.setPrototypeOf(e, ParseError.prototype);
    Object.assign(e, { line: o['line'], column: o['column'] });
  }
  return e;
}

/** The envelope of the worker's answer, checked for the shape of a TeiImport, a teiCorpus's volumes or a PlainImport. */
function envelopeFromWire(json: unknown): ParsedFile {
  const value: unknown = typeof json === 'string' ? JSON.parse(json) : null;
  const record = (v: unknown): Record<string, unknown> =>
    (typeof v === 'object' && v !== null ? v : {}) as Record<string, unknown>;
  const isTei = (v: unknown): boolean =>
    Array.isArray(record(v)['documents']) && typeof record(v)['collection'] === 'object';
  const o = record(value);
  const tei = isTei(value);
  const corpus = Array.isArray(o['volumes']) && (o['volumes'] as unknown[]).every(isTei);
  const plain = 'doc' in o && typeof o['title'] === 'string';
  if (!tei && !corpus && !plain) throw unreadable();
  return value as ParsedFile;
}

function unreadable(): SiglumError {
  return new SiglumError('internal', 'Siglum hit an internal error: the import worker sent an unreadable answer.');
}

/** The documents' texts of an answer, checked to be strings. */
function docsFromWire(docs: unknown): string[] {
  if (!Array.isArray(docs) || docs.some((d) => typeof d !== 'string')) throw unreadable();
  return docs as string[];
}

/**
 * Idle workers (at most two, as many as read one file) are kept for a minute after a
 * clean answer (a parsed file or a refusal), so that importing several files does not
 * pay for new threads and a cold JIT each time. A worker that timed out, ran out of
 * memory or failed is terminated, never reused. Idle workers do not keep the process alive.
 */
const IDLE_MS = 60_000;
const MAX_IDLE = 2;
const idle: Array<{ key: string; worker: Worker; timer: ReturnType<typeof setTimeout> }> = [];

function dropIdle(worker: Worker): void {
  const at = idle.findIndex((w) => w.worker === worker);
  if (at < 0) return;
  clearTimeout(idle[at]!.timer);
  idle.splice(at, 1);
}

function takeWorker(url: URL, maxOldGenerationSizeMb: number, reuse: boolean): Worker {
  // The one kept last first: its code is the most run, so the most compiled.
  const kept = reuse ? idle.findLast((w) => w.key === `${url.href}|${maxOldGenerationSizeMb}`) : undefined;
  if (kept !== undefined) {
    dropIdle(kept.worker);
    kept.worker.ref();
    return kept.worker;
  }
  const worker = new Worker(url, {
    resourceLimits: { maxOldGenerationSizeMb, stackSizeMb: 8 },
    stdout: false,
    stderr: false,
  });
  worker.once('exit', () => dropIdle(worker));
  return worker;
}

function release(worker: Worker, url: URL, maxOldGenerationSizeMb: number): void {
  while (idle.length >= MAX_IDLE) {
    const oldest = idle[0]!.worker;
    dropIdle(oldest);
    void oldest.terminate();
  }
  worker.unref();
  const timer = setTimeout(() => {
    dropIdle(worker);
    void worker.terminate();
  }, IDLE_MS);
  timer.unref();
  idle.push({ key: `${url.href}|${maxOldGenerationSizeMb}`, worker, timer });
}

/** The worker script: the built file, else the sources through tsx. */
function workerUrl(options: ImportWorkerOptions): URL {
  return (
    options.workerUrl ??
    (builtFiles !== null
      ? new URL(builtFiles.importWorker, import.meta.url)
      : new URL('./bootstrap.mjs', import.meta.url))
  );
}

/**
 * Starts the import worker now and keeps it as an idle one, so that it loads its code
 * while the caller does other work; the next `runImportWorker` takes it.
 */
export function warmImportWorker(options: ImportWorkerOptions = {}): void {
  const url = workerUrl(options);
  const max = options.maxOldGenerationSizeMb ?? DEFAULTS.maxOldGenerationSizeMb;
  if (idle.some((w) => w.key === `${url.href}|${max}`)) return;
  release(takeWorker(url, max, false), url, max);
}

/** The thread ids of the idle import workers, the one the next file takes last (for tests and diagnostics). */
export function idleImportWorkers(): number[] {
  return idle.map((w) => w.worker.threadId);
}

/** The thread id of the idle import worker the next file takes, or null (for tests and diagnostics). */
export function idleImportWorker(): number | null {
  return idle.at(-1)?.worker.threadId ?? null;
}

/** A file from this size on is read by two workers at once (share.ts), each on a core of its own. */
const SPLIT_BYTES = 1024 * 1024;

/** A parse under way: its answer, and a way to stop it (a no-op once it has answered). */
interface Parse<T> {
  answer: Promise<T>;
  cancel: () => void;
}

/** One worker reading `file` (the documents of `share`); resolves with its raw answer. */
function parseShare(
  file: ImportFile,
  share: Share,
  options: ImportWorkerOptions,
): Parse<{ json: unknown; docs: unknown }> {
  const { timeoutMs, maxOldGenerationSizeMb } = { ...DEFAULTS, ...options };
  const url = workerUrl(options);
  let cancel = (): void => undefined;
  const answer = new Promise<{ json: unknown; docs: unknown }>((resolve, reject) => {
    const worker = takeWorker(url, maxOldGenerationSizeMb, options.reuse ?? true);
    let done = false;
    const finish = (clean: boolean, f: () => void): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
      if (clean && (options.reuse ?? true)) release(worker, url, maxOldGenerationSizeMb);
      else void worker.terminate();
      f();
    };
    cancel = () =>
      finish(false, () => reject(new SiglumError('internal', `Reading ${file.name} was stopped: it was not needed.`)));
    const timer = setTimeout(() => {
      finish(false, () =>
        reject(
          new SiglumError(
            'timeout',
            `${file.name}: reading the file took longer than ${timeoutMs / 1000} s and was stopped. Check that it is a TEI or text file, or split it.`,
          ),
        ),
      );
    }, timeoutMs);
    const onMessage = (msg: { ok: boolean; json?: unknown; docs?: unknown; error?: unknown }): void => {
      if (!msg.ok) return finish(true, () => reject(fromPayload(msg.error)));
      finish(true, () => resolve({ json: msg.json, docs: msg.docs }));
    };
    const onError = (err: Error & { code?: string }): void => {
      const tooLarge = err.code === 'ERR_WORKER_OUT_OF_MEMORY';
      finish(false, () =>
        reject(
          tooLarge
            ? new SiglumError(
                'too-large',
                `${file.name}: reading the file needed more than ${maxOldGenerationSizeMb} MB of memory and was stopped.`,
              )
            : new SiglumError('internal', `Siglum hit an internal error while reading ${file.name}: ${err.message}`),
        ),
      );
    };
    const onExit = (code: number): void => {
      finish(false, () =>
        reject(
          new SiglumError(
            'internal',
            `Siglum hit an internal error: the import worker stopped (exit code ${code}) before answering.`,
          ),
        ),
      );
    };
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
    worker.postMessage({ file, share });
  });
  return { answer, cancel };
}

/** Reads `file` in one worker, or in two at once when it is large (share.ts); the size limit is checked by the caller. */
function parseInWorkers(file: ImportFile, options: ImportWorkerOptions): Parse<ParsedFile> {
  const split = (options.split ?? true) && fileSize(file) >= SPLIT_BYTES && !/\.(txt|text|md)$/i.test(file.name);
  if (!split) {
    const one = parseShare(file, 'all', options);
    const answer = one.answer.then(({ json, docs }) => fromWire(envelopeFromWire(json), docsFromWire(docs)));
    return { answer, cancel: one.cancel };
  }
  const first = parseShare(file, 'first', options);
  const second = parseShare(file, 'second', options);
  const cancel = (): void => {
    first.cancel();
    second.cancel();
  };
  // The first failure is the answer (both parse the whole file, so both find the same
  // fault); the other worker is stopped at once.
  const answer = Promise.all([first.answer, second.answer]).then(
    ([a, b]) => {
      const envelope = envelopeFromWire(a.json);
      return fromWire(envelope, joinShares(envelope, docsFromWire(a.docs), docsFromWire(b.docs)));
    },
    (e: unknown) => {
      cancel();
      throw e;
    },
  );
  return { answer, cancel };
}

/** Files handed over ahead of their import (`parseAhead`), each with its parse under way. */
const ahead: Array<{ file: ImportFile; parse: Parse<ParsedFile> }> = [];

function sameFile(a: ImportFile, b: ImportFile): boolean {
  return a.name === b.name && a.text === b.text && a.base64 === b.base64;
}

/**
 * Starts reading `file` now, before the import that will ask for it (the command line
 * hands its files over before it loads the service and opens the project, which then
 * happens while the file is parsed). The next `runImportWorker` with default options and
 * a file of the same name and content takes this parse as its own. Returns a function
 * that stops the parse if no import took it.
 */
export function parseAhead(file: ImportFile): () => void {
  if (fileSize(file) > DEFAULTS.maxBytes) return () => undefined;
  const entry = { file, parse: parseInWorkers(file, {}) };
  // Whoever takes it sees its failure; untaken, a failure is nobody's.
  entry.parse.answer.catch(() => undefined);
  ahead.push(entry);
  return () => {
    const at = ahead.indexOf(entry);
    if (at < 0) return;
    ahead.splice(at, 1);
    entry.parse.cancel();
  };
}

/**
 * Parses one imported file (TEI or plain text) in a worker thread; a large one in two
 * (share.ts), each with the same limits.
 *
 * Rejects with a ParseError (line, column) for XML that is not well-formed or is
 * refused, or text that is not UTF-8; SiglumError 'too-large' when the file or its
 * parse exceeds the limits, 'timeout' when it takes too long.
 */
export function runImportWorker(file: ImportFile, options: ImportWorkerOptions = {}): Promise<ParsedFile> {
  const { maxBytes } = { ...DEFAULTS, ...options };
  const size = fileSize(file);
  if (size > maxBytes) {
    return Promise.reject(
      new SiglumError(
        'too-large',
        `${file.name}: the file is ${Math.round(size / 1048576)} MB; Siglum imports files up to ${Math.round(maxBytes / 1048576)} MB.`,
      ),
    );
  }
  const defaults = Object.values(options).every((v) => v === undefined);
  const at = defaults ? ahead.findIndex((e) => sameFile(e.file, file)) : -1;
  if (at >= 0) return ahead.splice(at, 1)[0]!.parse.answer;
  return parseInWorkers(file, options).answer;
}

const WARM_UP: ImportFile = {
  name: 'warm-up.xml',
  text: '<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>w</title></titleStmt></fileDesc></teiHeader><text><body><div type="document" xml:id="d1"><note type="source">1</note><head><persName><hi rend="italic">A</hi></persName> to B</head><opener><dateline>X, <date when="1934-01-01">1 Jan</date></dateline></opener><p>Text<note n="1">n</note> <pb n="2"/>more<lb/>.</p><list><label>1.</label><item>i</item></list><closer><signed>S</signed></closer></div></body></text></TEI>',
};

/**
 * Starts an import worker and runs a small file through it, so that the first
 * real import finds a worker with its modules loaded. Safe to call and forget:
 * failures are ignored (the real import will report them).
 */
export async function prewarmImportWorker(options: ImportWorkerOptions = {}): Promise<void> {
  await runImportWorker(WARM_UP, options).catch(() => undefined);
}
