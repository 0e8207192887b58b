/**
 * The command line's commands. Each one checks everything it can (arguments, input
 * files, the output folder, whether the project exists) before it opens the project,
 * so that a mistake is reported without anything being created or written; the
 * service's own operations are each one transaction.
 */
import { existsSync, statSync } from 'node:fs';
import { readdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ExistingVolumeChoice, ExportTarget, PointerReport } from '../../edition/api.ts';
import { SiglumError } from '../../edition/errors.ts';
import { chooseProject, defaultProjectPath, userDataDir, type ProjectChoice } from '../paths.ts';
import { startServer } from '../serve/server.ts';
import { checkExportPath } from '../service/export-paths.ts';
import { openService, type SiglumService } from '../service/index.ts';
import { MAX_IMAGE_BYTES } from '../service/page-images.ts';
import { openWorkspace } from '../service/workspace.ts';
import { prewarmImportWorker } from '../workers/index.ts';
import { EXIT_INCOMPLETE, exportEditionCommand, isEditionFormat } from './export-edition.ts';
import type { SourceFile } from '../service/import-source.ts';
import { diskFile, readInputFile } from './input.ts';
import { importSourceFiles } from './facsimile-input.ts';
import type { Output } from './output.ts';
import { UsageError } from './usage.ts';

export type { Output } from './output.ts';

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

/**
 * Runs `work`, which may create the project; when it fails and the project did
 * not exist before, the files it created (the project and SQLite's journal
 * files beside it) are removed, so that a failed import leaves nothing behind.
 */
export async function withNewProjectUndone<T>(project: ProjectChoice, work: () => Promise<T>): Promise<T> {
  const existed = existsSync(project.path);
  try {
    return await work();
  } catch (e) {
    if (!existed)
      await Promise.all(['', '-wal', '-shm', '-journal'].map((end) => rm(`${project.path}${end}`, { force: true })));
    throw e;
  }
}

/** The choice `--as-new`, `--replace` or `--update` makes for volumes already in the project. */
function existingChoice(opts: {
  'as-new'?: boolean;
  replace?: boolean;
  update?: boolean;
}): ExistingVolumeChoice | undefined {
  const chosen = (
    [
      ['new', opts['as-new']],
      ['replace', opts.replace],
      ['update', opts.update],
    ] as const
  ).filter(([, on]) => on === true);
  if (chosen.length > 1) throw new UsageError('import takes at most one of --as-new, --replace and --update.');
  return chosen[0]?.[0];
}

/**
 * The page images an exported TEI file `DIR/NAME.xml` has beside it in `DIR/NAME-images/`,
 * named as its `<graphic url>`s name them (`NAME-images/p1.tif`); none for other files.
 */
async function imagesBeside(file: string): Promise<SourceFile[]> {
  if (!/\.(xml|tei)$/i.test(file)) return [];
  const folder = `${basename(file).replace(/\.(xml|tei)$/i, '')}-images`;
  const dir = join(dirname(resolve(file)), folder);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) return [];
  const names = (await readdir(dir)).sort().filter((name) => /\.(tiff?|jpe?g|png|webp)$/i.test(name));
  return names.map((name) => diskFile(join(dir, name), `${folder}/${name}`, MAX_IMAGE_BYTES));
}

