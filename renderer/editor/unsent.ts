/**
 * Steps a window could no longer send, kept in the browser's local storage until a
 * later session on the same project and document sends them.
 *
 * This happens when `siglum serve` restarts: the new server has a new access token,
 * so the open tab's requests are refused (401) for good. Its unconfirmed steps are
 * stored here, keyed by project, document and the tab's collab client, with the
 * version they apply to; the tab opened at the new address finds them when it opens
 * the document, rebases them over whatever the store has since that version, and
 * sends them as its own. Only a tab that can never push again stores its steps, so
 * no step is ever sent twice.
 */
import type { Node } from 'prosemirror-model';
import { Mapping, Step, Transform } from 'prosemirror-transform';
import type { StepJSON } from '../../edition/api.ts';
import { schema } from '../../edition/schema.ts';

const PREFIX = 'siglum:unsent:';

/** What one refused tab left behind for one document. */
export interface UnsentSteps {
  /** The store's version the steps apply to. */
  version: number;
  steps: StepJSON[];
  /** When they were stored (ISO 8601), to tell the user. */
  savedAt: string;
}

/** Where unsent steps of one project's documents live (the window's localStorage, or a stand-in in tests). */
export type UnsentStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem' | 'key' | 'length'>;

function storage(): UnsentStorage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null; // storage switched off in this browser
  }
}

function documentPrefix(project: string, documentId: string): string {
  return `${PREFIX}${encodeURIComponent(project)}:${encodeURIComponent(documentId)}:`;
}

/** The storage key of one tab's unsent steps for a document. */
export function unsentKey(project: string, documentId: string, clientID: string): string {
  return documentPrefix(project, documentId) + clientID;
}

function isUnsent(v: unknown): v is UnsentSteps {
  if (typeof v !== 'object' || v === null) return false;
  const o = v as Record<string, unknown>;
  return typeof o['version'] === 'number' && Array.isArray(o['steps']) && typeof o['savedAt'] === 'string';
}

/** Stores a tab's unsent steps (replacing what that tab stored before); false when the browser refuses. */
export function storeUnsent(
  project: string,
  documentId: string,
  clientID: string,
  unsent: UnsentSteps,
  store: UnsentStorage | null = storage(),
): boolean {
  if (!store) return false;
  try {
    store.setItem(unsentKey(project, documentId, clientID), JSON.stringify(unsent));
    return true;
  } catch {
    return false; // quota exceeded: the tab keeps warning before it is closed
  }
}

/** A stored entry, with the key that removes it once its steps are committed. */
export interface UnsentEntry extends UnsentSteps {
  key: string;
}

/** Every entry stored for this document, oldest first. */
export function findUnsent(
  project: string,
  documentId: string,
  store: UnsentStorage | null = storage(),
): UnsentEntry[] {
  if (!store) return [];
  const prefix = documentPrefix(project, documentId);
  const found: UnsentEntry[] = [];
  for (let i = 0; i < store.length; i++) {
    const key = store.key(i);
    if (key === null || !key.startsWith(prefix)) continue;
    let value: unknown;
    try {
      value = JSON.parse(store.getItem(key) ?? '');
    } catch {
      continue;
    }
    if (isUnsent(value)) found.push({ ...value, key });
  }
  return found.sort((a, b) => a.savedAt.localeCompare(b.savedAt));
}

export function removeUnsent(key: string, store: UnsentStorage | null = storage()): void {
  store?.removeItem(key);
}

/**
 * The unsent steps rebased onto `doc`, the document at the store's current version,
 * given `since`, the steps the store committed after the version they were made on
 * (prosemirror-collab's rebase: each step is mapped back over the earlier unsent
 * ones, forward over the store's, and forward again over the rebased ones). A step
 * whose place no longer exists is dropped; the count says how many.
 */
export function rebaseUnsent(
  doc: Node,
  unsent: readonly StepJSON[],
  since: readonly StepJSON[],
): { transform: Transform; dropped: number } {
  const own = unsent.map((json) => Step.fromJSON(schema, json));
  const remote = since.map((json) => Step.fromJSON(schema, json));
  const transform = new Transform(doc);
  const mapping = new Mapping();
  for (let i = own.length - 1; i >= 0; i--) mapping.appendMap(own[i]!.getMap().invert());
  for (const step of remote) mapping.appendMap(step.getMap());
  let dropped = 0;
  for (let i = 0; i < own.length; i++) {
    const mapped = own[i]!.map(mapping.slice(own.length - i));
    if (mapped && !transform.maybeStep(mapped).failed) {
      mapping.appendMap(mapped.getMap(), own.length - i - 1);
    } else {
      dropped++;
    }
  }
  return { transform, dropped };
}

/** Where kept steps travel in the address's fragment (after `#/doc/ID`). */
const CARRY_MARK = '~siglum-unsent=';

/**
 * The address `to` with every kept entry of this address's storage in its fragment,
 * after this page's own fragment (`#/doc/ID`), and the entries removed here. A server
 * restarted on another port is another origin, with storage of its own, and the
 * fragment is the one thing that goes along with the tab (it is never sent to the
 * server, and the token's redirect keeps it). `adoptCarriedUnsent` takes them in.
 */
export function carryUnsent(to: URL, hash: string, store: UnsentStorage | null = storage()): string {
  const entries: Array<[string, string]> = [];
  if (store) {
    for (let i = 0; i < store.length; i++) {
      const key = store.key(i);
      if (key !== null && key.startsWith(PREFIX)) entries.push([key, store.getItem(key) ?? '']);
    }
  }
  const base = to.href.replace(/#.*$/, '');
  if (entries.length === 0) return `${base}${hash}`;
  for (const [key] of entries) store?.removeItem(key);
  return `${base}${hash || '#'}${CARRY_MARK}${encodeURIComponent(JSON.stringify(entries))}`;
}

/**
 * Takes in the entries another address carried here in the fragment (see
 * `carryUnsent`), and gives back the fragment without them. How many were taken.
 */
export function adoptCarriedUnsent(
  place: { hash: string; replaceHash(hash: string): void } = {
    hash: location.hash,
    replaceHash: (hash) => history.replaceState(null, '', hash === '' ? location.pathname + location.search : hash),
  },
  store: UnsentStorage | null = storage(),
): number {
  const at = place.hash.indexOf(CARRY_MARK);
  if (at < 0) return 0;
  const raw = place.hash.slice(at + CARRY_MARK.length);
  place.replaceHash(place.hash.slice(0, at) === '#' ? '' : place.hash.slice(0, at));
  let entries: unknown;
  try {
    entries = JSON.parse(decodeURIComponent(raw));
  } catch {
    return 0;
  }
  if (!store || !Array.isArray(entries)) return 0;
  let adopted = 0;
  for (const entry of entries) {
    if (!Array.isArray(entry) || typeof entry[0] !== 'string' || typeof entry[1] !== 'string') continue;
    if (!entry[0].startsWith(PREFIX)) continue;
    store.setItem(entry[0], entry[1]);
    adopted++;
  }
  return adopted;
}

/**
 * The address `siglum serve` printed, checked: http on 127.0.0.1 or localhost with a
 * token. Null when `text` is not one.
 */
export function serveAddress(text: string): URL | null {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return null;
  }
  const local = url.hostname === '127.0.0.1' || url.hostname === 'localhost';
  return url.protocol === 'http:' && local && url.searchParams.has('token') ? url : null;
}
