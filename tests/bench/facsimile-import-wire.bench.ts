/**
 * The facsimile import of facsimile-import.bench.ts as the window and the browser host
 * send it: each page image sent ahead (`stageImportFile`, one call each, kept on disk by
 * the service), then `importFiles` with the XML files and the images' tokens.
 *
 *   npm run bench facsimile-import
 */
import { benchFacsimileImport } from './facsimile-volume.ts';

await benchFacsimileImport('wire');
