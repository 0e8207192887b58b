/**
 * Where an export may write. Every export (TEI, PDF, HTML, LaTeX; from the command line,
 * the desktop app or `siglum serve`) goes through `checkExportPath` before anything is
 * read or built:
 *
 * - never over a project: not the open project's file nor its `-wal`, `-shm` or
 *   `-journal` file, and not any existing SQLite file (another project, open or not);
 * - only an absolute path without `..` segments, whose name ends in the format's
 *   extension (`.pdf`, `.tex`, `.xml` or `.tei`; an HTML edition is a folder), so that an export
 *   cannot become a script or a startup file of some other program;
 * - when the host restricts exports to folders (`siglum serve`: the project's
 *   `exports/` folder or `--exports DIR`), only inside one of them, symbolic links
 *   resolved, so that a link cannot lead out.
 *
 * The command line's `--out` and the path the desktop app's save dialog returned are
 * the user's own choice: those hosts give no folders.
 */
import { existsSync, lstatSync, mkdirSync, realpathSync } from 'node:fs';
import { basename, dirname, extname, isAbsolute, join, resolve, sep } from 'node:path';
import { SiglumError } from '../../edition/errors.ts';
import { hasSqliteHeader } from '../../db/damage.ts';

/** The formats an export writes, with the extensions its file may have (none: a folder). */
export const EXPORT_EXTENSIONS = { pdf: ['.pdf'], latex: ['.tex'], tei: ['.xml', '.tei'], html: [] } as const;
export type ExportFormat = keyof typeof EXPORT_EXTENSIONS;

/** Where exports may go: anywhere the user chose, or only inside these folders. */
export interface ExportPolicy {
  /** The open project's file. */
  projectPath: string;
  /** Absolute folders exports must stay inside; absent when the user chose the path. */
  folders?: readonly string[] | undefined;
}

const SIDE_FILES = ['-wal', '-shm', '-journal'];

function refuse(path: string, why: string, what: string): SiglumError {
  return new SiglumError('forbidden', `Siglum will not export to ${path}: ${why}. ${what}`);
}

/** True when `path` is an existing file (not a link) that starts like an SQLite database. */
function isDatabase(path: string): boolean {
  try {
    return lstatSync(path).isFile() && hasSqliteHeader(path);
  } catch {
    return false;
  }
}

/** `path` with every symbolic link in its existing part resolved (the rest appended as is). */
export function realPath(path: string): string {
  const missing: string[] = [];
  let at = resolve(path);
  for (;;) {
    try {
      return join(realpathSync(at), ...missing.reverse());
    } catch {
      const up = dirname(at);
      if (up === at) return resolve(path);
      missing.push(basename(at));
      at = up;
    }
  }
}

function inside(path: string, folder: string): boolean {
  return path === folder || path.startsWith(folder.endsWith(sep) ? folder : folder + sep);
}

/** Creates the policy's export folders that do not exist yet (before a path in them is checked). */
export function makeExportFolders(policy: ExportPolicy): void {
  for (const folder of policy.folders ?? []) if (!existsSync(folder)) mkdirSync(folder, { recursive: true });
}

/** Refuses a path as typed that is relative or goes up with `..`, before it is resolved. */
export function checkRequestedPath(outPath: string, format: ExportFormat, policy: ExportPolicy): void {
  const choose = `Choose a ${format === 'html' ? 'folder' : 'file'}${whereNote(policy)}.`;
  if (!isAbsolute(outPath)) throw refuse(outPath, 'the path is relative', `Give the whole path. ${choose}`);
  if (outPath.split(/[\\/]/).includes('..')) throw refuse(outPath, 'the path goes up with ".."', choose);
}

function whereNote(policy: ExportPolicy): string {
  return policy.folders && policy.folders.length > 0
    ? ` inside ${policy.folders.join(' or ')}`
    : ' in a folder of your own';
}

/**
 * Checks that an export of `format` may write `outPath` (resolved already: a file for
 * PDF, LaTeX and TEI, a folder for HTML) under `policy`; returns it. Throws
 * SiglumError('forbidden') with a sentence saying what is wrong and what to do.
 */
export function checkExportPath(outPath: string, format: ExportFormat, policy: ExportPolicy): string {
  const folderNote = whereNote(policy);
  checkRequestedPath(outPath, format, policy);
  const choose = `Choose a ${format === 'html' ? 'folder' : 'file'}${folderNote}.`;
  const path = resolve(outPath);
  const real = realPath(path);
  const project = realPath(policy.projectPath);
  const projectFiles = [project, ...SIDE_FILES.map((s) => project + s)];
  if (projectFiles.includes(real) || projectFiles.includes(path)) {
    throw refuse(path, 'that is the project file itself, and the export would destroy it', choose);
  }
  if (SIDE_FILES.some((s) => path.endsWith(s))) {
    throw refuse(path, "that is a database's journal, and writing it would damage the database", choose);
  }
  if (isDatabase(real)) throw refuse(path, 'that file is a database (a Siglum project?), and would be lost', choose);
  const wanted: readonly string[] = EXPORT_EXTENSIONS[format];
  const ext = extname(path).toLowerCase();
  if (wanted.length > 0 && !wanted.includes(ext)) {
    const kind = format === 'latex' ? 'LaTeX' : format.toUpperCase();
    throw refuse(path, `a ${kind} export is a ${wanted.join(' or ')} file`, choose);
  }
  if (format === 'html' && ext !== '' && ext !== '.html') {
    throw refuse(path, 'an HTML edition is a folder, named without an extension', choose);
  }

  if (policy.folders && policy.folders.length > 0) {
    const allowed = policy.folders.map((f) => realPath(f));
    // An HTML edition may be the export folder itself; a file must be inside one.
    const ok = allowed.some((f) => inside(real, f) && (format === 'html' || real !== f));
    if (!ok) throw refuse(path, `exports go${folderNote} (symbolic links are followed)`, choose);
  }
  return path;
}
