/**
 * The preload: runs sandboxed, before the page, in its own JavaScript world. It exposes
 * exactly one frozen object, `window.siglum` (a SiglumBridge, see host/ipc.ts), whose
 * `call` refuses any name outside API_METHODS. Bundled to dist/electron/preload.cjs.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { createBridge } from './host/ipc.ts';

contextBridge.exposeInMainWorld('siglum', createBridge(ipcRenderer));
