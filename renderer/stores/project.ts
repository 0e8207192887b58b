/**
 * The project as the sidebar shows it: its collections and documents, which
 * collections are open, and which document is being edited. Also import and
 * export, which change or read that list.
 *
 * The list is refetched when the Node side says documents changed, and merged
 * with `reconcile` (keyed by id) so rows that did not change are not redrawn.
 * Typing in the editor never touches this store.
 */
import { batch, createMemo } from 'solid-js';
import { createStore, reconcile } from 'solid-js/store';
import type {
  CollectionInfo,
  DocumentInfo,
  DocumentValidation,
  ExistingVolumeChoice,
  ExportTarget,
  ImportFile,
  PointerReport,
  SiglumClient,
  VolumeInProject,
  VolumeUpdate,
} from '../../edition/api.ts';
import type { NoticeActions } from './notices.ts';
import { readImportFile } from '../io/files.ts';
import { downloadNotice, downloadTei } from '../io/teiDownload.ts';

export interface ProjectState {
  title: string;
  collections: CollectionInfo[];
  documents: DocumentInfo[];
  /** Collections whose documents are listed (all are closed at first: a volume has hundreds). */
  expanded: Record<string, boolean>;
  currentId: string | null;
  loaded: boolean;
  importing: boolean;
  /** Words the user typed to narrow the list (title or number). */
  filter: string;
  /**
   * An import waiting for the editor's choice, because some of its files' volumes are
   * in the project already (`existing`); once chosen, what the update did (`updated`).
   */
  reimport: { files: ImportFile[]; existing: VolumeInProject[]; updated: VolumeUpdate[] | null } | null;
}

export interface ProjectActions {
  load(): Promise<void>;
  toggle(collectionId: string): void;
  setFilter(text: string): void;
  /** Whether a collection's documents are listed: opened by the user, or matching the filter. */
  isOpen(collectionId: string): boolean;
  open(documentId: string | null): void;
  importFiles(files: readonly File[]): Promise<void>;
  /** Answers the question `reimport` asks: null cancels the import (nothing was imported). */
  chooseReimport(choice: ExistingVolumeChoice | null): Promise<void>;
  /** Closes the report of an update. */
  closeReimport(): void;
  rename(documentId: string, title: string): Promise<void>;
  /**
   * Downloads the TEI (with its page images, as one ZIP, when it names any); resolves
   * with its pointer check, or null when the export failed.
   */
  exportTei(target: ExportTarget): Promise<PointerReport | null>;
  /** The documents of a collection (null: those in none), in order. */
  documentsIn(collectionId: string | null): DocumentInfo[];
  current(): DocumentInfo | null;
}

export type ProjectStore = [ProjectState, ProjectActions];

const NO_COLLECTION = '';

