/**
 * The register as the window holds it, and the transient pieces of marking: the
 * popup that links a selection to an entry, the card that shows the entry behind
 * a mention, the context menu, and the side panel (register, index, notes).
 *
 * The register list is refetched when the Node side says it changed
 * ('entities-changed', and 'documents-changed' or committed steps for mention
 * counts, debounced) and merged with `reconcile`, so rows that did not change are
 * not redrawn. Views and DOM rectangles live in signals, never inside the store
 * (a store would wrap them in proxies).
 */
import { batch, createSignal, type Accessor } from 'solid-js';
import { createStore, reconcile } from 'solid-js/store';
import { TextSelection } from 'prosemirror-state';
import type { EditorView } from 'prosemirror-view';
import type { EntityInfo, SiglumClient } from '../../edition/api.ts';
import type { NoticeActions } from '../stores/notices.ts';
import type { ProjectActions } from '../stores/project.ts';
import { mentionsAt, type MentionRange, type MentionRequest } from './marking.ts';
import type { MentionHost } from './plugin.ts';
import { scrollToPos } from './scroll.ts';

export type PanelTab = 'register' | 'index' | 'notes' | 'problems';

export interface EntityState {
  entities: EntityInfo[];
  loaded: boolean;
  /** The side panel's tab, or null while it is closed. */
  panel: PanelTab | null;
  /** The register entry shown in detail. */
  selectedId: string | null;
  /** The type the register list keeps ('' for all). */
  typeFilter: string;
  query: string;
}

export interface MentionCard {
  view: EditorView;
  ranges: MentionRange[];
  anchor: DOMRect;
  pinned: boolean;
}

export interface ContextMenuAt {
  view: EditorView;
  pos: number;
  x: number;
  y: number;
}

export interface EntityActions extends MentionHost {
  load(): Promise<void>;
  /** The entry with this id, as last loaded. */
  byId(id: string | null): EntityInfo | undefined;
  request: Accessor<MentionRequest | null>;
  card: Accessor<MentionCard | null>;
  contextMenu: Accessor<ContextMenuAt | null>;
  closePopup(): void;
  closeCard(): void;
  closeContextMenu(): void;
  keepCard(): void;
  /** Marks the popup's range as a mention of `ref` (or with a date's value) and closes it. */
  finishMention(apply: (request: MentionRequest) => boolean): void;
  setPanel(tab: PanelTab | null): void;
  select(id: string | null): void;
  setTypeFilter(type: string): void;
  setQuery(query: string): void;
  /** Opens a document and selects `from`–`to` in it, scrolled into view. */
  reveal(documentId: string, from: number, to: number): void;
  /** Called once an editor has a document open: finishes a pending reveal. */
  editorOpened(view: EditorView, documentId: string): void;
}

export type EntityStore = [EntityState, EntityActions];

const RELOAD_DELAY_MS = 400;
const CARD_HIDE_MS = 250;

export function createEntityStore(client: SiglumClient, notices: NoticeActions, project: ProjectActions): EntityStore {
  const [state, setState] = createStore<EntityState>({
    entities: [],
    loaded: false,
    panel: null,
    selectedId: null,
    typeFilter: '',
    query: '',
  });
  const [request, setRequest] = createSignal<MentionRequest | null>(null);
  const [card, setCard] = createSignal<MentionCard | null>(null);
  const [contextMenu, setContextMenu] = createSignal<ContextMenuAt | null>(null);
  let hideTimer: ReturnType<typeof setTimeout> | null = null;
  let reloadTimer: ReturnType<typeof setTimeout> | null = null;
  let pendingReveal: { documentId: string; from: number; to: number } | null = null;
  let openView: { view: EditorView; documentId: string } | null = null;

  async function load(): Promise<void> {
    try {
      const entities = await client.listEntities({});
      batch(() => {
        setState('entities', reconcile(entities, { key: 'id' }));
        setState('loaded', true);
        if (state.selectedId !== null && !entities.some((e) => e.id === state.selectedId)) setState('selectedId', null);
      });
    } catch (error) {
      notices.show(error, 'Could not read the register');
    }
  }

  const reloadSoon = () => {
    if (reloadTimer !== null) clearTimeout(reloadTimer);
    reloadTimer = setTimeout(() => {
      reloadTimer = null;
      void load();
    }, RELOAD_DELAY_MS);
  };

  client.subscribe((event) => {
    if (event.type === 'entities-changed') void load();
    else if (event.type === 'documents-changed' || event.type === 'steps') reloadSoon();
  });

  const cancelHide = () => {
    if (hideTimer !== null) clearTimeout(hideTimer);
    hideTimer = null;
  };

  function revealIn(view: EditorView, from: number, to: number): void {
    const size = view.state.doc.content.size;
    if (to > size) return;
    view.dispatch(view.state.tr.setSelection(TextSelection.create(view.state.doc, from, to)));
    view.focus();
    scrollToPos(view, from);
  }

  const actions: EntityActions = {
    load,
    byId: (id) => (id === null ? undefined : state.entities.find((e) => e.id === id)),
    request,
    card,
    contextMenu,
    askMention(req) {
      // The popup sits by the text it marks: bring that into view first.
      if (!req.view.isDestroyed) {
        const at = req.view.coordsAtPos(req.from);
        if (at.top < 80 || at.bottom > window.innerHeight - 40) scrollToPos(req.view, req.from);
      }
      batch(() => {
        setCard(null);
        setContextMenu(null);
        setRequest(req);
      });
    },
    showMentions(view, pos, anchor, pinned) {
      cancelHide();
      const current = card();
      if (current?.pinned && !pinned) return;
      const ranges = mentionsAt(view.state.doc, pos);
      setCard(ranges.length === 0 ? null : { view, ranges, anchor, pinned });
    },
    leaveMention() {
      if (card()?.pinned) return;
      cancelHide();
      hideTimer = setTimeout(() => setCard(null), CARD_HIDE_MS);
    },
    keepCard: cancelHide,
    openContextMenu(view, pos, x, y) {
      batch(() => {
        setCard(null);
        setContextMenu({ view, pos, x, y });
      });
    },
    closePopup() {
      const req = request();
      setRequest(null);
      if (req && !req.view.isDestroyed) req.view.focus();
    },
    closeCard: () => setCard(null),
    closeContextMenu: () => setContextMenu(null),
    finishMention(apply) {
      const req = request();
      if (!req || req.view.isDestroyed) return setRequest(null);
      if (!apply(req)) notices.show('The text to mark changed meanwhile; select it again.');
      setRequest(null);
      req.view.focus();
      reloadSoon();
    },
    setPanel: (tab) => setState('panel', tab),
    select(id) {
      batch(() => {
        setState('selectedId', id);
        if (id !== null) setState('panel', 'register');
      });
    },
    setTypeFilter: (type) => setState('typeFilter', type),
    setQuery: (query) => setState('query', query),
    reveal(documentId, from, to) {
      if (openView && openView.documentId === documentId && !openView.view.isDestroyed) {
        revealIn(openView.view, from, to);
        return;
      }
      pendingReveal = { documentId, from, to };
      project.open(documentId);
    },
    editorOpened(view, documentId) {
      openView = { view, documentId };
      if (pendingReveal?.documentId === documentId) {
        const { from, to } = pendingReveal;
        pendingReveal = null;
        revealIn(view, from, to);
      }
    },
  };
  return [state, actions];
}
