/**
 * Where Siglum keeps things per user. The desktop app sets Electron's `userData` path
 * to `userDataDir()` (electron/main.ts), so the app, the command line and `siglum serve`
 * open the same default project without asking Electron.
 */
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

export const APP_NAME = 'Siglum';
/** The file name of the per-user default project inside `userDataDir()`. */
export const DEFAULT_PROJECT_FILE = 'Siglum.siglum';

/**
 * The per-user data folder, as Electron's `app.getPath('userData')` computes it for an
 * app named Siglum: %APPDATA%\Siglum on Windows, ~/Library/Application Support/Siglum
 * on macOS, $XDG_CONFIG_HOME/Siglum (default ~/.config/Siglum) elsewhere.
 */
export function userDataDir(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
  home: string = homedir(),
): string {
  if (platform === 'win32') return join(env['APPDATA'] || join(home, 'AppData', 'Roaming'), APP_NAME);
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', APP_NAME);
  return join(env['XDG_CONFIG_HOME'] || join(home, '.config'), APP_NAME);
}

/** The per-user default project: created, with the sample despatch, on first run. */
export function defaultProjectPath(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
  home: string = homedir(),
): string {
  return join(userDataDir(platform, env, home), DEFAULT_PROJECT_FILE);
}

export interface ProjectChoice {
  /** Absolute path of the project file. */
  path: string;
  /** True for the per-user default project (the only one seeded on creation). */
  isDefault: boolean;
}

/** The project to open: `--project`, else $SIGLUM_PROJECT, else the per-user default. */
export function chooseProject(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): ProjectChoice {
  const given = flag || env['SIGLUM_PROJECT'];
  if (given) return { path: resolve(given), isDefault: false };
  return { path: defaultProjectPath(process.platform, env), isDefault: true };
}
