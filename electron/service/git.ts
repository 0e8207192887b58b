/**
 * The project in Git (edition/git/api.ts): link, share changes (commit), pull with a
 * three-way merge on the document model, push, settle conflicts. Each handler is a
 * function of the open project's parts (`GitContext`) and its checked arguments.
 *
 * Every change a pull makes to a document goes through the collab authority as steps
 * (client `siglum-git`), so open windows follow it and undo and history keep it; the
 * project as it was before is a named version ("before pull ...").
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { Node } from 'prosemirror-model';
import type { DocJSON } from '../../edition/api.ts';
import type { GitCommitInfo, GitCommitResult, GitConflict, GitPullResult, GitStatus } from '../../edition/git/api.ts';
import { ciWorkflow, type Forge } from '../../edition/git/ci.ts';
import {
  IMAGES_FOLDER,
  LOOSE_FOLDER,
  PRINT_SETTINGS_FILE,
  readWitnesses,
  witnessesPath,
  type RegisterEntry,
} from '../../edition/git/layout.ts';
import { mergeDocuments, mergeKeyed, resolveMerge, type ConflictChoice } from '../../edition/git/merge.ts';
import { validateEntity } from '../../edition/entities/model.ts';
import { SiglumError } from '../../edition/errors.ts';
import { schema } from '../../edition/schema.ts';
import { insertCollection, listCollections } from '../../db/collections.ts';
import { getDocument, insertDocument, listDocuments, renameDocument } from '../../db/documents.ts';
import { deleteEntity, insertEntity, listEntityRecords, updateEntity } from '../../db/entities.ts';
import {
  documentKey,
  getGitLink,
  idOfKey,
  getPendingMerge,
  putGitLink,
  putPendingMerge,
  type GitLinkRecord,
  type PendingConflict,
} from '../../db/git.ts';
import { addNamedVersion } from '../../db/history.ts';
import { emptyMeta } from '../../db/meta.ts';
import { putSetting } from '../../db/settings.ts';
import { putSnapshot } from '../../db/snapshots.ts';
import { trashDocument } from '../../db/trash.ts';
import { deleteWitness, insertWitness, listWitnesses } from '../../db/witnesses.ts';
import {
  BRANCH,
  commitFiles,
  commitLog,
  fastForward,
  fetchRemote,
  headOid,
  initRepository,
  changedPaths,
  isAncestor,
  listBlobs,
  mergeBase,
  pushRemote,
  readFiles,
  remoteOid,
  type Author,
  type Credentials,
} from '../git/repo.ts';
import { linkImportedMentions, mentionRefs } from './entities.ts';
import { applySurfaces, imageChanges, imageSource, mergeSurfaces, withImages, type ImageSource } from './git-images.ts';
import {
  PRINT_SETTINGS_KEY,
  isProjectPath,
  manifestOf,
  projectFiles,
  readDocumentFile,
  registerOf,
  sameDocumentFile,
  type GitContext,
} from './git-files.ts';
import { stepsBetween } from './history.ts';

/** The client id a pull's steps are pushed as. */
export const GIT_CLIENT = 'siglum-git';

/** The working tree's default folder: beside the project, `NAME.git-work`. */
export function defaultWorkTree(projectPath: string): string {
  return projectPath.replace(/\.siglum$/, '') + '.git-work';
}

function linked(ctx: GitContext): GitLinkRecord {
  const link = getGitLink(ctx.store.db);
  if (link === null) {
    throw new SiglumError(
      'bad-input',
      'This project is not linked to a Git repository yet. Start with Git init or clone.',
    );
  }
  return link;
}

/** Credentials from the call, else from SIGLUM_GIT_USERNAME and SIGLUM_GIT_PASSWORD, else none. */
export function credentialsOf(args: { username?: string; password?: string }): Credentials | null {
  const username = args.username ?? process.env['SIGLUM_GIT_USERNAME'];
  const password = args.password ?? process.env['SIGLUM_GIT_PASSWORD'];
  return username !== undefined && password !== undefined ? { username, password } : null;
}

