/**
 * The edition an export prints, gathered from the project: the documents of the
 * target in their order, the apparatus entries that live in them as `app` marks on
 * their lemmata (edition/schema), the witnesses those entries name, the register
 * (for the indexes), and a title page from the print settings or the target.
 */
import type { Node as PMNode } from 'prosemirror-model';
import { Transform } from 'prosemirror-transform';
import type { DocJSON, TargetRef, OpenedDocument, ProjectPrintSettings } from '../../edition/api.ts';
import { printApparatus, withoutApparatusMarks } from '../../edition/apparatus/print.ts';
import type { ApparatusEntry, PrintEdition, Witness } from '../../edition/print/model.ts';
import {
  editionFromOpened,
  type EntityKind,
  type PublishEdition,
  type RegisterEntry,
} from '../../edition/publish/model.ts';
import { collectionIds, getCollection } from '../../db/collections.ts';
import { getDocument, listDocuments } from '../../db/documents.ts';
import { listEntityRecords } from '../../db/entities.ts';
import { getCollationSettings, listWitnesses } from '../../db/witnesses.ts';
import { getProject } from '../../db/project.ts';
import type { Store } from '../../db/store.ts';
import type { CollabAuthority } from './authority.ts';
import { toPrintSettings } from './print-settings.ts';

/** The documents of a target, in print order: a volume's in its order, the project's volume by volume. */
export function targetDocumentIds(store: Store, target: TargetRef): number[] {
  if ('documentId' in target) return [getDocument(store.db, target.documentId).info.id].map(Number);
  if ('collectionId' in target) {
    const id = getCollection(store.db, target.collectionId).id;
    return listDocuments(store.db, id).map((d) => Number(d.id));
  }
  const ids = collectionIds(store.db).flatMap((c) => listDocuments(store.db, c).map((d) => Number(d.id)));
  return [...ids, ...listDocuments(store.db, null).map((d) => Number(d.id))];
}

/**
 * The target's own title page: a document's title with its date and archival source
 * as subtitle; a volume's title from its TEI header, its date as subtitle and the
 * header's source description as introduction; the project's title.
 */
export function targetTitle(
  store: Store,
  target: TargetRef,
): { title: string; subtitle: string | null; introduction: string | null } {
  if ('documentId' in target) {
    const { info, meta } = getDocument(store.db, target.documentId);
    return {
      title: info.title,
      subtitle: [meta.date, meta.source].filter(Boolean).join(' · ') || null,
      introduction: null,
    };
  }
  if ('collectionId' in target) {
    const c = getCollection(store.db, target.collectionId);
    return { title: c.title, subtitle: c.meta.date, introduction: c.meta.source };
  }
  return { title: getProject(store.db)?.title ?? 'Siglum edition', subtitle: null, introduction: null };
}

const INDEXED: readonly string[] = ['person', 'place', 'org', 'term'] satisfies EntityKind[];

/** The register as the exports name index entries. */
function register(store: Store): RegisterEntry[] {
  return listEntityRecords(store.db).map(({ entity }) => ({
    id: entity.id,
    name: entity.name,
    ...(INDEXED.includes(entity.type) ? { kind: entity.type as EntityKind } : {}),
    ...(entity.description ? { description: entity.description } : {}),
  }));
}

export interface GatheredEdition {
  /** One object for all three formats: a print edition that also says its language for the HTML and LaTeX. */
  edition: PrintEdition & PublishEdition;
  /** The store's ids of `edition.documents`, index for index. */
  documentIds: string[];
  /** Apparatus entries in the project before the series filter, and notes in the text. */
  apparatusInProject: number;
  /** Notes in the text, and those of the note types the PDF prints (HTML and LaTeX print all). */
  notes: number;
  printedNotes: number;
  /** Entries left out with the notes they stood in (`removeNotes`), by document index and entry index. */
  lost: Array<{ document: number; index: number; reason: string }>;
  warnings: string[];
}

function countNotes(doc: PMNode, types: readonly string[] | null): number {
  let n = 0;
  doc.descendants((node) => {
    if (node.type.name === 'note') {
      const type = node.attrs['type'] as string | null;
      if (types === null || (type !== null && types.includes(type))) n++;
    }
    return true;
  });
  return n;
}

/**
 * The document without the notes whose type `types` leaves out, and the entries moved
 * to match (deleting a note shifts what follows). An entry whose lemma lay in a removed
 * note is returned apart, to be reported.
 */
function withoutNotes(
  doc: PMNode,
  entries: readonly ApparatusEntry[],
  types: readonly string[],
): { doc: PMNode; entries: ApparatusEntry[]; lost: number[] } {
  const removed: Array<{ from: number; to: number }> = [];
  doc.descendants((node, pos) => {
    if (node.type.name !== 'note') return true;
    const type = node.attrs['type'] as string | null;
    if (type === null || !types.includes(type)) removed.push({ from: pos, to: pos + node.nodeSize });
    return false;
  });
  if (removed.length === 0) return { doc, entries: [...entries], lost: [] };
  const tr = new Transform(doc);
  for (const r of removed.reverse()) tr.delete(r.from, r.to);
  const kept: ApparatusEntry[] = [];
  const lost: number[] = [];
  entries.forEach((e, i) => {
    const from = tr.mapping.mapResult(e.from, 1);
    const to = tr.mapping.mapResult(e.to, -1);
    if (from.deleted || to.deleted) lost.push(i);
    else kept.push({ ...e, from: from.pos, to: Math.max(from.pos, to.pos) });
  });
  return { doc: tr.doc, entries: kept, lost };
}