export function createProjectStore(client: SiglumClient, notices: NoticeActions): ProjectStore {
  const [state, setState] = createStore<ProjectState>({
    title: '',
    collections: [],
    documents: [],
    expanded: {},
    currentId: null,
    loaded: false,
    importing: false,
    filter: '',
    reimport: null,
  });

  const grouped = createMemo(() => {
    const groups = new Map<string, DocumentInfo[]>();
    for (const d of state.documents) {
      const key = d.collectionId ?? NO_COLLECTION;
      let list = groups.get(key);
      if (!list) groups.set(key, (list = []));
      list.push(d);
    }
    for (const list of groups.values()) list.sort((a, b) => a.position - b.position);
    return groups;
  });

  /** The groups narrowed to the documents whose title or number holds the filter's text. */
  const shown = createMemo(() => {
    const needle = state.filter.trim().toLocaleLowerCase();
    if (needle === '') return grouped();
    const narrowed = new Map<string, DocumentInfo[]>();
    for (const [key, list] of grouped()) {
      const hits = list.filter((d) => d.title.toLocaleLowerCase().includes(needle) || d.n === needle);
      if (hits.length > 0) narrowed.set(key, hits);
    }
    return narrowed;
  });

  const byId = createMemo(() => new Map(state.documents.map((d) => [d.id, d])));

  async function load(): Promise<void> {
    try {
      const [info, collections, documents] = await Promise.all([
        client.projectInfo({}),
        client.listCollections({}),
        client.listDocuments({}),
      ]);
      batch(() => {
        setState('title', info.title);
        setState('collections', reconcile(collections, { key: 'id' }));
        setState('documents', reconcile(documents, { key: 'id' }));
        setState('loaded', true);
        if (state.currentId !== null && !documents.some((d) => d.id === state.currentId)) setState('currentId', null);
        if (state.currentId === null && documents.length > 0 && documents.length < 50) {
          open(documents[0]!.id);
        }
      });
    } catch (error) {
      notices.show(error, 'Siglum could not read the project');
    }
  }

  function open(documentId: string | null): void {
    const hash = documentId === null ? '' : `#/doc/${encodeURIComponent(documentId)}`;
    if (location.hash !== hash)
      history.replaceState(null, '', hash === '' ? location.pathname + location.search : hash);
    batch(() => {
      setState('currentId', documentId);
      const doc = documentId === null ? undefined : byId().get(documentId);
      if (doc?.collectionId) setState('expanded', doc.collectionId, true);
    });
  }

  /**
   * The chosen files, read one at a time: text travels with the import; anything else (page
   * images) is sent ahead, one call each, so that no call carries a whole volume.
   */
  async function importPayload(files: readonly File[]): Promise<ImportFile[]> {
    const out: ImportFile[] = [];
    for (const f of files) {
      const read = await readImportFile(f);
      if (read.base64 === undefined) out.push(read);
      else out.push({ name: read.name, ...(await client.stageImportFile({ name: read.name, base64: read.base64 })) });
    }
    return out;
  }

  async function importFiles(files: readonly File[]): Promise<void> {
    if (files.length === 0) return;
    setState('importing', true);
    try {
      const payload = await importPayload(files);
      const result = await client.importFiles({ files: payload });
      notices.dismiss();
      // What came in with a gap (a page image not found, a name several files have) is said.
      const warning = importWarning(result.warnings ?? []);
      if (warning !== null) notices.show(warning);
      if (result.existing.length > 0) {
        // Nothing was imported: the editor says what to do with the volumes already here.
        setState('reimport', { files: payload, existing: result.existing, updated: null });
        return;
      }
      await load();
      const first = result.documents[0];
      if (first) open(first.id);
    } catch (error) {
      const names = files.map((f) => f.name).join(', ');
      notices.show(error, `Could not import ${names}`);
    } finally {
      setState('importing', false);
    }
  }

  async function chooseReimport(choice: ExistingVolumeChoice | null): Promise<void> {
    const pending = state.reimport;
    if (pending === null) return;
    if (choice === null) {
      setState('reimport', null);
      return;
    }
    setState('importing', true);
    try {
      const result = await client.importFiles({ files: pending.files, existing: choice });
      notices.dismiss();
      await load();
      // An update or replacement is reported in the dialog; a new volume needs no report.
      if (result.updated.length > 0) setState('reimport', { ...pending, updated: result.updated });
      else setState('reimport', null);
      const first = result.documents[0];
      if (first && choice === 'new') open(first.id);
    } catch (error) {
      setState('reimport', null);
      notices.show(error, `Could not import ${pending.files.map((f) => f.name).join(', ')}`);
    } finally {
      setState('importing', false);
    }
  }

  async function rename(documentId: string, title: string): Promise<void> {
    const clean = title.trim();
    const doc = byId().get(documentId);
    if (!doc || clean === '' || clean === doc.title) return;
    try {
      const info = await client.renameDocument({ id: documentId, title: clean });
      const index = state.documents.findIndex((d) => d.id === documentId);
      if (index >= 0) setState('documents', index, reconcile(info));
    } catch (error) {
      notices.show(error, 'Could not rename the document');
    }
  }

  /**
   * Before a document's TEI is written: whether it validates, and if not, whether the
   * editor still wants it, having read the problems. A check that cannot run is said
   * and does not stop the export.
   */
  async function confirmValid(documentId: string): Promise<boolean> {
    let check: DocumentValidation;
    try {
      check = await client.validateDocument({ documentId });
    } catch (error) {
      notices.show(error, 'Could not check the TEI before exporting it');
      return true;
    }
    if (check.valid) return true;
    const n = check.problems.length;
    const listed = check.problems.slice(0, 5).map((p) => `• line ${p.line}: ${p.message}`);
    if (n > listed.length) listed.push(`• and ${n - listed.length} more (see Problems)`);
    const schemaName = check.schema === 'frus' ? 'the FRUS schema' : 'TEI (tei_all)';
    return window.confirm(
      `This document's TEI does not validate against ${schemaName}: ${n} ${n === 1 ? 'problem' : 'problems'}.\n\n${listed.join('\n')}\n\nExport it anyway?`,
    );
  }

  async function exportTei(target: ExportTarget): Promise<PointerReport | null> {
    try {
      if ('documentId' in target && !(await confirmValid(target.documentId))) return null;
      const exported = await client.exportTei(target);
      const notice = downloadNotice(await downloadTei(client, exported), exported.pointers);
      if (notice !== null) notices.show(notice);
      return exported.pointers;
    } catch (error) {
      notices.show(error, 'Could not export TEI');
      return null;
    }
  }

  return [
    state,
    {
      load,
      toggle: (id) => setState('expanded', id, (open) => !open),
      setFilter: (text) => setState('filter', text),
      isOpen: (id) => (state.filter.trim() !== '' ? shown().has(id) : state.expanded[id] === true),
      open,
      importFiles,
      chooseReimport,
      closeReimport: () => setState('reimport', null),
      rename,
      exportTei,
      documentsIn: (collectionId) => shown().get(collectionId ?? NO_COLLECTION) ?? [],
      current: () => (state.currentId === null ? null : (byId().get(state.currentId) ?? null)),
    },
  ];
}

/** An import's warnings as the one sentence a notice holds: the first, and how many more there are. */
export function importWarning(warnings: readonly string[]): string | null {
  const [first] = warnings;
  if (first === undefined) return null;
  const more = warnings.length - 1;
  return more === 0 ? first : `${first} (${more} more ${more === 1 ? 'warning' : 'warnings'}.)`;
}
