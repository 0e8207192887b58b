/**
 * The command line's commands. Each one checks everything it can (arguments, input
 * files, the output folder, whether the project exists) before it opens the project,
 * so that a mistake is reported without anything being created or written; the
 * service's own operations are each one transaction.
 */
import { existsSync, statSync } from 'node:fs';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ExportTarget, ImportFile } from '../../edition/api.ts';
import { SiglumError } from '../../edition/errors.ts';
import { chooseProject, defaultProjectPath, userDataDir, type ProjectChoice } from '../paths.ts';
import { startServer } from '../serve/server.ts';
import { openService, type SiglumService } from '../service/index.ts';
import { openWorkspace } from '../service/workspace.ts';
import { prewarmImportWorker } from '../workers/index.ts';
import { exportEditionCommand, isEditionFormat } from './export-edition.ts';
import { UsageError } from './usage.ts';

/** Where the output goes; the tests and the real process both use stdout/stderr. */
export interface Output {
  out(text: string): void;
  err(text: string): void;
}

/** The built renderer that `serve` hands to the browser. */
export const RENDERER_DIR = fileURLToPath(new URL('../../dist/renderer/', import.meta.url));

export function projectMustExist(project: ProjectChoice): void {
  if (!existsSync(project.path)) {
    throw new SiglumError(
      'not-found',
      `There is no project at ${project.path}. Import a file to create it (siglum import FILE --project ${project.path}), or pass another --project.`,
    );
  }
}

export async function withService<T>(
  project: ProjectChoice,
  create: boolean,
  run: (s: SiglumService) => Promise<T>,
): Promise<T> {
  const service = await openService(project.path, { create, seed: create && project.isDefault });
  try {
    return await run(service);
  } finally {
    service.close();
  }
}

export async function importCommand(
  files: string[],
  opts: { project?: string; json?: boolean },
  io: Output,
): Promise<number> {
  if (files.length === 0) throw new UsageError('import needs at least one FILE.');
  const project = chooseProject(opts.project);
  const read: ImportFile[] = [];
  for (const file of files) {
    let bytes: Buffer;
    try {
      bytes = await readFile(file);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      throw new SiglumError(
        'not-found',
        code === 'EISDIR'
          ? `${file} is a folder: name the files to import.`
          : `Cannot read ${file}: check the name and that you may read it.`,
      );
    }
    // As bytes, so the service checks that the text is valid UTF-8 rather than a decoder here guessing.
    read.push({ name: basename(file), base64: bytes.toString('base64') });
  }
  const result = await withService(project, true, (s) => s.importFiles({ files: read }));
  if (opts.json) {
    io.out(
      JSON.stringify({
        documents: result.documents.map((d) => ({ id: d.id, title: d.title, collection: d.collection })),
      }),
    );
  } else {
    io.out(
      `Imported ${result.documents.length} document${result.documents.length === 1 ? '' : 's'} into ${project.path}:`,
    );
    for (const d of result.documents) io.out(`  ${d.id}  ${d.title}`);
  }
  return 0;
}

export async function listCommand(opts: { project?: string; json?: boolean }, io: Output): Promise<number> {
  const project = chooseProject(opts.project);
  if (!project.isDefault) projectMustExist(project);
  const { info, collections, documents } = await withService(project, project.isDefault, async (s) => ({
    info: await s.projectInfo({}),
    collections: await s.listCollections({}),
    documents: await s.listDocuments({}),
  }));
  if (opts.json) {
    io.out(JSON.stringify({ project: info, collections, documents }));
    return 0;
  }
  io.out(`${info.title} (${info.path})`);
  const groups: Array<{ id: string | null; title: string }> = [
    ...collections.map((c) => ({ id: c.id, title: `${c.title} [${c.kind}]` })),
    { id: null, title: 'Not in a collection' },
  ];
  for (const group of groups) {
    const docs = documents.filter((d) => d.collectionId === group.id);
    if (docs.length === 0 && group.id === null) continue;
    io.out(`\n${group.title}${group.id ? `  (${group.id})` : ''}`);
    for (const d of docs) io.out(`  ${d.id}  ${d.n ? `${d.n}. ` : ''}${d.title}`);
  }
  return 0;
}