/** The files of the working tree that Siglum does not write (README, CI workflow, a logo...), carried along byte for byte. */
function otherFiles(workTree: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      if (name === '.git') continue;
      const full = join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else {
        const path = relative(workTree, full).split('\\').join('/');
        if (!isProjectPath(path)) out.set(path, readFileSync(full));
      }
    }
  };
  if (existsSync(workTree)) walk(workTree);
  return out;
}

/**
 * What a commit holds (`content`): the project's files, its page images (those the
 * repository has already, `known` by path, as their blobs) and the other files of the
 * working tree.
 */
function filesToCommit(
  ctx: GitContext,
  link: GitLinkRecord,
  previous: ReadonlyMap<string, string>,
  known: ReadonlyMap<string, string>,
) {
  const project = projectFiles(ctx, link, previous);
  const content = withImages(ctx.store, project.files, project.images, known);
  for (const [path, bytes] of otherFiles(link.workTree)) if (!content.has(path)) content.set(path, bytes);
  return { ...project, content };
}

function saveLink(ctx: GitContext, link: GitLinkRecord): void {
  ctx.store.write((tx) => putGitLink(tx, link));
}

function titleOf(ctx: GitContext, documentId: string): string {
  try {
    return getDocument(ctx.store.db, Number(documentId)).info.title;
  } catch {
    return documentId;
  }
}

function conflictsOf(ctx: GitContext): GitConflict[] {
  return (getPendingMerge(ctx.store.db)?.conflicts ?? []).map((c) => ({ ...c, title: titleOf(ctx, c.documentId) }));
}

export async function gitStatus(ctx: GitContext): Promise<GitStatus> {
  const link = getGitLink(ctx.store.db);
  if (link === null) {
    return {
      linked: false,
      workTree: null,
      remote: null,
      head: null,
      changed: [],
      otherChanges: [],
      ahead: 0,
      behind: 0,
      conflicts: [],
    };
  }
  const head = await headOid(link.workTree);
  const committed = await readFiles(link.workTree, head, IMAGES_FOLDER);
  const { files, manifest, images } = projectFiles(ctx, link, committed);
  const changed: string[] = [];
  const otherChanges = imageChanges(await listBlobs(link.workTree, head, IMAGES_FOLDER), images);
  for (const d of manifest.documents) if (files.get(d.path) !== committed.get(d.path)) changed.push(d.title);
  for (const [path, text] of files) {
    if (!path.endsWith('.xml') && path !== 'siglum.json' && committed.get(path) !== text) otherChanges.push(path);
  }
  for (const path of committed.keys()) {
    if (isProjectPath(path) && !files.has(path) && path.endsWith('.xml')) changed.push(path);
  }
  const remote = await remoteOid(link.workTree);
  const mine = new Set((await commitLog(link.workTree, 1000)).map((c) => c.oid));
  const theirs = remote === null ? [] : await commitLog(link.workTree, 1000, remote);
  const theirSet = new Set(theirs.map((c) => c.oid));
  const ahead = [...mine].filter((oid) => !theirSet.has(oid)).length;
  const behind = theirs.filter((c) => !mine.has(c.oid)).length;
  return {
    linked: true,
    workTree: link.workTree,
    remote: link.remote,
    head,
    changed,
    otherChanges,
    ahead,
    behind,
    conflicts: conflictsOf(ctx),
  };
}

