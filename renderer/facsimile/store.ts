/**
 * The page images of the open document: its surfaces (kept in memory, so the caret
 * moves the highlight without asking the Node side), the page shown, the zone the
 * caret's text is linked to, the zone selected for editing or linking, line mode and
 * the drawing tool. Shaped `[state, actions]` as the other stores; the actions are also
 * the editor's `FacsimileHost`.
 */
import { batch, createEffect, onCleanup, untrack } from 'solid-js';
import { createStore, reconcile } from 'solid-js/store';
import type { EditorState } from 'prosemirror-state';
import { TextSelection } from 'prosemirror-state';
import type { EditorView } from 'prosemirror-view';
import type { SiglumClient } from '../../edition/api.ts';
import type { Surface, ZoneInput } from '../../edition/facsimile/api.ts';
import { linkZone, zoneLinks } from '../../edition/facsimile/links.ts';
import type { NoticeActions } from '../stores/notices.ts';
import { toBase64 } from '../io/files.ts';
import type { FacsimileHost } from './keys.ts';
import { setFacsimileOpen } from './panel.ts';
import * as lines from './lines.ts';
import type { TileFetcher } from './tileSource.ts';
import { tilesAhead } from './tilesAhead.ts';
import type { ZoneTool } from './ZoneLayer.ts';

export interface FacsimileState {
  documentId: string | null;
  surfaces: Surface[];
  /** The index of the surface shown. */
  page: number;
  /** The zone the caret's text is linked to. */
  highlighted: string | null;
  /** The zone selected on the image. */
  selected: string | null;
  lineMode: boolean;
  tool: ZoneTool;
  /** Images being added. */
  adding: boolean;
}

export interface FacsimileActions extends FacsimileHost {
  /** Reads the document's surfaces (null: no document). */
  load(documentId: string | null): Promise<void>;
  /** The surface shown, or null. */
  surface(): Surface | null;
  /** Shows a page; `moveCaret` puts the caret after its page break too. */
  showPage(index: number, moveCaret: boolean): void;
  /** Selects a zone; `goToText` selects the text linked to it. */
  selectZone(zoneId: string | null, goToText: boolean): void;
  saveZone(zone: ZoneInput): Promise<void>;
  deleteSelected(): Promise<void>;
  /** Points the caret's line break at the selected zone. */
  linkLine(): boolean;
  /** Points the page break before the caret at the page shown. */
  linkPage(): boolean;
  setTool(tool: ZoneTool): void;
  /** One tile of a kept image, for the viewer's tile source. */
  fetchTile: TileFetcher;
  addImages(files: readonly File[]): Promise<void>;
}

export type FacsimileStore = [FacsimileState, FacsimileActions];

/** What the store needs of the editor: its view, when a document is open. */
export interface EditorAccess {
  view(): EditorView | null;
}

/**
 * The store for one window. It follows `currentDocument` (and reads the pages again when
 * the event feed says documents changed), whether the panel is open or not: line mode's
 * keys need the open document's zones either way.
 */
