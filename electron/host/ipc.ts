/**
 * Electron IPC, both ends, derived from API_METHODS: `registerIpc` (main process) adds
 * one handler per method on `channelOf(method)`; `createBridge` (preload) is the object
 * the renderer sees as `window.siglum`. Neither imports Electron, so both are tested
 * in Node with the real service behind them.
 */
import { API_METHODS, isApiMethod, type ApiMethod, type SiglumEvent } from '../../edition/api.ts';
import { channelOf, EVENT_CHANNEL, type SiglumBridge, type WireReply } from '../../edition/protocol.ts';
import { isAppUrl } from './policy.ts';

/** What a handler sees of Electron's IpcMainInvokeEvent. */
export interface InvokeEvent {
  readonly senderFrame: { readonly url: string } | null;
}

/** The part of Electron's ipcMain used here. */
export interface IpcMainLike {
  handle(channel: string, handler: (event: InvokeEvent, args: unknown) => Promise<WireReply>): void;
}

/** The part of Electron's ipcRenderer used here. */
export interface IpcRendererLike {
  invoke(channel: string, args: unknown): Promise<unknown>;
  on(channel: string, listener: (event: unknown, payload: unknown) => void): unknown;
}

function refusal(message: string): WireReply {
  return { ok: false, error: { name: 'SiglumError', code: 'forbidden', message } };
}

/**
 * Registers a handler for every API method. A call is answered only when it comes from
 * a frame showing the app itself (app://siglum/...): a page that somehow got into a
 * window or a subframe cannot reach the service.
 */
export function registerIpc(
  ipcMain: IpcMainLike,
  call: (method: ApiMethod, args: unknown) => Promise<WireReply>,
): void {
  for (const method of API_METHODS) {
    ipcMain.handle(channelOf(method), async (event, args) =>
      isAppUrl(event.senderFrame?.url) ? call(method, args) : refusal("Only Siglum's own pages may use its API."),
    );
  }
}

/**
 * The preload's one object: `call` refuses any name outside API_METHODS before it
 * reaches IPC, and `subscribe` hands out the events the main process forwards.
 * Frozen, so a page cannot swap its functions.
 */
export function createBridge(ipcRenderer: IpcRendererLike): SiglumBridge {
  const listeners = new Set<(event: SiglumEvent) => void>();
  ipcRenderer.on(EVENT_CHANNEL, (_event, payload) => {
    if (typeof payload !== 'object' || payload === null) return;
    for (const listener of [...listeners]) listener(payload as SiglumEvent);
  });
  return Object.freeze({
    call(method: ApiMethod, args: unknown): Promise<WireReply> {
      if (!isApiMethod(method))
        return Promise.resolve(refusal(`There is no API method called ${JSON.stringify(method)}.`));
      return ipcRenderer.invoke(channelOf(method), args) as Promise<WireReply>;
    },
    subscribe(listener: (event: SiglumEvent) => void): () => void {
      if (typeof listener !== 'function') throw new TypeError('subscribe takes a function.');
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  });
}