export async function gitInit(
  ctx: GitContext,
  args: { workTree?: string; remote?: string; ci?: Forge },
): Promise<GitStatus> {
  if (getGitLink(ctx.store.db) !== null) {
    throw new SiglumError('bad-input', 'This project is already linked to a Git repository.');
  }
  const workTree = resolve(args.workTree ?? defaultWorkTree(ctx.projectPath));
  if (existsSync(join(workTree, '.git'))) {
    throw new SiglumError(
      'bad-input',
      `${workTree} already holds a Git repository. Clone it into a new project instead.`,
    );
  }
  await initRepository(workTree);
  if (args.ci !== undefined) {
    const { path, text } = ciWorkflow(args.ci);
    mkdirSync(dirname(join(workTree, path)), { recursive: true });
    writeFileSync(join(workTree, path), text);
  }
  saveLink(ctx, { workTree, remote: args.remote ?? null, paths: {}, folders: {} });
  return gitStatus(ctx);
}

export async function gitCommit(ctx: GitContext, args: { message: string; author: Author }): Promise<GitCommitResult> {
  const link = linked(ctx);
  if (getPendingMerge(ctx.store.db) !== null) {
    throw new SiglumError(
      'bad-input',
      'A pull is waiting for its conflicts to be settled. Settle them first, then share.',
    );
  }
  const head = await headOid(link.workTree);
  const committed = await readFiles(link.workTree, head, IMAGES_FOLDER);
  const { content, link: next } = filesToCommit(
    ctx,
    link,
    committed,
    await listBlobs(link.workTree, head, IMAGES_FOLDER),
  );
  const touched = await changedPaths(link.workTree, head, content);
  if (head !== null && touched.length === 0) {
    throw new SiglumError('bad-input', 'Nothing has changed since the last commit, so there is nothing to share.');
  }
  const commit = await commitFiles(link.workTree, content, head === null ? [] : [head], args.message, args.author);
  ctx.store.write((tx) => {
    putGitLink(tx, next);
    addNamedVersion(tx, args.message.split('\n')[0]!.slice(0, 200));
  });
  return { commit, files: touched.sort() };
}

/** Maps a document's mentions from xml:ids to the project's entity ids. */
function withProjectRefs(ctx: GitContext, doc: DocJSON): DocJSON {
  const ids = new Map<string, string>();
  for (const { entity } of listEntityRecords(ctx.store.db)) if (entity.xmlId !== null) ids.set(entity.xmlId, entity.id);
  return linkImportedMentions(doc, ids);
}

/** Replaces a document's content by steps through the authority. */
function replaceContent(ctx: GitContext, id: number, doc: DocJSON): void {
  const target = Node.fromJSON(schema, withProjectRefs(ctx, doc));
  for (let attempt = 0; attempt < 5; attempt++) {
    const live = ctx.authority.document(id);
    const steps = stepsBetween(live.doc, target);
    if (steps.length === 0) return;
    if (ctx.authority.push(id, live.version, steps, GIT_CLIENT).ok) return;
  }
  throw new SiglumError('io', 'A document kept changing while the pull merged it. Pull again.');
}

/**
 * Applies the merged register: entries added or changed on the other side; returns the
 * entries it removed, which `dropUnmentioned` deletes once the documents are merged.
 */
function applyRegister(
  ctx: GitContext,
  ours: Map<string, RegisterEntry>,
  merged: Map<string, RegisterEntry>,
): string[] {
  const records = listEntityRecords(ctx.store.db);
  const byXmlId = new Map(records.filter((r) => r.entity.xmlId !== null).map((r) => [r.entity.xmlId!, r.entity.id]));
  ctx.store.write((tx) => {
    for (const [xmlId, entry] of merged) {
      if (JSON.stringify(ours.get(xmlId)) === JSON.stringify(entry)) continue;
      const id = byXmlId.get(xmlId);
      const entity = validateEntity({ ...entry, id: id ?? '0' });
      if (id === undefined) insertEntity(tx, entity);
      else updateEntity(tx, entity);
    }
  });
  return [...ours.keys()].filter((xmlId) => !merged.has(xmlId) && byXmlId.has(xmlId));
}

