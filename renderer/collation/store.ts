/**
 * The variants panel's state for the open document: its witnesses and collation
 * settings (from the store), the collation of them with the text the editor holds
 * (computed here, see workbench.ts), which kinds of variant are shown, which two
 * witnesses stand side by side, and which place of variation is pointed at.
 *
 * Re-collation is debounced: typing in a witness or in the document collates once the
 * user pauses (a whole despatch takes a few milliseconds). A witness's text is saved
 * to the store after a slightly longer pause; until then its local text wins over
 * what a refetch brings.
 */
import { batch, createSignal, onCleanup, type Accessor } from 'solid-js';
import { createStore } from 'solid-js/store';
import type { Node as PMNode } from 'prosemirror-model';
import type { SiglumClient } from '../../edition/api.ts';
import type { CollationSettings, WitnessInfo } from '../../edition/apparatus/index.ts';
import type { VariantKind } from '../../edition/collation/index.ts';
import type { NoticeActions } from '../stores/notices.ts';
import { collateDocumentView, VARIANT_KINDS, type Workbench } from './workbench.ts';

export type VariantsTab = 'witnesses' | 'table' | 'pair' | 'heat' | 'variants' | 'apparatus';

export interface VariantsState {
  documentId: string;
  witnesses: WitnessInfo[];
  settings: CollationSettings | null;
  loaded: boolean;
  tab: VariantsTab;
  /** Which variant kinds the views show. */
  shown: Record<VariantKind, boolean>;
  /** Indices into the collation's sigla of the two witnesses side by side. */
  pair: [number, number];
  /** The place of variation (segmentation column) pointed at, in any view. */
  column: number | null;
  /** Milliseconds the last collation took. */
  lastMs: number;
  error: string | null;
}

export interface VariantsActions {
  bench: Accessor<Workbench | null>;
  shownSet: Accessor<ReadonlySet<VariantKind>>;
  reload(): Promise<void>;
  setTab(tab: VariantsTab): void;
  toggleKind(kind: VariantKind): void;
  setPair(side: 0 | 1, index: number): void;
  point(column: number | null): void;
  addWitness(input: { siglum: string; description: string; text?: string; file?: File }): Promise<boolean>;
  /** The witness's text as typed: collated at once (debounced) and saved after a pause. */
  editText(id: string, text: string): void;
  /** Changes a witness's siglum or description. False when the store refused (a notice says why). */
  updateWitness(id: string, fields: { siglum?: string; description?: string }): Promise<boolean>;
  removeWitness(id: string): Promise<void>;
  setBase(witnessId: string | null): Promise<void>;
  /**
   * Changes normalisation, the regularisation table or the document's siglum; collates
   * again. False when the store refused (a notice says why).
   */
  updateSettings(settings: Partial<CollationSettings>): Promise<boolean>;
  /** The editor's document changed (or may have): collate again if it did. */
  documentChanged(doc: PMNode | null): void;
}

export type VariantsStore = [VariantsState, VariantsActions];

const COLLATE_DELAY_MS = 150;
const SAVE_DELAY_MS = 600;

