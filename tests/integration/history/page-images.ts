/** Shared helpers for the tests of page images and their clean-up: small distinct pages and what a project keeps. */
import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { KANT } from '../../unit/facsimile/ocr.ts';
import { serviceFixture } from '../service/helpers.ts';

/** Small pages made from the two Kant scans (PNG), each distinct. */
export async function pages(): Promise<{ title: Buffer; shared: Buffer; other: Buffer }> {
  const scan = (n: string) => readFileSync(join(KANT, `OCR-D-IMG/INPUT_${n}.tif`));
  return {
    title: await sharp(scan('0017')).resize(120).png().toBuffer(),
    shared: await sharp(scan('0020')).resize(120).png().toBuffer(),
    other: await sharp(scan('0020')).resize(90).png().toBuffer(),
  };
}

/** The image files the project keeps, by name, and how many tiles it holds in all. */
export function stored(path: string): { files: string[]; tiles: number } {
  const db = new Database(path, { readonly: true });
  try {
    const files = (db.prepare('SELECT name FROM image_files ORDER BY name').all() as Array<{ name: string }>).map(
      (r) => r.name,
    );
    const tiles = (db.prepare('SELECT COUNT(*) AS n FROM image_tiles').get() as { n: number }).n;
    return { files, tiles };
  } finally {
    db.close();
  }
}

/** A file as an API call sends it. */
export const png = (name: string, bytes: Buffer) => ({ name, base64: bytes.toString('base64') });

/**
 * Services on projects in a fresh folder (serviceFixture), and `project(name)`: a new
 * project's path, its service and the pages to add.
 */
export function pageImageFixture() {
  const fixture = serviceFixture();
  const project = async (name: string) => ({
    path: fixture.tmp.file(name),
    s: fixture.service(name),
    p: await pages(),
  });
  return { ...fixture, project };
}
