/**
 * The desktop app's File menu: New Project, Open, Open Recent, Save a Copy, with the
 * native dialogs. Each item is one call to the service's workspace (openProject,
 * saveProjectCopy, listProjects), so the window learns of the change by the same
 * `project-changed` event as under `siglum serve`. The window's title shows the
 * project's title and path. Type-checked here; Electron does not run on the test machines.
 */
import { app, BrowserWindow, dialog, Menu, type MenuItemConstructorOptions } from 'electron';
import type { ApiMethod, ProjectInfo } from '../edition/api.ts';
import type { WireReply } from '../edition/protocol.ts';
import type { ProjectList } from '../edition/history/api.ts';

type Call = (method: ApiMethod, args: unknown) => Promise<WireReply>;

const FILTERS = [{ name: 'Siglum projects', extensions: ['siglum'] }];

async function value<T>(reply: Promise<WireReply>): Promise<T> {
  const r = await reply;
  if (!r.ok) throw new Error(r.error.message);
  return r.value as T;
}

function report(e: unknown): void {
  dialog.showErrorBox('Siglum', e instanceof Error ? e.message : String(e));
}

/** Builds the menu (again) from the open project and the recent ones; sets window titles. */
export async function refreshProjectMenu(call: Call): Promise<void> {
  let list: ProjectList | null = null;
  try {
    list = await value<ProjectList>(call('listProjects', {}));
  } catch (e) {
    console.error('Siglum: could not list projects:', e);
  }
  const current: ProjectInfo | null = list?.current ?? null;
  for (const win of BrowserWindow.getAllWindows()) {
    win.setTitle(current ? `${current.title} — ${current.path}` : 'Siglum');
  }
  const focused = () => BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0];
  const open = (path: string, create: boolean) =>
    value(call('openProject', { path, create })).then(
      () => refreshProjectMenu(call),
      (e: unknown) => report(e),
    );

  const file: MenuItemConstructorOptions = {
    label: 'File',
    submenu: [
      {
        label: 'New Project…',
        accelerator: 'CmdOrCtrl+Shift+N',
        click: async () => {
          const win = focused();
          const r = win
            ? await dialog.showSaveDialog(win, { title: 'New project', filters: FILTERS })
            : await dialog.showSaveDialog({ title: 'New project', filters: FILTERS });
          if (!r.canceled && r.filePath) await open(r.filePath, true);
        },
      },
      {
        label: 'Open…',
        accelerator: 'CmdOrCtrl+O',
        click: async () => {
          const options = { title: 'Open project', filters: FILTERS, properties: ['openFile' as const] };
          const win = focused();
          const r = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
          const path = r.filePaths[0];
          if (!r.canceled && path) await open(path, false);
        },
      },
      {
        label: 'Open Recent',
        submenu: (list?.recent ?? [])
          .filter((p) => p.path !== current?.path)
          .map((p) => ({ label: `${p.title} — ${p.path}`, enabled: p.exists, click: () => void open(p.path, false) })),
      },
      {
        label: 'Save a Copy…',
        enabled: current !== null,
        click: async () => {
          const win = focused();
          const options = { title: 'Save a copy of the project', filters: FILTERS };
          const r = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
          if (r.canceled || !r.filePath) return;
          await value(call('saveProjectCopy', { path: r.filePath })).catch(report);
        },
      },
      { type: 'separator' },
      process.platform === 'darwin' ? { role: 'close' } : { role: 'quit' },
    ],
  };
  const template: MenuItemConstructorOptions[] = [
    ...(process.platform === 'darwin' ? [{ label: app.name, submenu: [{ role: 'quit' as const }] }] : []),
    file,
    { role: 'editMenu' },
    { role: 'viewMenu' },
    { role: 'windowMenu' },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