export function createVariantsStore(
  client: SiglumClient,
  documentId: string,
  notices: NoticeActions,
  readFile: (file: File) => Promise<{ name: string; text?: string; base64?: string }>,
): VariantsStore {
  const [state, setState] = createStore<VariantsState>({
    documentId,
    witnesses: [],
    settings: null,
    loaded: false,
    tab: 'witnesses',
    shown: Object.fromEntries(VARIANT_KINDS.map((k) => [k, true])) as Record<VariantKind, boolean>,
    pair: [0, 1],
    column: null,
    lastMs: 0,
    error: null,
  });
  const [bench, setBench] = createSignal<Workbench | null>(null, {
    equals: false,
  });
  let doc: PMNode | null = null;
  let collateTimer: ReturnType<typeof setTimeout> | null = null;
  const saveTimers = new Map<string, ReturnType<typeof setTimeout>>();
  /** Witness texts typed but not yet saved. */
  const unsaved = new Map<string, string>();

  const collateNow = () => {
    collateTimer = null;
    if (doc === null || state.settings === null) return;
    const started = performance.now();
    try {
      const result = collateDocumentView(doc, state.witnesses, state.settings);
      batch(() => {
        setBench(result);
        setState({ lastMs: performance.now() - started, error: null });
        const n = result.sigla.length;
        // Side by side starts as the base against the first other witness, also when witnesses arrive later.
        const [left, right] = state.pair;
        if (left >= n || right >= n || (left === right && n > 1)) setState('pair', [0, Math.min(1, n - 1)]);
      });
    } catch (error) {
      setState('error', error instanceof Error ? error.message : String(error));
    }
  };
  const collateSoon = () => {
    if (collateTimer !== null) clearTimeout(collateTimer);
    collateTimer = setTimeout(collateNow, COLLATE_DELAY_MS);
  };

  async function reload(): Promise<void> {
    try {
      const [witnesses, settings] = await Promise.all([
        client.listWitnesses({ documentId }),
        client.getCollationSettings({ documentId }),
      ]);
      // A text typed into a witness removed meanwhile (in another window) has nowhere to go.
      for (const id of unsaved.keys()) if (!witnesses.some((w) => w.id === id)) unsaved.delete(id);
      batch(() => {
        setState({
          witnesses: witnesses.map((w) => (unsaved.has(w.id) ? { ...w, text: unsaved.get(w.id)! } : w)),
          settings,
          loaded: true,
        });
      });
      collateNow();
    } catch (error) {
      notices.show(error, 'Could not read the witnesses');
    }
  }

  /** Saves every witness text still waiting for its pause, now. */
  const saveNow = () => {
    for (const [id, timer] of saveTimers) {
      clearTimeout(timer);
      void save(id);
    }
  };
  // Leaving the page (reload, closing the tab or window) while a typed text waits for its
  // pause, or is on its way, would lose it: save it now and ask first, as the editor does.
  const onBeforeUnload = (event: BeforeUnloadEvent) => {
    if (unsaved.size === 0) return;
    saveNow();
    event.preventDefault();
  };
  window.addEventListener('beforeunload', onBeforeUnload);

  const unsubscribe = client.subscribe((event) => {
    if (event.type === 'witnesses-changed' && event.documentId === documentId) void reload();
  });
  onCleanup(() => {
    unsubscribe();
    window.removeEventListener('beforeunload', onBeforeUnload);
    if (collateTimer !== null) clearTimeout(collateTimer);
    // Pending witness texts are saved, not dropped, when the panel closes.
    saveNow();
  });

  async function save(id: string): Promise<void> {
    saveTimers.delete(id);
    const text = unsaved.get(id);
    if (text === undefined) return;
    try {
      await client.updateWitness({ id, text });
      if (unsaved.get(id) === text) unsaved.delete(id);
    } catch (error) {
      notices.show(error, 'Could not save the witness');
    }
  }

  const actions: VariantsActions = {
    bench,
    shownSet: () => new Set(VARIANT_KINDS.filter((k) => state.shown[k])),
    reload,
    setTab: (tab) => setState('tab', tab),
    toggleKind: (kind) => setState('shown', kind, (on) => !on),
    setPair: (side, index) => setState('pair', side, index),
    point: (column) => setState('column', column),
    async addWitness(input) {
      try {
        const file = input.file ? await readFile(input.file) : undefined;
        const siglum = input.siglum.trim() === '' ? undefined : input.siglum.trim();
        await client.addWitness({
          documentId,
          siglum,
          description: input.description.trim(),
          text: file ? undefined : input.text,
          file,
        });
        await reload();
        return true;
      } catch (error) {
        notices.show(error, 'Could not add the witness');
        return false;
      }
    },
    editText(id, text) {
      const index = state.witnesses.findIndex((w) => w.id === id);
      if (index < 0) return;
      unsaved.set(id, text);
      setState('witnesses', index, 'text', text);
      collateSoon();
      const pending = saveTimers.get(id);
      if (pending !== undefined) clearTimeout(pending);
      saveTimers.set(
        id,
        setTimeout(() => void save(id), SAVE_DELAY_MS),
      );
    },
    async updateWitness(id, fields) {
      try {
        await client.updateWitness({ id, ...fields });
        await reload();
        return true;
      } catch (error) {
        notices.show(error, 'Could not change the witness');
        return false;
      }
    },
    async removeWitness(id) {
      try {
        const pending = saveTimers.get(id);
        if (pending !== undefined) clearTimeout(pending);
        saveTimers.delete(id);
        unsaved.delete(id);
        await client.removeWitness({ id });
        await reload();
      } catch (error) {
        notices.show(error, 'Could not remove the witness');
      }
    },
    async setBase(witnessId) {
      try {
        const settings = await client.setBase({ documentId, witnessId });
        setState('settings', settings);
        collateNow();
      } catch (error) {
        notices.show(error, 'Could not change the base');
      }
    },
    async updateSettings(settings) {
      try {
        const saved = await client.updateCollationSettings({
          documentId,
          settings,
        });
        setState('settings', saved);
        collateNow();
        return true;
      } catch (error) {
        notices.show(error, 'Could not change the collation settings');
        return false;
      }
    },
    documentChanged(next) {
      if (next === doc) return;
      const first = doc === null;
      doc = next;
      if (first) collateNow();
      else collateSoon();
    },
  };
  return [state, actions];
}
