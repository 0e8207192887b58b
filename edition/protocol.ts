/**
 * The transport of the API: how a method call crosses Electron IPC or HTTP (`siglum
 * serve`). The hosts (electron/host, electron/serve, the preload) and the renderer's API
 * client import it; no model module of edition/ does (a lint rule keeps it so), so the
 * model knows nothing of channels, routes or wire replies.
 */
import type { ApiMethod, SiglumEvent } from './api.ts';
import type { ErrorPayload } from './errors.ts';

/**
 * A method's outcome as it crosses IPC or HTTP: the value, or the error's payload
 * (name, code, message), which the client rethrows as a SiglumError.
 */
export type WireReply<T = unknown> = { ok: true; value: T } | { ok: false; error: ErrorPayload };

/**
 * What the Electron preload exposes to the renderer as `window.siglum`: one call
 * function that refuses names outside API_METHODS, and the event subscription.
 * renderer/api turns it into a SiglumClient.
 */
export interface SiglumBridge {
  call(method: ApiMethod, args: unknown): Promise<WireReply>;
  subscribe(listener: (event: SiglumEvent) => void): () => void;
}

/** The IPC channel (Electron) or route (HTTP) of a method. */
export function channelOf(method: ApiMethod): string {
  return `siglum:${method}`;
}

export const EVENT_CHANNEL = 'siglum:event';

/** Under `siglum serve`, every method is `POST <API_ROUTE_PREFIX><method>` with a JSON body. */
export const API_ROUTE_PREFIX = '/api/';
/** Under `siglum serve`, the events stream (Server-Sent Events). */
export const EVENTS_ROUTE = '/events';

/** The HTTP route of a method under `siglum serve`. */
export function routeOf(method: ApiMethod): string {
  return `${API_ROUTE_PREFIX}${method}`;
}