/** Deletes the entries the other side removed, unless a document here still mentions them (nothing points at a missing entry). */
function dropUnmentioned(ctx: GitContext, xmlIds: readonly string[]): void {
  if (xmlIds.length === 0) return;
  const mentioned = new Set<string>();
  for (const d of listDocuments(ctx.store.db)) {
    for (const ref of mentionRefs(ctx.authority.peek(Number(d.id)).toJSON() as DocJSON)) mentioned.add(ref);
  }
  const records = listEntityRecords(ctx.store.db);
  ctx.store.write((tx) => {
    for (const { entity } of records) {
      if (entity.xmlId !== null && xmlIds.includes(entity.xmlId) && !mentioned.has(entity.id)) {
        deleteEntity(tx, Number(entity.id));
      }
    }
  });
}

/** Makes a document of the repository's in the project (a pull's new document, a clone). */
function addDocument(
  ctx: GitContext,
  link: GitLinkRecord,
  path: string,
  xml: string,
  volumeTitle: string | null,
): number {
  const { document } = readDocumentFile(xml, path);
  const folder = path.split('/')[0]!;
  return ctx.store.write((tx) => {
    let collectionId: number | null = null;
    if (folder !== LOOSE_FOLDER) {
      const known = Object.entries(link.folders).find(([, f]) => f === folder)?.[0];
      if (known !== undefined && listCollections(tx.db).some((c) => c.id === known)) collectionId = Number(known);
      else {
        const title = volumeTitle ?? folder;
        collectionId = insertCollection(tx, { title, kind: 'folder', frame: null, meta: emptyMeta(title) });
        link.folders[String(collectionId)] = folder;
      }
    }
    const info = insertDocument(tx, {
      collectionId,
      kind: document.kind,
      title: document.title,
      n: document.n,
      frameKey: null,
      meta: document.meta,
    });
    putSnapshot(tx, Number(info.id), 0, withProjectRefs(ctx, document.doc));
    link.paths[documentKey(tx.db, Number(info.id))] = path;
    return Number(info.id);
  });
}

/** Replaces a document's witnesses by those of a witnesses file. */
function applyWitnesses(ctx: GitContext, documentId: number, text: string | undefined): void {
  const wanted = text === undefined ? [] : readWitnesses(text);
  ctx.store.write((tx) => {
    for (const w of listWitnesses(tx.db, documentId)) deleteWitness(tx, Number(w.id));
    for (const w of wanted) {
      insertWitness(tx, {
        documentId,
        siglum: w.siglum,
        description: w.description,
        text: w.text,
        origin: 'typed',
        fileName: null,
      });
    }
  });
}

export async function gitClone(
  ctx: GitContext,
  args: { url: string; workTree?: string },
  credentials: Credentials | null,
): Promise<GitStatus> {
  if (getGitLink(ctx.store.db) !== null)
    throw new SiglumError('bad-input', 'This project is already linked to a Git repository.');
  if (listDocuments(ctx.store.db).length > 0) {
    throw new SiglumError(
      'bad-input',
      'A repository can be cloned only into an empty project. Create a new project for it.',
    );
  }
  const workTree = resolve(args.workTree ?? defaultWorkTree(ctx.projectPath));
  if (existsSync(join(workTree, '.git'))) {
    throw new SiglumError(
      'bad-input',
      `${workTree} already holds a Git repository. Choose another folder for this clone.`,
    );
  }
  const made = !existsSync(workTree);
  await initRepository(workTree);
  const link: GitLinkRecord = { workTree, remote: args.url, paths: {}, folders: {} };
  let theirs: string | null;
  try {
    theirs = await fetchRemote(workTree, args.url, credentials);
  } catch (e) {
    // Nothing of a clone that could not reach its repository is left behind.
    rmSync(made ? workTree : join(workTree, '.git'), { recursive: true, force: true });
    throw e;
  }
  if (theirs !== null) {
    const files = await readFiles(workTree, theirs, IMAGES_FOLDER);
    applyRegister(ctx, new Map(), registerOf(files));
    const manifest = manifestOf(files);
    const volumes = new Map((manifest?.volumes ?? []).map((v) => [v.folder, v.title]));
    const images = await imageSource(workTree, theirs, manifest);
    for (const d of manifest?.documents ?? []) {
      const xml = files.get(d.path);
      if (xml === undefined) continue;
      const id = addDocument(ctx, link, d.path, xml, volumes.get(d.path.split('/')[0]!) ?? null);
      await applySurfaces(ctx.store, images, id, d.path, readDocumentFile(xml, d.path).document.surfaces ?? [], []);
    }
    for (const [key, path] of Object.entries(link.paths)) {
      const w = files.get(witnessesPath(path));
      if (w !== undefined) applyWitnesses(ctx, idOfKey(key), w);
    }
    const print = files.get(PRINT_SETTINGS_FILE);
    if (print !== undefined) ctx.store.write((tx) => putSetting(tx, PRINT_SETTINGS_KEY, JSON.parse(print)));
    await fastForward(workTree, theirs);
  }
  saveLink(ctx, link);
  return gitStatus(ctx);
}