export function createFacsimileStore(
  client: SiglumClient,
  editor: EditorAccess,
  notices: NoticeActions,
  currentDocument: () => string | null,
): FacsimileStore {
  const [state, setState] = createStore<FacsimileState>({
    documentId: null,
    surfaces: [],
    page: 0,
    highlighted: null,
    selected: null,
    lineMode: false,
    tool: 'pan',
    adding: false,
  });
  /** Each zone's and each surface's page, rebuilt when the surfaces change (never per caret move). */
  let pageOf = new Map<string, { page: number; zone: boolean }>();
  let loading = 0;
  const ahead = tilesAhead((args) => client.imageTile(args));

  const setSurfaces = (surfaces: Surface[]) => {
    pageOf = new Map();
    surfaces.forEach((s, page) => {
      pageOf.set(s.id, { page, zone: false });
      for (const z of s.zones) pageOf.set(z.id, { page, zone: true });
    });
    batch(() => {
      setState('surfaces', reconcile(surfaces, { key: 'id' }));
      if (state.page >= surfaces.length) setState('page', Math.max(0, surfaces.length - 1));
      if (state.selected !== null && !pageOf.has(state.selected)) setState('selected', null);
    });
    const view = editor.view();
    if (view) actions.caretMoved(view.state);
  };

  /** Puts one changed surface in place. */
  const replaceSurface = (surface: Surface) =>
    setSurfaces(state.surfaces.map((s) => (s.id === surface.id ? surface : s)));

  const dispatch = (view: EditorView, tr: ReturnType<typeof lines.linkLine>): boolean => {
    if (!tr) return false;
    view.dispatch(tr);
    return true;
  };

  const actions: FacsimileActions = {
    async load(documentId) {
      const ticket = ++loading;
      if (documentId !== state.documentId) setState({ documentId, page: 0, selected: null, highlighted: null });
      if (documentId === null) return setSurfaces([]);
      try {
        const surfaces = await client.listSurfaces({ documentId });
        if (ticket === loading) setSurfaces(surfaces);
      } catch (error) {
        notices.show(error, 'Could not read the page images');
      }
    },
    surface: () => state.surfaces[state.page] ?? null,
    caretMoved(editorState: EditorState) {
      const id = lines.selectionZone(editorState.doc, editorState.selection);
      const at = id === null ? undefined : pageOf.get(id);
      batch(() => {
        setState('highlighted', at?.zone ? id : null);
        if (at) setState('page', at.page);
      });
    },
    lineMode: () => state.lineMode,
    toggleLineMode() {
      setState('lineMode', !state.lineMode);
      // The highlight is what line mode is for.
      if (state.lineMode) setFacsimileOpen(true);
    },
    nextLine(view) {
      if (!lines.atLineEnd(view.state)) return false;
      const surface = actions.surface();
      const current = state.highlighted;
      const next = surface ? lines.nextLineZone(surface, current, lines.linkedLineZones(view.state.doc)) : null;
      return dispatch(view, lines.insertLinkedLineBreak(view.state, next));
    },
    stepLine(view, direction) {
      const to = lines.stepLine(view.state.doc, view.state.selection.head, direction);
      if (to === null) return false;
      view.dispatch(view.state.tr.setSelection(TextSelection.create(view.state.doc, to)).scrollIntoView());
      return true;
    },
    linkSelection() {
      const view = editor.view();
      const zoneId = state.selected;
      if (!view || zoneId === null || view.state.selection.empty) return false;
      const { from, to } = view.state.selection;
      view.dispatch(linkZone(view.state.tr, from, to, zoneId));
      return true;
    },
    linkLine() {
      const view = editor.view();
      return view !== null && state.selected !== null && dispatch(view, lines.linkLine(view.state, state.selected));
    },
    linkPage() {
      const view = editor.view();
      const surface = actions.surface();
      return view !== null && surface !== null && dispatch(view, lines.linkPage(view.state, surface.id));
    },
    showPage(index, moveCaret) {
      const surface = state.surfaces[index];
      if (!surface) return;
      setState({ page: index, selected: null });
      const view = editor.view();
      if (!moveCaret || !view) return;
      const pos = lines.pageBreakOf(view.state.doc, surface.id);
      if (pos === null) return;
      view.dispatch(view.state.tr.setSelection(TextSelection.create(view.state.doc, pos + 1)).scrollIntoView());
    },
    selectZone(zoneId, goToText) {
      setState('selected', zoneId);
      const view = editor.view();
      if (!goToText || zoneId === null || !view) return;
      const link = zoneLinks(view.state.doc, zoneId)[0];
      if (!link) return;
      const node = view.state.doc.nodeAt(link.from);
      // A break points at its line or page: the caret goes after it; a linked span is selected.
      const [from, to] =
        node?.isInline && !node.isText && node.nodeSize === link.to - link.from
          ? [link.to, link.to]
          : [link.from, link.to];
      view.dispatch(view.state.tr.setSelection(TextSelection.create(view.state.doc, from, to)).scrollIntoView());
      view.focus();
    },
    async saveZone(zone) {
      const surface = actions.surface();
      if (!surface) return;
      const before = new Set(surface.zones.map((z) => z.id));
      try {
        const saved = await client.saveZone({ surfaceId: surface.id, zone });
        replaceSurface(saved);
        const made = saved.zones.find((z) => !before.has(z.id));
        setState('selected', zone.id ?? made?.id ?? null);
      } catch (error) {
        notices.show(error, 'Could not save the zone');
      }
    },
    async deleteSelected() {
      const surface = actions.surface();
      const zoneId = state.selected;
      if (!surface || zoneId === null) return;
      try {
        replaceSurface(await client.deleteZone({ surfaceId: surface.id, zoneId }));
        setState('selected', null);
      } catch (error) {
        notices.show(error, 'Could not delete the zone');
      }
    },
    setTool: (tool) => setState('tool', tool),
    fetchTile: ahead.fetchTile,
    async addImages(files) {
      const documentId = state.documentId;
      if (documentId === null || files.length === 0) return;
      setState('adding', true);
      try {
        const read = await Promise.all(
          files.map(async (f) => ({ name: f.name, base64: toBase64(new Uint8Array(await f.arrayBuffer())) })),
        );
        const shown = state.surfaces.length;
        setSurfaces(await client.addPageImages({ documentId, files: read }));
        if (state.surfaces.length > shown) setState('page', shown);
      } catch (error) {
        notices.show(error, 'Could not add the page images');
      } finally {
        setState('adding', false);
      }
    },
  };
  createEffect(() => void actions.load(currentDocument()));
  // The page at the caret, ready for the panel before it opens.
  createEffect(() => ahead.prefetch(actions.surface()?.image ?? null));
  const unsubscribe = client.subscribe((event) => {
    if (event.type === 'documents-changed') void actions.load(untrack(() => state.documentId));
  });
  onCleanup(unsubscribe);
  return [state, actions];
}