export async function importCommand(
  files: string[],
  opts: { project?: string; json?: boolean; 'as-new'?: boolean; replace?: boolean; update?: boolean },
  io: Output,
): Promise<number> {
  if (files.length === 0) throw new UsageError('import needs at least one FILE.');
  const existing = existingChoice(opts);
  const project = chooseProject(opts.project);
  // IIIF manifests by their web address; files (with the parts of a METS, PAGE or ALTO file, and the
  // page images a TEI file has beside it) read from disk as the import needs each, as bytes, so the
  // service checks that the text is valid UTF-8 rather than a decoder here guessing.
  const manifests = files.filter((f) => /^https?:\/\//i.test(f));
  const paths = files.filter((f) => !manifests.includes(f));
  const read: SourceFile[] = paths.length === 0 ? [] : await importSourceFiles(paths);
  // An image the TEI names (its graphic url) is read once, whichever way it was found.
  for (const file of paths)
    read.push(...(await imagesBeside(file)).filter((b) => !read.some((r) => r.name === b.name)));
  const result = await withNewProjectUndone(project, () =>
    withService(project, true, async (s) => {
      const fromFiles =
        read.length === 0 ? { documents: [], existing: [], updated: [] } : await s.importSources(read, existing);
      for (const url of manifests) {
        const info = await s.importIiif({ url });
        fromFiles.documents.push({ id: info.id, title: info.title, collection: info.collectionId });
      }
      return fromFiles;
    }),
  );
  for (const w of result.warnings ?? []) io.err(`siglum: warning: ${w}`);
  if (existing === undefined && result.existing.length > 0) {
    const [first] = result.existing;
    const more = result.existing.length > 1 ? ` (and ${result.existing.length - 1} more)` : '';
    throw new SiglumError(
      'bad-input',
      `${first!.file} is already in the project as "${first!.title}" (collection ${first!.collectionId})${more}, so nothing was imported: run the import again with --update (keep your edits, take the file's other changes), --replace (the file's text throughout) or --as-new (a second volume).`,
    );
  }
  if (opts.json) {
    io.out(
      JSON.stringify({
        // The field names of `list --json`, so one script can read both.
        documents: result.documents.map((d) => ({ id: d.id, title: d.title, collectionId: d.collection })),
        updated: result.updated,
      }),
    );
  } else {
    for (const u of result.updated) {
      io.out(
        `${u.choice === 'update' ? 'Updated' : 'Replaced'} "${u.title}" (collection ${u.collectionId}) from ${u.file}: ${u.unchanged} unchanged, ${u.fromSource} from the file, ${u.added} added, ${u.removed} removed, ${u.changedOnBothSides.length} changed on both sides.`,
      );
      for (const d of u.changedOnBothSides) {
        io.err(
          `siglum: warning: "${d.title}" (${d.documentId}) changed both in the file and in the project; your text was kept.`,
        );
      }
    }
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
    return exportEditionCommand(project.path, target, format, resolve(opts.out), io);
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

  // Checked before the project is read, and again once the file name is known.
  if (!intoFolder) checkExportPath(out, 'tei', { projectPath: project.path });
  // Page images go into NAME-images/ beside NAME.xml, and the TEI names them there.
  const imagesFolder = intoFolder ? undefined : `${basename(out).replace(/\.(xml|tei)$/i, '')}-images`;
  const args = { ...target, ...(at === undefined ? {} : { at }), ...(imagesFolder ? { imagesFolder } : {}) };
  const exported = await withService(project, false, (s) => s.exportTei(args));
  const path = checkExportPath(intoFolder ? join(out, basename(exported.fileName)) : out, 'tei', {
    projectPath: project.path,
  });
  if (exported.images !== undefined) {
    const images = exported.images;
    await withService(project, false, (s) => s.writeExportImages(images, dirname(path)));
  }
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
  // Invalid TEI is never written without a word: a document's export is checked and its problems named.
  if ('documentId' in target) {
    const id = target.documentId;
    try {
      const check = await withService(project, false, (s) => s.validateDocument({ documentId: id }));
      if (!check.valid) {
        const n = check.problems.length;
        io.err(
          `siglum: warning: ${path} does not validate against ${check.schema}: ${n} ${n === 1 ? 'problem' : 'problems'}.`,
        );
        for (const p of check.problems.slice(0, 5)) io.err(`siglum: warning: line ${p.line}:${p.column}: ${p.message}`);
      }
    } catch (e) {
      io.err(
        `siglum: warning: ${path} was written but could not be validated: ${e instanceof Error ? e.message : String(e)}`,
      );
    }
  }
  return reportPointers(exported.pointers, io);
}

/** How many pointer warnings are printed before the rest are counted. */
const MAX_POINTER_WARNINGS = 20;

/**
 * The pointer check of a TEI export: a summary line, one warning per pointer to an id
 * the file does not hold, and exit status 3 when there is any (the file is written).
 */
export function reportPointers(report: PointerReport, io: Output): number {
  const n = report.dangling.length;
  const checked = `${report.checked} pointer${report.checked === 1 ? '' : 's'} checked`;
  io.out(n === 0 ? `${checked}, all resolve.` : `${checked}, ${n} point at ids the file does not have (see warnings).`);
  for (const d of report.dangling.slice(0, MAX_POINTER_WARNINGS)) {
    io.err(`siglum: warning: <${d.element} ${d.attribute}="#${d.id}"> points at an id the file does not have.`);
  }
  if (n > MAX_POINTER_WARNINGS) io.err(`siglum: warning: and ${n - MAX_POINTER_WARNINGS} more such pointers.`);
  return n > 0 ? EXIT_INCOMPLETE : 0;
}

export async function validateCommand(files: string[], opts: { schema?: string }, io: Output): Promise<number> {
  if (files.length !== 1) throw new UsageError('validate takes exactly one FILE.');
  const schema = opts.schema ?? 'tei_all';
  if (schema !== 'tei_all' && schema !== 'frus') throw new UsageError(`--schema is tei_all or frus (not "${schema}").`);
  const file = files[0]!;
  const xml = (await readInputFile(file)).toString('utf8');
  if (!/^\uFEFF?\s*</u.test(xml)) {
    throw new SiglumError(
      'bad-input',
      `${file} is not XML (it does not start with a tag). Give validate a TEI file (.xml); to bring plain text in, use \`siglum import\`.`,
    );
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

export async function serveCommand(
  opts: { project?: string; port?: string; exports?: string },
  io: Output,
): Promise<number> {
  const port = opts.port === undefined ? 0 : Number(opts.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new UsageError(`--port must be a number from 0 to 65535 (not "${opts.port}").`);
  if (opts.exports !== undefined && !isAbsolute(opts.exports))
    throw new UsageError(`--exports must be an absolute path to a folder (not "${opts.exports}").`);
  if (!existsSync(join(RENDERER_DIR, 'index.html'))) {
    throw new SiglumError(
      'not-found',
      'The app is not built yet: run `npm run build:renderer` (or use `npm run serve`), then try again.',
    );
  }
  // Without --project or $SIGLUM_PROJECT, the browser opens on the chooser of projects.
  const given = opts.project || process.env['SIGLUM_PROJECT'];
  const project = given ? chooseProject(given) : null;
  // A browser page says where to export: only into the folder the user chose, or the one
  // beside the open project.
  const exportFolderOf = (path: string): string => opts.exports ?? join(dirname(path), 'exports');
  const service = openWorkspace({ configDir: userDataDir(), defaultPath: defaultProjectPath(), exportFolderOf });
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
  if (project !== null) io.out(`Editions are exported into ${exportFolderOf(project.path)}`);
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