/** What a pull did to one document. */
type Outcome = 'same' | 'changed' | 'merged' | 'added' | 'removed' | 'conflict';

export async function gitPull(
  ctx: GitContext,
  author: Author,
  credentials: Credentials | null,
): Promise<GitPullResult> {
  const link = linked(ctx);
  if (link.remote === null)
    throw new SiglumError('bad-input', 'This project has no remote to pull from. Add one with Git init --remote.');
  if (getPendingMerge(ctx.store.db) !== null) {
    throw new SiglumError('bad-input', 'The last pull is waiting for its conflicts to be settled. Settle them first.');
  }
  const none: GitPullResult = {
    upToDate: true,
    changed: [],
    merged: [],
    added: [],
    removed: [],
    conflicts: [],
    registerConflicts: [],
    before: null,
    commit: null,
  };
  const theirs = await fetchRemote(link.workTree, link.remote, credentials);
  const head = await headOid(link.workTree);
  if (theirs === null || theirs === head || (head !== null && (await isAncestor(link.workTree, theirs, head)))) {
    return { ...none, commit: head };
  }
  const base = head === null ? null : await mergeBase(link.workTree, head, theirs);
  const [baseFiles, theirFiles] = await Promise.all([
    readFiles(link.workTree, base, IMAGES_FOLDER),
    readFiles(link.workTree, theirs, IMAGES_FOLDER),
  ]);
  const ours = projectFiles(ctx, link, baseFiles);
  const before = `before pull ${new Date().toISOString().slice(0, 16).replace('T', ' ')}`;
  ctx.store.write((tx) => addNamedVersion(tx, before));

  // The register first, so that the documents' mentions find their entries.
  const register = mergeKeyed(registerOf(baseFiles), registerOf(ours.files), registerOf(theirFiles));
  const removedEntries = applyRegister(ctx, registerOf(ours.files), register.merged);

  const result: GitPullResult = { ...none, upToDate: false, registerConflicts: register.conflicts, before };
  const idOf = new Map([...ours.paths].map(([id, path]) => [path, id]));
  const theirManifest = manifestOf(theirFiles);
  const images = await imageSource(link.workTree, theirs, theirManifest);
  const volumeTitles = new Map((theirManifest?.volumes ?? []).map((v) => [v.folder, v.title]));
  const pending: PendingConflict[] = [];
  const docPaths = new Set(
    [...baseFiles.keys(), ...ours.files.keys(), ...theirFiles.keys()].filter(
      (p) => p.endsWith('.xml') && isProjectPath(p),
    ),
  );
  const next = ours.link;
  for (const path of [...docPaths].sort()) {
    const [b, o, t] = [baseFiles.get(path), ours.files.get(path), theirFiles.get(path)];
    const id = idOf.get(path);
    const title = () =>
      t !== undefined ? readDocumentFile(t, path).title : o !== undefined ? readDocumentFile(o, path).title : path;
    let outcome: Outcome = 'same';
    const same = (x: string | undefined, y: string | undefined) =>
      x === y || (x !== undefined && y !== undefined && sameDocumentFile(x, y, path, ctx.keys));
    if (same(t, b)) outcome = 'same';
    else if (t === undefined) {
      // Removed there: removed here too unless changed here (nothing is lost).
      if (id !== undefined && same(o, b)) {
        delete next.paths[documentKey(ctx.store.db, id)];
        ctx.store.write((tx) => trashDocument(tx, id));
        ctx.authority.forget(id);
        outcome = 'removed';
      }
    } else if (id === undefined) {
      const added = addDocument(ctx, next, path, t, volumeTitles.get(path.split('/')[0]!) ?? null);
      await applySurfaces(ctx.store, images, added, path, surfacesOf(t, path), []);
      outcome = 'added';
    } else if (same(o, b) || o === undefined) {
      applyDocument(ctx, id, readDocumentFile(t, path));
      await applySurfaces(ctx.store, images, id, path, surfacesOf(t, path), surfacesOf(o, path));
      outcome = 'changed';
    } else {
      await mergePages(ctx, images, id, path, [b, o, t]);
      const empty: DocJSON = { type: 'doc', content: [] };
      const baseDoc = b === undefined ? empty : readDocumentFile(b, path).document.doc;
      const merge = mergeDocuments(
        baseDoc,
        readDocumentFile(o, path).document.doc,
        readDocumentFile(t, path).document.doc,
      );
      if (merge.conflicts === 0) {
        replaceContent(ctx, id, resolveMerge(merge, []));
        outcome = 'merged';
      } else {
        // The parts that merged go in now; each conflict shows ours until settled.
        replaceContent(ctx, id, resolveMerge(merge, Array<ConflictChoice>(merge.conflicts).fill('ours')));
        pending.push({ documentId: String(id), path, chunks: merge.chunks });
        outcome = 'conflict';
      }
    }
    if (outcome === 'changed') result.changed.push(title());
    else if (outcome === 'merged') result.merged.push(title());
    else if (outcome === 'added') result.added.push(title());
    else if (outcome === 'removed') result.removed.push(title());
    // Witnesses follow the other side where only it changed them.
    const wp = witnessesPath(path);
    const nowKey = Object.entries(next.paths).find(([, p]) => p === path)?.[0];
    const nowId = nowKey === undefined ? undefined : idOfKey(nowKey);
    if (nowId !== undefined && theirFiles.get(wp) !== baseFiles.get(wp) && ours.files.get(wp) === baseFiles.get(wp)) {
      applyWitnesses(ctx, nowId, theirFiles.get(wp));
    }
  }
  const print = theirFiles.get(PRINT_SETTINGS_FILE);
  if (
    print !== undefined &&
    print !== baseFiles.get(PRINT_SETTINGS_FILE) &&
    ours.files.get(PRINT_SETTINGS_FILE) === baseFiles.get(PRINT_SETTINGS_FILE)
  ) {
    ctx.store.write((tx) => putSetting(tx, PRINT_SETTINGS_KEY, JSON.parse(print)));
  }
  dropUnmentioned(ctx, removedEntries);
  saveLink(ctx, next);
  if (pending.length > 0) {
    ctx.store.write((tx) => putPendingMerge(tx, { theirs, conflicts: pending }));
    result.conflicts = conflictsOf(ctx);
    return result;
  }
  result.commit = await finishPull(ctx, theirs, author);
  return result;
}

