// Entry of the import worker when Siglum runs from TypeScript sources: Node 20 does not
// apply the parent's `--import tsx` hooks to worker threads, so register tsx here, then
// load the worker itself. A bundled build points runImportWorker at its compiled worker.
import { register } from 'tsx/esm/api';

register();
await import('./importWorker.ts');
