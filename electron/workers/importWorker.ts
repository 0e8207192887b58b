/**
 * The import worker's entry point: for each ImportFile it receives, answers with the
 * parsed file or an error payload (name, code, message; line and column for a
 * ParseError). Runs in a worker_threads Worker started by runImportWorker.
 */
import { parentPort } from 'node:worker_threads';
import type { ImportFile } from '../../edition/api.ts';
import { ParseError, toErrorPayload } from '../../edition/errors.ts';
import { bytesText, fileText, parseText } from './parseFile.ts';
import { toWire, type FileBytes } from './wire.ts';

if (!parentPort) throw new Error('importWorker.ts runs only as a worker thread (see runImportWorker).');
const port = parentPort;

port.on('message', (file: ImportFile | FileBytes) => {
  try {
    const text = 'bytes' in file ? bytesText(file.name, file.bytes) : fileText(file);
    // As JSON texts in one UTF-8 buffer, handed over rather than copied: each
    // document's text is what the store keeps (wire.ts).
    const wire = toWire(parseText(file.name, text));
    port.postMessage({ ok: true, ...wire }, [wire.docs.buffer]);
  } catch (e) {
    const where = e instanceof ParseError ? { line: e.line, column: e.column } : {};
    port.postMessage({ ok: false, error: { ...toErrorPayload(e), ...where } });
  }
});
