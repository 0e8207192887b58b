/**
 * The Electron main process, kept thin: it serves the built renderer on app://siglum,
 * opens the window with the settings in host/policy.ts, starts the service in a
 * utility process (host/service-process.ts) and relays IPC to it (host/ipc.ts).
 * Bundled to dist/electron/main.cjs by electron/build.mjs.
 */
import { app, BrowserWindow, dialog, ipcMain, protocol, session, shell, utilityProcess } from 'electron';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EVENT_CHANNEL } from '../edition/protocol.ts';
import { toErrorPayload } from '../edition/errors.ts';
import { withChosenPath } from './host/export-dialog.ts';
import { registerIpc } from './host/ipc.ts';
import {
  APP_ORIGIN,
  APP_SCHEME,
  isAllowedExternalUrl,
  isAppUrl,
  SECURITY_HEADERS,
  windowOptions,
} from './host/policy.ts';
import { connectPort, SHUTDOWN, type PortLink } from './host/port.ts';
import { readAsset } from './host/static.ts';
import { renderPagesInWindow, renderPdfInWindow } from './pdf/electron.ts';
import { servePageJobs, servePdfJobs } from './pdf/port.ts';
import { refreshProjectMenu } from './menu.ts';
import { APP_NAME, chooseProject, userDataDir } from './paths.ts';

// Before `ready`: the scheme must be standard and secure to get an origin, fetch and CSP.
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);
app.setName(APP_NAME);
// The command line and `siglum serve` compute the same folder (paths.ts) without Electron.
app.setPath('userData', userDataDir());
app.enableSandbox();

const root = app.getAppPath();
const rendererDir = join(root, 'dist', 'renderer');
const preloadPath = join(root, 'dist', 'electron', 'preload.cjs');
const serviceScript = join(root, 'dist', 'electron', 'service.cjs');
/** better-sqlite3 built for Electron's ABI (build.mjs); npm's build is Node's, for tests. */
const sqliteBinding = app.isPackaged
  ? join(process.resourcesPath, 'native', 'better_sqlite3.node')
  : join(root, 'dist', 'native', 'better_sqlite3.node');

function fail(message: string): never {
  dialog.showErrorBox('Siglum cannot start', message);
  app.exit(1);
  throw new Error(message);
}

function startService(): PortLink {
  if (!existsSync(sqliteBinding)) {
    fail(
      `SQLite for Electron is missing (${sqliteBinding}). Run \`npm run build:electron\` with network access, then start Siglum again.`,
    );
  }
  const project = chooseProject(undefined);
  const child = utilityProcess.fork(serviceScript, [project.path, project.isDefault ? 'seed' : 'open'], {
    serviceName: 'Siglum service',
    env: { ...process.env, SIGLUM_SQLITE_BINDING: sqliteBinding },
  });
  const childPort = {
    postMessage: (m: unknown) => child.postMessage(m),
    onMessage: (listener: (m: unknown) => void) => child.on('message', listener),
  };
  const link = connectPort(childPort, (error) => fail(error.message));
  // PDF exports: the service sends the edition, this process prints it in a hidden
  // window with the paginator build.mjs bundled (pdf/port.ts, pdf/electron.ts).
  let paginatorScript: string | undefined;
  servePdfJobs(childPort, (edition, outPath, onProgress) => {
    paginatorScript ??= readFileSync(join(root, 'dist', 'electron', 'paginator.js'), 'utf8');
    return renderPdfInWindow(edition, outPath, onProgress, { resourcesDir: join(root, 'resources'), paginatorScript });
  });
  // The export dialog's preview: pages of the same layout captured as images.
  servePageJobs(childPort, (edition, range, onProgress, onImage) => {
    paginatorScript ??= readFileSync(join(root, 'dist', 'electron', 'paginator.js'), 'utf8');
    return renderPagesInWindow(edition, range, onProgress, onImage, {
      resourcesDir: join(root, 'resources'),
      paginatorScript,
    });
  });
  let exited = false;
  child.on('exit', (code) => {
    exited = true;
    link.fail({
      name: 'SiglumError',
      code: 'internal',
      message: `Siglum's service stopped (exit code ${code}). Restart Siglum.`,
    });
  });
  // Quitting waits (at most 3 s) for the service to close the project in order.
  let quitting = false;
  app.on('before-quit', (event) => {
    if (exited || quitting) return;
    quitting = true;
    event.preventDefault();
    const done = () => app.quit();
    child.once('exit', done);
    setTimeout(done, 3000);
    child.postMessage(SHUTDOWN);
  });
  return link;
}

function createWindow(): void {
  const win = new BrowserWindow(windowOptions(preloadPath));
  win.once('ready-to-show', () => win.show());
  // The editor cancels unload while steps are unconfirmed; Electron shows no dialog of
  // its own for that, so ask. preventDefault here means "leave anyway".
  win.webContents.on('will-prevent-unload', (event) => {
    const choice = dialog.showMessageBoxSync(win, {
      type: 'question',
      buttons: ['Leave', 'Stay'],
      defaultId: 1,
      cancelId: 1,
      title: 'Unsaved edits',
      message: 'Some edits have not been saved yet.',
      detail: 'Siglum is still writing your last edits to the project. If you leave now, they may be lost.',
    });
    if (choice === 0) event.preventDefault();
  });
  void win.loadURL(`${APP_ORIGIN}/`);
}

// Every web contents, including any the app did not mean to create: no new windows, no
// navigation away from the app, no webviews. Links to the web open in the browser.
app.on('web-contents-created', (_event, contents) => {
  contents.setWindowOpenHandler(({ url }) => {
    // Only the authority sites the register links to (policy.ts); nothing else leaves the app.
    if (isAllowedExternalUrl(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

void app.whenReady().then(() => {
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, grant) => grant(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    const asset = url.host === 'siglum' && request.method === 'GET' ? await readAsset(rendererDir, url.pathname) : null;
    if (!asset) return new Response('Not found', { status: 404, headers: SECURITY_HEADERS });
    return new Response(new Uint8Array(asset.body), {
      headers: { ...SECURITY_HEADERS, 'Content-Type': asset.contentType, 'Cache-Control': 'no-cache' },
    });
  });

  const service = startService();
  // An edition export writes where the user chooses in the save dialog, not where the page says.
  const askSavePath = async ({ format, suggested }: { format: string; suggested: string }) => {
    const filters =
      format === 'pdf'
        ? [{ name: 'PDF', extensions: ['pdf'] }]
        : format === 'latex'
          ? [{ name: 'LaTeX', extensions: ['tex'] }]
          : [];
    const win = BrowserWindow.getFocusedWindow();
    const options = { defaultPath: suggested, filters, properties: ['createDirectory' as const] };
    const chosen = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
    return chosen.canceled || chosen.filePath === undefined ? null : chosen.filePath;
  };
  registerIpc(ipcMain, (method, args) =>
    method === 'exportEdition'
      ? withChosenPath(args, askSavePath).then(
          (chosen) => service.call(method, chosen),
          (e: unknown) => ({ ok: false as const, error: toErrorPayload(e) }),
        )
      : service.call(method, args),
  );
  service.subscribe((event) => {
    for (const win of BrowserWindow.getAllWindows()) {
      if (isAppUrl(win.webContents.getURL())) win.webContents.send(EVENT_CHANNEL, event);
    }
    if (event.type === 'project-changed') void refreshProjectMenu(service.call);
  });

  createWindow();
  void refreshProjectMenu(service.call);
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
});
