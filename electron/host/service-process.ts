/**
 * The desktop app's service process: electron/main.ts forks this (bundled as
 * dist/electron/service.cjs) as an Electron utility process, so that SQLite and the
 * parsing of imported files never run in the main process. Arguments: the project
 * path, then "seed" to seed the project if this run creates it.
 */
import { pagesOverPort, pdfOverPort } from '../pdf/port.ts';
import { defaultProjectPath, userDataDir } from '../paths.ts';
import { openWorkspace } from '../service/workspace.ts';
import { prewarmImportWorker, runImportWorker } from '../workers/index.ts';
import { reportFatal, servePort, type Port } from './port.ts';

// Imported files are parsed in a worker thread with memory and time limits; in the
// bundle the worker is the compiled importWorker.cjs beside this file (build.mjs).
const workerUrl = new URL('./importWorker.cjs', import.meta.url);

interface ParentPortLike {
  on(event: 'message', listener: (message: { data: unknown }) => void): void;
  postMessage(message: unknown): void;
}

const parentPort = (process as unknown as { parentPort?: ParentPortLike }).parentPort;
if (!parentPort) throw new Error('service-process runs only as an Electron utility process (utilityProcess.fork).');

const port: Port = {
  postMessage: (m) => parentPort.postMessage(m),
  onMessage: (listener) => parentPort.on('message', (e) => listener(e.data)),
};

const [projectPath, mode] = process.argv.slice(2);

async function start(): Promise<void> {
  if (!projectPath) throw new Error('no project path was given');
  // A workspace, so that the File menu can open other projects in this process.
  const service = openWorkspace({
    configDir: userDataDir(),
    defaultPath: mode === 'seed' ? projectPath : defaultProjectPath(),
    service: {
      parseFile: (file) => runImportWorker(file, { workerUrl }),
      // The search indexer's thread, compiled beside this file too (build.mjs).
      indexWorkerUrl: new URL('./indexWorker.cjs', import.meta.url),
      // PDFs are printed by the main process in a hidden window (electron/pdf/port.ts).
      renderPdf: pdfOverPort(port),
      renderPages: pagesOverPort(port),
    },
  });
  try {
    await service.open(projectPath, true);
  } catch (e) {
    service.close();
    throw e;
  }
  // On quit the main process asks for an orderly close (open documents are snapshotted);
  // every step was committed when it was acknowledged, so a hard kill loses nothing.
  // The first import then finds a worker with its modules loaded (about 0.3 s saved).
  void prewarmImportWorker({ workerUrl });
  servePort(service, port, () => {
    service.close();
    process.exit(0);
  });
}

// Bundled as CommonJS, so no top-level await.
start().catch((e: unknown) => reportFatal(port, e));
