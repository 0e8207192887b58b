/**
 * The fonts Siglum ships (resources/fonts): their stylesheet and the files it names,
 * read once per resources folder. The print page inlines them as data URLs
 * (pdf/page.ts); the HTML edition carries them as files (index.ts). The window's
 * renderer gets the same stylesheet through its bundle (renderer/main.tsx).
 */
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The resources folder of the source tree. The bundles (dist/cli, dist/electron) sit
 * as deep as this file, so the same relative address finds the app's resources from
 * them; the desktop app's main process passes its own folder instead.
 */
export function sourceResourcesDir(): string {
  return fileURLToPath(new URL('../../resources', import.meta.url));
}

export interface ShippedFonts {
  /** resources/fonts/fonts.css as written: its `url(./FILE)`s are relative to it. */
  css: string;
  /** Each file the stylesheet names, by that name. */
  files: ReadonlyMap<string, Buffer>;
}

const URL_IN_CSS = /url\(\.\/([^)]+)\)/g;
const byDir = new Map<string, Promise<ShippedFonts>>();

async function read(dir: string): Promise<ShippedFonts> {
  const folder = join(dir, 'fonts');
  const css = await readFile(join(folder, 'fonts.css'), 'utf8');
  const present = new Set(await readdir(folder));
  const files = new Map<string, Buffer>();
  for (const m of css.matchAll(URL_IN_CSS)) {
    const name = m[1] ?? '';
    if (!present.has(name)) throw new Error(`fonts.css names ${name}, which is not in ${folder}`);
    if (!files.has(name)) files.set(name, await readFile(join(folder, name)));
  }
  return { css, files };
}

/** The shipped fonts of the resources folder `dir` (read on the first call for it). */
export function shippedFonts(dir: string): Promise<ShippedFonts> {
  let fonts = byDir.get(dir);
  if (fonts === undefined) {
    fonts = read(dir);
    byDir.set(dir, fonts);
    // A failed read is not kept: the next call tries again.
    fonts.catch(() => byDir.delete(dir));
  }
  return fonts;
}

/** The stylesheet with every `url(./FILE)` replaced by the file's data, for a page that loads no files. */
export function inlineFonts(fonts: ShippedFonts): string {
  return fonts.css.replace(URL_IN_CSS, (_, name: string) => {
    const data = fonts.files.get(name);
    if (data === undefined) throw new Error(`fonts.css names ${name}, which was not read`);
    return `url(data:font/woff2;base64,${data.toString('base64')})`;
  });
}
