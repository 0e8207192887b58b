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
import type { ParsedFile } from './parsed.ts';
import { builtFiles } from '../built.ts';
import { fromWire, type FileBytes } from './wire.ts';
import { fileBytes } from './fileBytes.ts';

export { isTeiImport, isCorpusImport, parsedParts, type ParsedFile } from './parsed.ts';
export { cameAsText, docText, storedDoc } from './wire.ts';

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
}

/** The largest file an import accepts (the command line checks it before reading a file). */
export const MAX_IMPORT_BYTES = 64 * 1024 * 1024;

const DEFAULTS = { timeoutMs: 30_000, maxOldGenerationSizeMb: 512, maxBytes: MAX_IMPORT_BYTES };

function fileSize(file: ImportFile | FileBytes): number {
  if ('bytes' in file) return file.bytes.byteLength;
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

/** The worker's answer, checked for the shape of a TeiImport, a teiCorpus's volumes or a PlainImport, its documents read lazily (wire.ts). */
function parsedFromWire(json: unknown, docs: unknown, ends: unknown): ParsedFile {
  const value: unknown = typeof json === 'string' ? JSON.parse(json) : null;
  const record = (v: unknown): Record<string, unknown> =>
    (typeof v === 'object' && v !== null ? v : {}) as Record<string, unknown>;
  const isTei = (v: unknown): boolean =>
    Array.isArray(record(v)['documents']) && typeof record(v)['collection'] === 'object';
  const o = record(value);
  const tei = isTei(value);
  const corpus = Array.isArray(o['volumes']) && (o['volumes'] as unknown[]).every(isTei);
  const plain = 'doc' in o && typeof o['title'] === 'string';
  if ((!tei && !corpus && !plain) || !(docs instanceof Uint8Array) || !Array.isArray(ends))
    throw new SiglumError('internal', 'Siglum hit an internal error: the import worker sent an unreadable answer.');
  return fromWire(value as ParsedFile, docs, ends as unknown[] as number[]);
}

/**
 * One idle worker is kept for a minute after a clean answer (a parsed file or a
 * refusal), so that importing several files does not pay for a new thread and
 * a cold JIT each time. A worker that timed out, ran out of memory or failed is
 * terminated, never reused. Idle workers do not keep the process alive.
 */
const IDLE_MS = 60_000;
let idle: { key: string; worker: Worker; timer: ReturnType<typeof setTimeout> } | null = null;

function takeWorker(url: URL, maxOldGenerationSizeMb: number, reuse: boolean): Worker {
  const key = `${url.href}|${maxOldGenerationSizeMb}`;
  if (reuse && idle?.key === key) {
    const { worker, timer } = idle;
    clearTimeout(timer);
    idle = null;
    worker.ref();
    return worker;
  }
  const worker = new Worker(url, {
    // A young generation of 6 MB, not V8's 48: parsing a volume builds a tree that lives
    // to the end, and a smaller nursery copies it less often (frus1934v05 reads about 80 ms
    // sooner, from 48, 12, 6 and 3 MB tried; npm run bench cli).
    resourceLimits: { maxOldGenerationSizeMb, maxYoungGenerationSizeMb: 6, stackSizeMb: 8 },
    stdout: false,
    stderr: false,
  });
  worker.once('exit', () => {
    if (idle?.worker === worker) {
      clearTimeout(idle.timer);
      idle = null;
    }
  });
  return worker;
}

function release(worker: Worker, url: URL, maxOldGenerationSizeMb: number): void {
  if (idle) {
    clearTimeout(idle.timer);
    void idle.worker.terminate();
  }
  worker.unref();
  const timer = setTimeout(() => {
    if (idle?.worker === worker) idle = null;
    void worker.terminate();
  }, IDLE_MS);
  timer.unref();
  idle = { key: `${url.href}|${maxOldGenerationSizeMb}`, worker, timer };
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
 * Starts the import worker now and keeps it as the idle one, so that it loads its code
 * while the caller does other work (the command line loads the service and opens the
 * project meanwhile); the next `runImportWorker` takes it.
 */
export function warmImportWorker(options: ImportWorkerOptions = {}): void {
  const url = workerUrl(options);
  const max = options.maxOldGenerationSizeMb ?? DEFAULTS.maxOldGenerationSizeMb;
  if (idle?.key === `${url.href}|${max}`) return;
  release(takeWorker(url, max, false), url, max);
}

/** The thread id of the idle import worker kept for the next file, or null (for tests and diagnostics). */
export function idleImportWorker(): number | null {
  return idle?.worker.threadId ?? null;
}

/** A parse under way: its answer, and a way to stop it (a no-op once it has answered). */
interface Parse {
  answer: Promise<ParsedFile>;
  cancel: () => void;
}

/** Reads `file` in a worker; the size limit is checked by the caller. */
function parseInWorker(
  file: ImportFile | FileBytes,
  options: ImportWorkerOptions,
  keep = options.reuse ?? true,
): Parse {
  const { timeoutMs, maxOldGenerationSizeMb } = { ...DEFAULTS, ...options };
  const url = workerUrl(options);
  let cancel = (): void => undefined;
  const answer = new Promise<ParsedFile>((resolve, reject) => {
    const worker = takeWorker(url, maxOldGenerationSizeMb, options.reuse ?? true);
    let done = false;
    const finish = (clean: boolean, f: () => void): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
      if (clean && keep) release(worker, url, maxOldGenerationSizeMb);
      else void worker.terminate();
      f();
    };
    cancel = () =>
      finish(false, () => reject(new SiglumError('internal', `Reading ${file.name} was stopped: no import took it.`)));
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
    const onMessage = (msg: { ok: boolean; json?: string; docs?: unknown; ends?: unknown; error?: unknown }): void => {
      if (!msg.ok) return finish(true, () => reject(fromPayload(msg.error)));
      let result: ParsedFile;
      try {
        result = parsedFromWire(msg.json, msg.docs, msg.ends);
      } catch (e) {
        return finish(false, () => reject(e));
      }
      finish(true, () => resolve(result));
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
    worker.postMessage(file);
  });
  return { answer, cancel };
}

/** Files handed over ahead of their import (`parseAhead`), each with its parse under way. */
const ahead: Array<{ file: ImportFile | FileBytes; parse: Parse }> = [];

/** Whether the import's file `b` is `a` handed over ahead (as given, or as the bytes its base64 holds). */
function sameFile(a: ImportFile | FileBytes, b: ImportFile): boolean {
  if (a.name !== b.name) return false;
  if (!('bytes' in a)) return a.text === b.text && a.base64 === b.base64;
  return b.text === undefined && typeof b.base64 === 'string' && Buffer.compare(fileBytes(b), a.bytes) === 0;
}

/**
 * Starts reading `file` now, before the import that will ask for it (the command line
 * hands its files over before it loads the service and opens the project, which then
 * happen while the file is parsed). The next `runImportWorker` with default options and
 * a file of the same name and content takes this parse as its own. Returns a function
 * that stops the parse if no import took it. A file given as its bytes (FileBytes) goes
 * to the worker as they are, and matches an import's file of the same name whose
 * `base64` holds the same bytes. With `keepWorker: false` the worker ends as soon as it
 * has answered, rather than waiting for another file (the command line, which reads
 * each file in a worker of its own and then exits, frees the worker's memory while the
 * import writes instead of at exit).
 */
export function parseAhead(file: ImportFile | FileBytes, options: { keepWorker?: boolean } = {}): () => void {
  if (fileSize(file) > DEFAULTS.maxBytes) return () => undefined;
  const entry = { file, parse: parseInWorker(file, {}, options.keepWorker ?? true) };
  // Whoever takes the parse sees its failure; untaken, a failure is nobody's.
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
 * Parses one imported file (TEI or plain text) in a worker thread.
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
  return parseInWorker(file, options).answer;
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