/**
 * The edition of `target` with `settings`. `onDocument` is told after each document
 * is read (for progress). With `removeNotes`, notes of the types the settings leave
 * out are taken out of the text (the HTML and LaTeX writers print every note they
 * get; the PDF's paginator leaves them out itself).
 */
export function gatherEdition(
  store: Store,
  authority: CollabAuthority,
  target: TargetRef,
  settings: ProjectPrintSettings,
  onDocument: (done: number, total: number) => void = () => undefined,
  removeNotes = false,
): GatheredEdition {
  // One read transaction: the documents, their witnesses and the register as of one commit.
  return store.read(() => gather(store, authority, target, settings, onDocument, removeNotes));
}

function gather(
  store: Store,
  authority: CollabAuthority,
  target: TargetRef,
  settings: ProjectPrintSettings,
  onDocument: (done: number, total: number) => void,
  removeNotes: boolean,
): GatheredEdition {
  const ids = targetDocumentIds(store, target);
  const opened: OpenedDocument[] = [];
  const apparatus = new Map<string, ApparatusEntry[]>();
  const witnesses = new Map<string, string>();
  const describe = (siglum: string, description: string): void => {
    if (!witnesses.get(siglum)) witnesses.set(siglum, description);
  };
  let apparatusInProject = 0;
  let notes = 0;
  let printedNotes = 0;
  const lostEntries: GatheredEdition['lost'] = [];
  ids.forEach((id, i) => {
    const record = getDocument(store.db, id);
    const node = authority.peek(id);
    const found = printApparatus(node, settings.seriesBTypes);
    apparatusInProject += found.entries.length;
    // The document's own text and its collated witnesses, described as the collation keeps them.
    const own = getCollationSettings(store.db, id).documentSiglum;
    if (found.sigla.has(own)) describe(own, 'The edited text');
    for (const w of listWitnesses(store.db, id)) describe(w.siglum, w.description);
    for (const s of found.sigla) describe(s, '');
    notes += countNotes(node, null);
    printedNotes += countNotes(node, settings.noteTypes);
    let text = withoutApparatusMarks(node);
    let entries = found.entries.filter((e) => settings.apparatusSeries.includes(e.series));
    if (removeNotes && settings.noteTypes !== null) {
      const trimmed = withoutNotes(text, entries, settings.noteTypes);
      const before = entries;
      text = trimmed.doc;
      entries = trimmed.entries;
      for (const index of trimmed.lost) {
        const lemma = before[index]?.lemma ?? '';
        lostEntries.push({
          document: i,
          index,
          reason: `“${lemma}” is in a note of a type the print settings leave out`,
        });
      }
    }
    apparatus.set(record.info.id, entries);
    opened.push({ info: record.info, meta: record.meta, doc: text.toJSON() as DocJSON, version: record.version });
    onDocument(i + 1, ids.length);
  });
  const own = targetTitle(store, target);
  const introduction = settings.introduction ?? own.introduction ?? undefined;
  const published = editionFromOpened(settings.title ?? own.title, opened, {
    witnesses: [...witnesses]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([siglum, description]): Witness => ({ siglum, description })),
    register: register(store),
    apparatus,
    ...(introduction === undefined ? {} : { introduction }),
  });
  const subtitle = settings.subtitle ?? own.subtitle;
  const warnings: string[] = [];
  if (ids.length === 0) warnings.push('There are no documents to export: the edition has a title page only.');
  const kept = [...apparatus.values()].reduce((n, entries) => n + entries.length, 0);
  if (apparatusInProject === 0) {
    warnings.push('No apparatus entries in these documents: the edition has no critical apparatus.');
  } else if (kept < apparatusInProject) {
    const series = (['A', 'B'] as const).filter((x) => !settings.apparatusSeries.includes(x)).join(' and ');
    const n = apparatusInProject - kept;
    warnings.push(
      `${n} apparatus ${n === 1 ? 'entry' : 'entries'} of series ${series} ${n === 1 ? 'is' : 'are'} left out, as the print settings ask.`,
    );
  }
  const unprinted = notes - printedNotes;
  if (unprinted > 0) {
    warnings.push(
      `${unprinted} ${unprinted === 1 ? 'note is' : 'notes are'} of a type the print settings leave out, so not printed.`,
    );
  }
  return {
    edition: {
      ...published,
      ...(subtitle ? { subtitle } : {}),
      language: settings.language,
      settings: toPrintSettings(settings),
    },
    documentIds: opened.map((d) => d.info.id),
    apparatusInProject,
    notes,
    printedNotes,
    lost: lostEntries,
    warnings,
  };
}
