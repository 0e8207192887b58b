/**
 * The import worker's entry point: receives one ImportFile, answers with the
 * parsed file or an error payload (name, code, message; line and column for a
 * ParseError). Runs in a worker_threads Worker started by runImportWorker.
 */
import { parentPort } from 'node:worker_threads';
import type { ImportFile } from '../../edition/api.ts';
import { ParseError, toErrorPayload } from '../../edition/errors.ts';
import { parseFile } from './parseFile.ts';

if (!parentPort) throw new Error('importWorker.ts runs only as a worker thread (see runImportWorker).');
const port = parentPort;

port.once('message', (file: ImportFile) => {
  try {
    port.postMessage({ ok: true, result: parseFile(file) });
  } catch (e) {
    const where = e instanceof ParseError ? { line: e.line, column: e.column } : {};
    port.postMessage({ ok: false, error: { ...toErrorPayload(e), ...where } });
  }
});
