/**
 * Facsimile import speed and memory, as the command line imports: the Kant METS (two
 * JPEG-compressed TIFF pages with their PAGE files; target <= 1 s) and a 100-page METS
 * made by repeating the Kant pages (facsimile-volume.ts; target <= 20 s, peak memory
 * below 500 MB), each through the service, its files read from disk as the import needs
 * each. facsimile-import-wire.bench.ts times the same import as the window sends it.
 *
 *   npm run bench facsimile-import
 */
import { benchFacsimileImport } from './facsimile-volume.ts';

await benchFacsimileImport('disk');
