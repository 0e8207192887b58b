/**
 * Writing an export so that a failure leaves nothing half-written: where it may go
 * (`checkOutPath`, `freePath`), a hidden partial name beside the target to write to
 * and rename over it, an HTML edition's files renamed into an existing folder one by
 * one, and file-system failures as the sentence a user sees.
 */
import { randomUUID } from 'node:crypto';
import { accessSync, constants, existsSync, lstatSync, readdirSync, statSync } from 'node:fs';
import { mkdir, readdir, rename } from 'node:fs/promises';
import { basename, dirname, extname, join, resolve } from 'node:path';
import type { EditionFormat } from '../../edition/api.ts';
import { SiglumError } from '../../edition/errors.ts';
import { hasSqliteHeader } from '../../db/damage.ts';
import { fileNameOf } from './exporter.ts';

const EXTENSIONS: Record<EditionFormat, string> = { pdf: '.pdf', html: '', latex: '.tex' };

function cannotWrite(path: string, why: string): SiglumError {
  return new SiglumError('io', `Cannot write ${path}: ${why}. Choose another place to export to.`);
}

function writable(dir: string): boolean {
  try {
    accessSync(dir, constants.W_OK | constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Where an export goes, checked: a file for PDF and LaTeX (an existing folder gets a
 * file named after the title), a folder for HTML. Throws SiglumError('io') naming the
 * path and what is wrong with it.
 */
export function checkOutPath(outPath: string, format: EditionFormat, title: string): string {
  const out = resolve(outPath);
  const isDir = existsSync(out) && statSync(out).isDirectory();
  if (format !== 'html' && isDir) {
    if (!writable(out)) throw cannotWrite(out, 'the folder is not writable');
    return join(out, fileNameOf(title).replace(/\.xml$/, EXTENSIONS[format]));
  }
  if (format === 'html' && isDir) {
    if (!writable(out)) throw cannotWrite(out, 'the folder is not writable');
    return out;
  }
  if (existsSync(out) && format === 'html') throw cannotWrite(out, 'it is a file, and an HTML edition is a folder');
  const parent = dirname(out);
  if (!existsSync(parent)) throw cannotWrite(out, `the folder ${parent} does not exist`);
  if (!statSync(parent).isDirectory()) throw cannotWrite(out, `${parent} is not a folder`);
  if (!writable(parent)) throw cannotWrite(out, `the folder ${parent} is not writable`);
  if (existsSync(out)) {
    try {
      accessSync(out, constants.W_OK);
    } catch {
      throw cannotWrite(out, 'the file exists and is read-only');
    }
  }
  return out;
}

/**
 * The first path like `path` with nothing at it: `edition.pdf`, `edition-2.pdf`,
 * `edition-3.pdf`... (an HTML folder: `edition-html`, `edition-html-2`...). An empty
 * folder counts as free for an HTML edition.
 */
export function freePath(path: string, format: EditionFormat): string {
  const taken = (p: string): boolean =>
    existsSync(p) && !(format === 'html' && statSync(p).isDirectory() && readdirSync(p).length === 0);
  if (!taken(path)) return path;
  const ext = format === 'html' ? '' : extname(path);
  const stem = path.slice(0, path.length - ext.length);
  for (let n = 2; ; n++) {
    const candidate = `${stem}-${n}${ext}`;
    if (!taken(candidate)) return candidate;
  }
}

/**
 * A file-system failure while writing (a full disk, a folder made read-only meanwhile)
 * as the sentence a user sees; anything else as it is.
 */
export function asIoError(e: unknown, path: string): unknown {
  const code = (e as NodeJS.ErrnoException | null)?.code;
  if (e instanceof SiglumError || typeof code !== 'string') return e;
  const why =
    code === 'ENOSPC'
      ? 'the disk is full'
      : code === 'EACCES' || code === 'EPERM' || code === 'EROFS'
        ? 'it may not be written'
        : `the system said ${code}`;
  return cannotWrite(path, why);
}

/**
 * Checks, before anything moves, that the edition's files under `from` may replace
 * what is at the same places under `to`: no symbolic link where the edition has a
 * folder (it would lead the files elsewhere), no database where it has a file.
 */
export async function checkTargets(from: string, to: string): Promise<void> {
  for (const entry of await readdir(from, { withFileTypes: true })) {
    const target = join(to, entry.name);
    const there = lstatSync(target, { throwIfNoEntry: false });
    if (there === undefined) continue;
    if (entry.isDirectory()) {
      if (there.isSymbolicLink()) throw cannotWrite(target, 'it is a symbolic link where the edition has a folder');
      if (there.isDirectory()) await checkTargets(join(from, entry.name), target);
    } else if (hasSqliteHeader(target)) {
      throw cannotWrite(target, 'it is a database (a Siglum project?) where the edition has a page');
    }
  }
}

/** Renames every file under `from` to the same place under `to`, making folders as needed. */
export async function moveFilesInto(from: string, to: string): Promise<void> {
  for (const entry of await readdir(from, { withFileTypes: true })) {
    const source = join(from, entry.name);
    const target = join(to, entry.name);
    if (entry.isDirectory()) {
      await mkdir(target, { recursive: true });
      await moveFilesInto(source, target);
    } else {
      await rename(source, target);
    }
  }
}

/** A hidden name beside `path` for writing before the rename. */
export function partialPath(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}-${randomUUID().slice(0, 8)}.partial`);
}
