// Entry of the search indexer's thread when Siglum runs from TypeScript sources (see
// bootstrap.mjs, the same for the import worker).
import { register } from 'tsx/esm/api';

register();
await import('./indexWorker.ts');
