/**
 * What the hosts promise about security, declared once and imported by the Electron
 * main process and by `siglum serve`. Nothing here imports Electron at run time, so
 * tests/integration/hosts can assert on these very objects.
 */
import type { BrowserWindowConstructorOptions } from 'electron';

/** The scheme the desktop app serves the built renderer from (instead of file://). */
export const APP_SCHEME = 'app';
/** The renderer's origin in the desktop app. */
export const APP_ORIGIN = `${APP_SCHEME}://siglum`;

/**
 * The Content-Security-Policy sent as a response header with every page and asset:
 * no inline scripts or handlers, no remote images or connections, no framing.
 * `frame-ancestors` only works as a header, which is why this is not a meta tag.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Headers sent with every response from either host. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'X-Frame-Options': 'DENY',
});

/**
 * The BrowserWindow's settings. The renderer gets no Node, runs sandboxed in its own
 * JavaScript world, and reaches the Node side only through the preload's object.
 */
export function windowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 860,
    minWidth: 720,
    minHeight: 480,
    title: 'Siglum',
    show: false,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: true,
    },
  };
}

/** Whether `url` is a page of the app itself (app://siglum/...), the only place IPC may come from. */
export function isAppUrl(url: string | undefined | null): boolean {
  if (!url) return false;
  try {
    const u = new URL(url);
    return u.protocol === `${APP_SCHEME}:` && u.host === 'siglum';
  } catch {
    return false;
  }
}

/**
 * The sites a link in the app may open in the user's browser (`shell.openExternal`):
 * the authority files the register links to. Anything else (another site, http, a
 * `file:` or custom-scheme URL, which could start a program) is refused.
 */
export const EXTERNAL_HOSTS: readonly string[] = ['viaf.org', 'www.wikidata.org', 'www.geonames.org', 'id.loc.gov'];

/** True when `url` is an https address on one of EXTERNAL_HOSTS, with no user name, password or port. */
export function isAllowedExternalUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return (
    parsed.protocol === 'https:' &&
    parsed.username === '' &&
    parsed.password === '' &&
    parsed.port === '' &&
    EXTERNAL_HOSTS.includes(parsed.hostname)
  );
}