export async function exportCommand(
  positionals: string[],
  opts: { project?: string; collection?: string; all?: boolean; format?: string; out?: string; at?: string },
  io: Output,
): Promise<number> {
  const chosen = [positionals.length > 0, opts.collection !== undefined, opts.all === true].filter(Boolean).length;
  if (chosen !== 1 || positionals.length > 1) {
    throw new UsageError('export needs exactly one of: a DOC_ID, --collection ID, or --all.');
  }
  const format = opts.format ?? 'tei';
  if (format !== 'tei' && !isEditionFormat(format))
    throw new UsageError(`export --format is tei, pdf, html or latex (not "${format}").`);
  if (!opts.out) throw new UsageError('export needs --out PATH (a file, or a folder to write into).');
  const target: ExportTarget = opts.all
    ? { all: true }
    : opts.collection !== undefined
      ? { collectionId: opts.collection }
      : { documentId: positionals[0]! };
  let at: number | string | undefined;
  if (opts.at !== undefined) {
    if (!('documentId' in target) || format !== 'tei') {
      throw new UsageError('export --at exports one DOC_ID as TEI (--format tei) as it was then.');
    }
    at = /^\d+$/.test(opts.at) ? Number(opts.at) : opts.at;
    if (typeof at === 'string' && Number.isNaN(Date.parse(at))) {
      throw new UsageError(
        `export --at is a version number or a date and time such as 2026-12-06T18:00 (not "${opts.at}").`,
      );
    }
  }
  if (format !== 'tei') {
    const project = chooseProject(opts.project);
    projectMustExist(project);
    return exportEditionCommand(project.path, target, format, opts.out, io);
  }

  const out = resolve(opts.out);
  const intoFolder = existsSync(out) && statSync(out).isDirectory();
  if (!intoFolder && !(existsSync(dirname(out)) && statSync(dirname(out)).isDirectory())) {
    throw new SiglumError(
      'not-found',
      `The folder ${dirname(out)} does not exist: create it first, or choose another --out.`,
    );
  }
  const project = chooseProject(opts.project);
  projectMustExist(project);

  const exported = await withService(project, false, (s) => s.exportTei(at === undefined ? target : { ...target, at }));
  const path = intoFolder ? join(out, basename(exported.fileName)) : out;
  // Written beside the target and renamed over it, so a failure never leaves half a file.
  const partial = `${path}.${process.pid}.partial`;
  try {
    await writeFile(partial, exported.xml, { encoding: 'utf8', flag: 'wx' });
    await rename(partial, path);
  } catch (e) {
    await rm(partial, { force: true });
    throw new SiglumError(
      'io',
      `Cannot write ${path} (${(e as NodeJS.ErrnoException).code ?? 'error'}): check the folder is writable, or choose another --out.`,
    );
  }
  io.out(path);
  return 0;
}

export async function validateCommand(files: string[], opts: { schema?: string }, io: Output): Promise<number> {
  if (files.length !== 1) throw new UsageError('validate takes exactly one FILE.');
  const schema = opts.schema ?? 'tei_all';
  if (schema !== 'tei_all' && schema !== 'frus') throw new UsageError(`--schema is tei_all or frus (not "${schema}").`);
  const file = files[0]!;
  let xml: string;
  try {
    xml = await readFile(file, 'utf8');
  } catch {
    throw new SiglumError('not-found', `Cannot read ${file}: check the name and that you may read it.`);
  }
  // Loaded here, not at the top: the RELAX NG validator is large and only this command needs it.
  const { validateTei } = await import('../validate.ts');
  const result = await validateTei(xml, { schema, fileName: basename(file) });
  if (result.valid) {
    io.out(`${file}: valid against ${schema}.`);
    return 0;
  }
  for (const m of result.messages) io.err(`${file}:${m.line}:${m.column}: ${m.message}`);
  return 1;
}

export async function serveCommand(opts: { project?: string; port?: string }, io: Output): Promise<number> {
  const port = opts.port === undefined ? 0 : Number(opts.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new UsageError(`--port must be a number from 0 to 65535 (not "${opts.port}").`);
  if (!existsSync(join(RENDERER_DIR, 'index.html'))) {
    throw new SiglumError(
      'not-found',
      'The app is not built yet: run `npm run build:renderer` (or use `npm run serve`), then try again.',
    );
  }
  // Without --project or $SIGLUM_PROJECT, the browser opens on the chooser of projects.
  const given = opts.project || process.env['SIGLUM_PROJECT'];
  const project = given ? chooseProject(given) : null;
  const service = openWorkspace({ configDir: userDataDir(), defaultPath: defaultProjectPath() });
  if (project !== null) {
    try {
      await service.open(project.path, true);
    } catch (e) {
      service.close();
      throw e;
    }
  }
  let server;
  try {
    server = await startServer({ service, rendererDir: RENDERER_DIR, port });
  } catch (e) {
    service.close();
    throw e;
  }
  void prewarmImportWorker();
  io.out(project === null ? 'Siglum is serving the chooser of projects' : `Siglum is serving ${project.path}`);
  io.out(`Open this address in a browser on this machine:`);
  io.out(`  ${server.url}`);
  io.out('Press Ctrl+C to stop.');

  const running = server;
  await new Promise<void>((resolveStop) => {
    let stopping = false;
    // A terminal's Ctrl+C reaches both this process and bin/siglum.mjs, which passes it
    // on: the second signal must not cut the orderly stop short.
    const stop = () => {
      if (stopping) return;
      stopping = true;
      running.close().finally(() => {
        service.close();
        resolveStop();
      });
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  return 0;
}
