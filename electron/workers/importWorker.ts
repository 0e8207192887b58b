/**
 * The import worker's entry point: for each ImportFile it receives, answers with the
 * parsed file or an error payload (name, code, message; line and column for a
 * ParseError). Runs in a worker_threads Worker started by runImportWorker.
 */
import { parentPort } from 'node:worker_threads';
import type { ImportFile } from '../../edition/api.ts';
import { ParseError, toErrorPayload } from '../../edition/errors.ts';
import { parseFile } from './parseFile.ts';
import { toWire } from './wire.ts';

if (!parentPort) throw new Error('importWorker.ts runs only as a worker thread (see runImportWorker).');
const port = parentPort;

port.on('message', (file: ImportFile) => {
  try {
    // As JSON strings: copying strings and JSON.parse on the other side cost about half
    // of what structured cloning the many small objects of a volume does, and each
    // document's text is what the store keeps (wire.ts).
    port.postMessage({ ok: true, ...toWire(parseFile(file)) });
  } catch (e) {
    const where = e instanceof ParseError ? { line: e.line, column: e.column } : {};
    port.postMessage({ ok: false, error: { ...toErrorPayload(e), ...where } });
  }
});