/** The pages a document file holds (none for no file). */
function surfacesOf(xml: string | undefined, path: string) {
  return xml === undefined ? [] : (readDocumentFile(xml, path).document.surfaces ?? []);
}

/** A document both sides changed: its pages merged by surface id (the text merges apart). */
async function mergePages(
  ctx: GitContext,
  images: ImageSource,
  id: number,
  path: string,
  [b, o, t]: Array<string | undefined>,
): Promise<void> {
  const ours = surfacesOf(o, path);
  await applySurfaces(ctx.store, images, id, path, mergeSurfaces(surfacesOf(b, path), ours, surfacesOf(t, path)), ours);
}

/** A document the other side changed alone: its content by steps, its title if renamed. */
function applyDocument(ctx: GitContext, id: number, file: ReturnType<typeof readDocumentFile>): void {
  replaceContent(ctx, id, file.document.doc);
  if (getDocument(ctx.store.db, id).info.title !== file.title)
    ctx.store.write((tx) => renameDocument(tx, id, file.title));
}

/**
 * Ends a pull: with no commits of our own since the common one, the branch moves on to
 * theirs (our edits not yet shared stay edits to share); otherwise a merge commit of
 * the project as it is now, with both commits as parents.
 */
async function finishPull(ctx: GitContext, theirs: string, author: Author): Promise<string> {
  const link = linked(ctx);
  const head = await headOid(link.workTree);
  const base = head === null ? null : await mergeBase(link.workTree, head, theirs);
  if (head === null || base === head) {
    await fastForward(link.workTree, theirs);
    return theirs;
  }
  const theirFiles = await readFiles(link.workTree, theirs, IMAGES_FOLDER);
  // Every image either side committed is a blob here already.
  const known = new Map([
    ...(await listBlobs(link.workTree, head, IMAGES_FOLDER)),
    ...(await listBlobs(link.workTree, theirs, IMAGES_FOLDER)),
  ]);
  const { content, link: next } = filesToCommit(ctx, link, theirFiles, known);
  for (const [path, blob] of await listBlobs(link.workTree, theirs)) {
    if (!isProjectPath(path) && !content.has(path)) content.set(path, { blob });
  }
  const commit = await commitFiles(
    link.workTree,
    content,
    [head, theirs],
    `Merge ${link.remote ?? 'remote'} into ${BRANCH}`,
    author,
  );
  saveLink(ctx, next);
  return commit;
}

