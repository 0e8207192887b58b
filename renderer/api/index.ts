/**
 * The UI's one way to the Node side: `getClient()` gives the IPC client inside the
 * desktop app (where the preload put `window.siglum`) and the HTTP client in a browser
 * served by `siglum serve`. Both implement SiglumClient from edition/api.ts.
 */
import type { SiglumClient } from '../../edition/api.ts';
import { httpClient } from './http.ts';
import { ipcClient } from './ipc.ts';

export { createClient, unwrap } from './client.ts';
export { httpClient } from './http.ts';
export { ipcClient } from './ipc.ts';

let client: SiglumClient | null = null;

/** The client for this window, created on first use. */
export function getClient(): SiglumClient {
  client ??= window.siglum ? ipcClient(window.siglum) : httpClient();
  return client;
}
