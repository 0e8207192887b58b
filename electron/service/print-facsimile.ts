/**
 * Page images for the PDF (`facsimile: 'facing'`): for each document, the surfaces its
 * page breaks point at, each as a JPEG sized for print (at most 1600 px on its long
 * side, quality 82, flattened on white) handed to the print page as a data URL, as
 * its fonts are. The originals (a TIFF scan may be 20 megapixels) never reach Chromium.
 */
import { listSurfaces } from '../../db/facsimiles.ts';
import { rowId } from '../../edition/args.ts';
import type { Store } from '../../db/store.ts';
import { facsIds, facsOf } from '../../edition/facsimile/links.ts';
import type { PrintEdition, PrintPageImage } from '../../edition/print/model.ts';
import { schema } from '../../edition/schema.ts';
import type { DocJSON } from '../../edition/types.ts';
import { pageImageJpeg } from './publish-facsimile.ts';

/** The long side of a page image in the PDF: about 190 dpi over an A4 text block. */
export const PRINT_IMAGE_LONG_SIDE = 1600;

/** The surface ids the document's page breaks name, in text order. */
function pageBreakSurfaces(doc: DocJSON): Set<string> {
  const surfaces = new Set<string>();
  schema.nodeFromJSON(doc).descendants((node) => {
    if (node.type === schema.nodes.pageBreak) for (const id of facsIds(facsOf(node))) surfaces.add(id);
    return true;
  });
  return surfaces;
}

/**
 * `edition` with `pageImages` on each document whose page breaks name surfaces with an
 * image; `documentIds` are the store's ids of `edition.documents`, index for index. A
 * document without page images is handed on as it was. An image shown by two
 * documents is made once.
 */
export async function withPrintPageImages<E extends PrintEdition>(
  store: Store,
  edition: E,
  documentIds: readonly string[],
): Promise<E> {
  const made = new Map<string, { src: string; width: number; height: number }>();
  const documents: E['documents'] = [];
  for (const [i, d] of edition.documents.entries()) {
    const id = documentIds[i];
    const named = pageBreakSurfaces(d.doc);
    const surfaces =
      id === undefined || named.size === 0 ? [] : store.read(() => listSurfaces(store.db, rowId(id, 'document')));
    const pageImages: PrintPageImage[] = [];
    for (const s of surfaces) {
      if (s.image === null || !named.has(s.id)) continue;
      let image = made.get(s.image.id);
      if (image === undefined) {
        const jpeg = await pageImageJpeg(store, Number(s.image.id), {
          width: PRINT_IMAGE_LONG_SIDE,
          height: PRINT_IMAGE_LONG_SIDE,
          fit: 'inside',
        });
        image = {
          src: `data:image/jpeg;base64,${jpeg.data.toString('base64')}`,
          width: jpeg.width,
          height: jpeg.height,
        };
        made.set(s.image.id, image);
      }
      pageImages.push({ surface: s.id, ...image, n: s.n });
    }
    documents.push(pageImages.length === 0 ? d : { ...d, pageImages });
  }
  return { ...edition, documents };
}
