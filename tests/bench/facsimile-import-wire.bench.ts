/**
 * The facsimile import of facsimile-import.bench.ts as the window and the browser host
 * send it: every file's base64 in the one `importFiles` call. The service decodes each
 * image only when its turn comes; the base64 texts themselves are the call's and stay
 * in memory until it returns.
 *
 *   npm run bench facsimile-import
 */
import { benchFacsimileImport } from './facsimile-volume.ts';

await benchFacsimileImport('wire');
