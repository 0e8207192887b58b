/**
 * A TEI export handed to the user. A file that names page images comes as one ZIP
 * (`F.zip`) holding `F.xml` and the images at the paths its `<graphic url>`s give
 * (`F-images/...`), so unzipping it gives what `siglum export --format tei --out DIR/F.xml`
 * writes; a file without images comes as the XML alone. The XML is deflated; the images
 * are stored as they are, being compressed already.
 */
import { strToU8, Zip, ZipDeflate, ZipPassThrough } from 'fflate';
import type { PointerReport, SiglumClient, TeiExport } from '../../edition/api.ts';
import { downloadBlob, downloadText, fromBase64 } from './files.ts';

/** What was downloaded. */
export interface TeiDownload {
  /** The file the user got: `F.xml`, or `F.zip` with the images. */
  fileName: string;
  /** How many page images came with it. */
  images: number;
}

/** A ZIP being written: the TEI first, then each image as it arrives. */
export interface TeiZip {
  add(path: string, bytes: Uint8Array): void;
  /** The ZIP's bytes, in the chunks they were written in. */
  finish(): Uint8Array[];
}

/** Starts a ZIP holding `xmlName` (deflated); images added after are stored. */
export function teiZip(xmlName: string, xml: string): TeiZip {
  const chunks: Uint8Array[] = [];
  let failure: Error | null = null;
  let ended = false;
  const zip = new Zip((error, chunk, final) => {
    if (error) failure = error;
    else chunks.push(chunk);
    if (final) ended = true;
  });
  const put = (file: ZipDeflate | ZipPassThrough, bytes: Uint8Array): void => {
    zip.add(file);
    file.push(bytes, true);
    if (failure) throw failure;
  };
  put(new ZipDeflate(xmlName, { level: 6 }), strToU8(xml));
  return {
    add: (path, bytes) => put(new ZipPassThrough(path), bytes),
    finish() {
      zip.end();
      if (failure) throw failure;
      // Every file pushed is written at once (no worker), so the end is reached here.
      if (!ended) throw new Error('The ZIP was not finished after its last file.');
      return chunks;
    },
  };
}

/** `F.zip` for `F.xml`. */
export function zipNameOf(xmlName: string): string {
  return `${xmlName.replace(/\.(xml|tei)$/i, '')}.zip`;
}

/**
 * Downloads an export: the XML alone, or with its images (each fetched as imported,
 * one at a time, so a volume's originals are never all held as base64 at once) as a
 * ZIP. Nothing is downloaded when an image cannot be fetched: the call throws.
 */
export async function downloadTei(
  client: Pick<SiglumClient, 'imageOriginal'>,
  exported: TeiExport,
): Promise<TeiDownload> {
  const { fileName: xmlName, xml } = exported;
  const images = exported.images ?? [];
  if (images.length === 0) {
    downloadText(xmlName, xml, 'application/tei+xml');
    return { fileName: xmlName, images: 0 };
  }
  const zip = teiZip(xmlName, xml);
  for (const image of images) {
    const { base64 } = await client.imageOriginal({ fileId: image.fileId });
    zip.add(image.path, fromBase64(base64));
  }
  const fileName = zipNameOf(xmlName);
  // fflate's chunks are views of plain ArrayBuffers; its types say ArrayBufferLike.
  downloadBlob(fileName, new Blob(zip.finish() as BlobPart[], { type: 'application/zip' }));
  return { fileName, images: images.length };
}

/**
 * The notice after a download: what came with it when there are images, and the
 * pointers that name ids the file does not have; null when there is nothing to say.
 */
export function downloadNotice(download: TeiDownload, pointers: PointerReport): string | null {
  const n = pointers.dangling.length;
  const images = download.images === 1 ? 'its page image' : `its ${download.images} page images`;
  const what =
    download.images === 0
      ? `${download.fileName} was downloaded`
      : `${download.fileName} was downloaded: the TEI file with ${images} in a folder beside it`;
  if (n === 0) return download.images === 0 ? null : `${what}.`;
  const first = pointers.dangling[0]!;
  return `${what}, but ${n} of its ${pointers.checked} pointers name ids the file does not have (the first: <${first.element} ${first.attribute}="#${first.id}">)`;
}
