/**
 * Reading the built renderer (dist/renderer, from `vite build`) for a request path.
 * Shared by the app:// protocol handler and `siglum serve`, so both hosts serve
 * exactly the same files with the same types and refuse the same paths.
 */
import { readFile, realpath, stat } from 'node:fs/promises';
import { extname, isAbsolute, join, relative, resolve, sep } from 'node:path';

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};

export interface Asset {
  body: Buffer;
  contentType: string;
  /** True for index.html, which must not be cached (it names the hashed assets). */
  isPage: boolean;
}

function inside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

async function readInside(root: string, path: string): Promise<Buffer | null> {
  try {
    const real = await realpath(path);
    if (!inside(root, real) || !(await stat(real)).isFile()) return null;
    return await readFile(real);
  } catch {
    return null;
  }
}

/**
 * The file under `root` that `pathname` (a URL path, still percent-encoded) names, or
 * null. Paths without an extension that name no file get index.html, so the UI may use
 * its own routes. Nothing outside `root` is ever read: `..`, encoded separators and
 * symbolic links pointing out are all refused.
 */
export async function readAsset(root: string, pathname: string): Promise<Asset | null> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  let realRoot: string;
  try {
    realRoot = await realpath(root);
  } catch {
    return null;
  }
  const wanted = decoded === '/' || decoded === '' ? '/index.html' : decoded;
  const path = resolve(realRoot, `.${wanted}`);
  if (!inside(realRoot, path)) return null;

  const ext = extname(path).toLowerCase();
  const body = await readInside(realRoot, path);
  if (body) {
    return { body, contentType: TYPES[ext] ?? 'application/octet-stream', isPage: ext === '.html' };
  }
  if (ext !== '') return null;
  const index = await readInside(realRoot, join(realRoot, 'index.html'));
  return index ? { body: index, contentType: TYPES['.html']!, isPage: true } : null;
}