export async function gitResolve(
  ctx: GitContext,
  args: { documentId: string; choices: ConflictChoice[] },
  author: Author,
): Promise<GitStatus> {
  const pendingMerge = getPendingMerge(ctx.store.db);
  const conflict = pendingMerge?.conflicts.find((c) => c.documentId === args.documentId);
  if (pendingMerge === null || conflict === undefined) {
    throw new SiglumError('not-found', 'That document has no conflict to settle. Pull again to see what is left.');
  }
  const merge = { chunks: conflict.chunks, conflicts: conflict.chunks.filter((c) => c.kind === 'conflict').length };
  if (args.choices.length !== merge.conflicts) {
    throw new SiglumError('bad-input', `The document has ${merge.conflicts} conflicts; choose for each of them.`);
  }
  replaceContent(ctx, Number(args.documentId), resolveMerge(merge, args.choices));
  const rest = pendingMerge.conflicts.filter((c) => c !== conflict);
  ctx.store.write((tx) => putPendingMerge(tx, rest.length === 0 ? null : { ...pendingMerge, conflicts: rest }));
  if (rest.length === 0) await finishPull(ctx, pendingMerge.theirs, author);
  return gitStatus(ctx);
}

export async function gitPush(ctx: GitContext, credentials: Credentials | null): Promise<{ commit: string }> {
  const link = linked(ctx);
  if (link.remote === null)
    throw new SiglumError('bad-input', 'This project has no remote to push to. Add one with Git init --remote.');
  if (getPendingMerge(ctx.store.db) !== null) {
    throw new SiglumError(
      'bad-input',
      'The last pull is waiting for its conflicts to be settled. Settle them, then push.',
    );
  }
  return { commit: await pushRemote(link.workTree, link.remote, credentials) };
}

export async function gitLog(ctx: GitContext): Promise<GitCommitInfo[]> {
  const link = getGitLink(ctx.store.db);
  return link === null ? [] : commitLog(link.workTree);
}
