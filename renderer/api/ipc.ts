/**
 * The desktop transport: calls go through `window.siglum`, the one object the Electron
 * preload exposes (see electron/preload.ts), which forwards them over IPC.
 */
import type { SiglumClient } from '../../edition/api.ts';
import type { SiglumBridge } from '../../edition/protocol.ts';
import { createClient } from './client.ts';

declare global {
  interface Window {
    /** Present only inside the desktop app. */
    readonly siglum?: SiglumBridge;
  }
}

/** A client over the preload's bridge. */
export function ipcClient(bridge: SiglumBridge): SiglumClient {
  return createClient(
    (method, args) => bridge.call(method, args),
    (listener) => bridge.subscribe(listener),
  );
}
