/**
 * The workspace: the service of whichever project is open, and the projects around it.
 * The browser host and the desktop app's service process hold one; it answers every
 * API method by passing it to the open project's service, except those about projects
 * (listProjects, openProject, restoreBackup), which it answers itself by opening
 * another file and sending `project-changed`. With no project open (`siglum serve`
 * without --project) only those work, and the window shows the chooser.
 */
import { existsSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { API_METHODS, type ApiMethod, type ProjectInfo, type SiglumEvent } from '../../edition/api.ts';
import type { ProjectList } from '../../edition/history/api.ts';
import { SiglumError } from '../../edition/errors.ts';
import { checkedArgs } from '../host/dispatch.ts';
import { replaceProjectFile } from './backups.ts';
import { openService, type ServiceOptions, type SiglumService } from './index.ts';
import { readRecent, rememberRecent } from './recent.ts';
import { verifyBackup } from '../../db/backup.ts';

export interface WorkspaceOptions {
  /** The user's config folder, where the recent projects are listed. */
  configDir: string;
  /** The per-user default project (seeded when the chooser creates it). */
  defaultPath: string;
  /** Passed to every project's service (parsers, renderers, snapshot and backup policies). */
  service?: Omit<ServiceOptions, 'create' | 'seed'>;
  /**
   * The only folder an open project's exports may be written into, given its path
   * (`siglum serve`: the folder named by --exports, else exports/ beside the project).
   */
  exportFolderOf?: (projectPath: string) => string;
}

export interface Workspace extends SiglumService {
  /** The open project's path, or null. */
  currentPath(): string | null;
  /** Opens `path` (with `create`, makes it) in place of the open project. */
  open(path: string, create: boolean): Promise<ProjectInfo>;
}

const OWN = new Set<ApiMethod>(['listProjects', 'openProject', 'restoreBackup']);

function noProject(): SiglumError {
  return new SiglumError('not-found', 'No project is open. Choose a project, or create a new one.');
}

export function openWorkspace(options: WorkspaceOptions): Workspace {
  let current: { service: SiglumService; path: string; unsubscribe: () => void } | null = null;
  const listeners = new Set<(event: SiglumEvent) => void>();
  let closed = false;

  function emit(event: SiglumEvent): void {
    for (const listener of [...listeners]) {
      try {
        listener(event);
      } catch (e) {
        console.error('Siglum: an event listener failed:', e);
      }
    }
  }

  async function open(path: string, create: boolean): Promise<ProjectInfo> {
    if (closed) throw new SiglumError('internal', 'Siglum is shutting down.');
    const target = resolve(path);
    const isDefault = target === resolve(options.defaultPath);
    // Opened before the old one closes: a project that cannot be opened leaves the old one open.
    const service = openService(target, {
      ...options.service,
      ...(options.exportFolderOf === undefined ? {} : { exportFolders: [options.exportFolderOf(target)] }),
      create: create || isDefault,
      seed: isDefault,
    });
    let info: ProjectInfo;
    try {
      info = await service.projectInfo({});
    } catch (e) {
      service.close();
      throw e;
    }
    const previous = current;
    current = { service, path: target, unsubscribe: service.subscribe(emit) };
    if (previous !== null) {
      previous.unsubscribe();
      previous.service.close();
    }
    rememberRecent(options.configDir, { path: target, title: info.title, openedAt: new Date().toISOString() });
    emit({ type: 'project-changed', path: target });
    return info;
  }

  const own = {
    listProjects: async (): Promise<ProjectList> => {
      const recent = readRecent(options.configDir).map((e) => ({
        ...e,
        exists: existsSync(e.path),
        isDefault: resolve(e.path) === resolve(options.defaultPath),
      }));
      return {
        current: current === null ? null : await current.service.projectInfo({}),
        recent,
        defaultPath: options.defaultPath,
        canSwitch: true,
      };
    },

    openProject: async (args: unknown): Promise<ProjectInfo> => {
      const { path: given, create } = checkedArgs('openProject', args);
      let path = resolve(given.trim());
      if (create) {
        if (extname(path) === '') path += '.siglum';
        if (existsSync(path)) {
          throw new SiglumError(
            'bad-input',
            `${path} already exists. Open it, or choose another name for the new project.`,
          );
        }
      } else if (!existsSync(path) && path !== resolve(options.defaultPath)) {
        throw new SiglumError('not-found', `There is no project at ${path}. Check the path, or create a new project.`);
      }
      return open(path, create === true);
    },

    restoreBackup: async (args: unknown) => {
      const backup = resolve(checkedArgs('restoreBackup', args).path);
      if (current === null) throw noProject();
      if (!existsSync(backup))
        throw new SiglumError('not-found', `There is no backup at ${backup}. Pick one from the list.`);
      verifyBackup(backup);
      const { service, path } = current;
      const safety = await service.takeBackup('before-restore');
      current.unsubscribe();
      current = null;
      service.close();
      try {
        replaceProjectFile(backup, path);
      } finally {
        // Reopened whatever happened: the restored file, or the untouched one.
        await open(path, false);
      }
      return { restored: path, safety };
    },
  };

  const workspace = {
    currentPath: () => current?.path ?? null,
    open,
    subscribe(listener: (event: SiglumEvent) => void) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    takeBackup(reason: string) {
      if (current === null) return Promise.reject(noProject());
      return current.service.takeBackup(reason);
    },
    close() {
      closed = true;
      listeners.clear();
      if (current !== null) {
        current.unsubscribe();
        current.service.close();
        current = null;
      }
    },
  } as Record<string, unknown>;
  for (const method of API_METHODS) {
    if (OWN.has(method)) workspace[method] = own[method as keyof typeof own];
    else {
      workspace[method] = (args: unknown) => {
        if (current === null) return Promise.reject(noProject());
        const fn = current.service[method] as (a: unknown) => Promise<unknown>;
        return fn.call(current.service, args);
      };
    }
  }
  return workspace as unknown as Workspace;
}
