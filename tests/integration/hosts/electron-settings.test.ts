/**
 * What the desktop app promises about its window and pages, checked on the very
 * objects electron/main.ts uses (Electron itself cannot run here), plus a look at
 * main.ts to make sure it uses them and nothing else.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, isAppUrl, SECURITY_HEADERS, windowOptions } from '../../../electron/host/policy.ts';
import { chooseProject, defaultProjectPath, userDataDir } from '../../../electron/paths.ts';

const root = resolve(import.meta.dirname, '../../..');
const mainSource = readFileSync(join(root, 'electron/main.ts'), 'utf8');
const preloadSource = readFileSync(join(root, 'electron/preload.ts'), 'utf8');

describe('the desktop window', () => {
  it('isolates the page: sandboxed, context-isolated, no Node, no webviews, with our preload', () => {
    const options = windowOptions('/app/dist/electron/preload.cjs');
    expect(options.webPreferences).toMatchObject({
      preload: '/app/dist/electron/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });

  it('is created, in main.ts, only with those options, and denies new windows, navigation and webviews', () => {
    const constructions = mainSource.match(/new BrowserWindow\([^)]*\)/g) ?? [];
    expect(constructions).toEqual(['new BrowserWindow(windowOptions(preloadPath)']);
    expect(mainSource).toMatch(/setWindowOpenHandler\([^]*?action: 'deny'/);
    expect(mainSource).toMatch(/'will-navigate',[^]*?isAppUrl\(url\)\) event\.preventDefault\(\)/);
    expect(mainSource).toMatch(/'will-attach-webview', \(event\) => event\.preventDefault\(\)/);
    expect(mainSource).toContain('app.enableSandbox()');
    expect(mainSource).toContain('registerIpc(ipcMain,');
    expect(mainSource).not.toMatch(/ipcMain\.(handle|on)\(/);
    expect(mainSource).not.toContain('file://');
  });

  it('has a preload that exposes the bridge and nothing else', () => {
    expect(preloadSource.match(/exposeInMainWorld\(/g)).toHaveLength(1);
    expect(preloadSource).toContain("exposeInMainWorld('siglum', createBridge(ipcRenderer))");
  });

  it('treats only app://siglum pages as the app', () => {
    expect(isAppUrl('app://siglum/')).toBe(true);
    expect(isAppUrl('app://siglum/documents/3?x=1')).toBe(true);
    for (const url of [
      'app://other/',
      'https://siglum/',
      'file:///app/index.html',
      'javascript:alert(1)',
      'app:siglum',
      '',
      null,
      undefined,
    ]) {
      expect(isAppUrl(url), String(url)).toBe(false);
    }
  });

  it('sends a CSP that allows only its own scripts, styles and connections and forbids framing', () => {
    const directives = Object.fromEntries(
      CONTENT_SECURITY_POLICY.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1).join(' ')]),
    );
    expect(directives).toMatchObject({
      'default-src': "'self'",
      'script-src': "'self'",
      'style-src': "'self'",
      'connect-src': "'self'",
      'object-src': "'none'",
      'base-uri': "'none'",
      'form-action': "'none'",
      'frame-ancestors': "'none'",
    });
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe');
    expect(SECURITY_HEADERS['Content-Security-Policy']).toBe(CONTENT_SECURITY_POLICY);
  });
});

describe('per-user paths', () => {
  it("match Electron's userData folder for an app named Siglum on each system", () => {
    expect(userDataDir('linux', {}, '/home/ada')).toBe('/home/ada/.config/Siglum');
    expect(userDataDir('linux', { XDG_CONFIG_HOME: '/cfg' }, '/home/ada')).toBe('/cfg/Siglum');
    expect(userDataDir('darwin', {}, '/Users/ada')).toBe('/Users/ada/Library/Application Support/Siglum');
    expect(userDataDir('win32', { APPDATA: 'C:\\Users\\ada\\AppData\\Roaming' }, 'C:\\Users\\ada')).toMatch(
      /Roaming[\\/]Siglum$/,
    );
    expect(defaultProjectPath('linux', {}, '/home/ada')).toBe('/home/ada/.config/Siglum/Siglum.siglum');
  });

  it('choose --project, then $SIGLUM_PROJECT, then the default project', () => {
    expect(chooseProject('/p/a.siglum', { SIGLUM_PROJECT: '/p/b.siglum' })).toEqual({
      path: '/p/a.siglum',
      isDefault: false,
    });
    expect(chooseProject(undefined, { SIGLUM_PROJECT: '/p/b.siglum' })).toEqual({
      path: '/p/b.siglum',
      isDefault: false,
    });
    expect(chooseProject(undefined, { HOME: '/home/ada', XDG_CONFIG_HOME: '/cfg' })).toEqual({
      path: '/cfg/Siglum/Siglum.siglum',
      isDefault: true,
    });
  });
});
