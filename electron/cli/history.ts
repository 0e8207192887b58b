/**
 * History and backups from the command line: `siglum history DOC_ID` lists a
 * document's versions, `siglum backup --out FILE` writes a verified, consistent copy
 * of a project (the app may be running on it), `siglum restore BACKUP --to P` puts a
 * backup in place of a project that is not open.
 */
import Database from 'better-sqlite3';
import { existsSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { SiglumError } from '../../edition/errors.ts';
import {
  backupDatabase,
  backupFileName,
  backupFolder,
  copyDatabaseSync,
  documentCount,
  rotateBackups,
  verifyBackup,
} from '../../db/backup.ts';
import { chooseProject } from '../paths.ts';
import { replaceProjectFile } from '../service/backups.ts';
import { openElsewhere } from '../service/lock.ts';
import { projectMustExist, withService, type Output } from './commands.ts';
import { UsageError } from './usage.ts';

export async function historyCommand(
  positionals: string[],
  opts: { project?: string; json?: boolean },
  io: Output,
): Promise<number> {
  if (positionals.length !== 1) throw new UsageError('history takes exactly one DOC_ID.');
  const project = chooseProject(opts.project);
  projectMustExist(project);
  const history = await withService(project, false, (s) => s.documentHistory({ documentId: positionals[0]! }));
  if (opts.json) {
    io.out(
      JSON.stringify({
        versions: history.versions.map((v) => ({ version: v.version, at: v.at, steps: v.steps })),
        named: history.named,
      }),
    );
    return 0;
  }
  io.out(`Document ${history.documentId}, version ${history.version}:`);
  for (const v of history.versions) {
    io.out(`  ${String(v.version).padStart(7)}  ${v.at}  ${v.version === 0 ? 'created' : `${v.steps} steps`}`);
  }
  for (const n of history.named) io.out(`  named "${n.name}" at ${n.at} (version ${n.version ?? 'none'})`);
  return 0;
}

function sqliteOptions(readonly: boolean): Database.Options {
  const binding = process.env['SIGLUM_SQLITE_BINDING'];
  return { readonly, fileMustExist: true, ...(binding ? { nativeBinding: binding } : {}) };
}

export async function backupCommand(opts: { project?: string; out?: string }, io: Output): Promise<number> {
  if (!opts.out) throw new UsageError('backup needs --out FILE.');
  const out = resolve(opts.out);
  if (existsSync(out)) throw new SiglumError('bad-input', `${out} already exists. Choose a new file for the backup.`);
  if (!(existsSync(dirname(out)) && statSync(dirname(out)).isDirectory())) {
    throw new SiglumError(
      'not-found',
      `The folder ${dirname(out)} does not exist: create it first, or choose another --out.`,
    );
  }
  const project = chooseProject(opts.project);
  projectMustExist(project);
  // Its own read-only connection: one step of the backup API reads one consistent state,
  // committed WAL frames included, while the app keeps writing.
  const db = new Database(project.path, sqliteOptions(true));
  let documents: number;
  try {
    const before = documentCount(db);
    documents = await backupDatabase(db, out, { stepwise: false });
    const after = documentCount(db);
    if (documents !== before && documents !== after) {
      throw new SiglumError('io', `The backup holds ${documents} documents where the project has ${after}. Try again.`);
    }
  } finally {
    db.close();
  }
  io.out(`Backed up ${project.path} to ${out} (${documents} documents, verified).`);
  return 0;
}

export async function restoreCommand(positionals: string[], opts: { to?: string }, io: Output): Promise<number> {
  if (positionals.length !== 1) throw new UsageError('restore takes exactly one BACKUP file.');
  if (!opts.to) throw new UsageError('restore needs --to PROJECT: the project file to replace (or create).');
  const backup = resolve(positionals[0]!);
  const to = resolve(opts.to);
  if (!existsSync(backup)) throw new SiglumError('not-found', `There is no backup at ${backup}. Check the path.`);
  const pid = openElsewhere(to);
  if (pid !== null) {
    throw new SiglumError(
      'forbidden',
      `${basename(to)} is open in Siglum (process ${pid}). Close it there, or restore from the app's Backups panel.`,
    );
  }
  const documents = verifyBackup(backup);
  let safety: string | null = null;
  if (existsSync(to)) {
    // The project as it is goes into its backups first, so the restore can be undone.
    const folder = backupFolder(to);
    safety = join(folder, backupFileName(new Date(), 'before-restore'));
    const db = new Database(to, sqliteOptions(true));
    try {
      copyDatabaseSync(db, safety);
    } finally {
      db.close();
    }
    verifyBackup(safety);
    rotateBackups(folder);
  }
  replaceProjectFile(backup, to);
  io.out(`Restored ${to} from ${backup} (${documents} documents).`);
  if (safety !== null) io.out(`The project as it was is kept in ${safety}.`);
  return 0;
}
