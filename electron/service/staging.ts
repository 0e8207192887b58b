/**
 * Files sent ahead of their import (`stageImportFile`), one call each: each is written
 * to a folder of the service's own in the system's temporary folder, under a random
 * token, and read from there when the import that names it needs it. A caller knows a
 * file only by its token: no path crosses the API. Files are removed once their import
 * is over (or waits no more for a choice), and all of them when the project closes.
 *
 * Some are never imported: the window stops sending a batch when one upload fails, and
 * a volume already in the project waits for a choice the user may never make. So a file
 * no import is reading goes once it has waited `maxIdleMs` (half an hour) untouched,
 * checked whenever a file is sent or an import starts: no timer keeps the process up.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SiglumError } from '../../edition/errors.ts';
import { headOfFile, type SourceFile } from './import-source.ts';

/** The most files waiting at once (an import's limit, edition/import-files.ts). */
const MAX_STAGED = 1000;
/** The most bytes waiting at once: a volume of a thousand large scans, not a full disk. */
const MAX_STAGED_BYTES = 16 * 1024 ** 3;

/** How long a staged file no import reads waits (from when it was sent or last read) before it goes. */
export const STAGED_IDLE_MS = 30 * 60 * 1000;

export interface StagingOptions {
  /** Milliseconds a file no import holds is kept untouched. */
  maxIdleMs?: number;
  /** The clock (milliseconds), for tests. */
  now?: () => number;
  /** The folder to make the staging folder in (the system's temporary folder). */
  parent?: string;
}

interface Staged {
  name: string;
  path: string;
  size: number;
  /** When it was sent, or last let go of by an import. */
  touched: number;
  /** How many imports in progress read it. */
  holds: number;
}

export class ImportStaging {
  private folder: string | null = null;
  private readonly files = new Map<string, Staged>();
  private bytes = 0;
  private readonly maxIdleMs: number;
  private readonly now: () => number;
  private readonly parent: string;

  constructor(options: StagingOptions = {}) {
    this.maxIdleMs = options.maxIdleMs ?? STAGED_IDLE_MS;
    this.now = options.now ?? Date.now;
    this.parent = options.parent ?? tmpdir();
  }

  /** Keeps one file; answers its token. */
  async stage(name: string, base64: string): Promise<string> {
    await this.sweep();
    if (this.files.size >= MAX_STAGED) {
      throw new SiglumError(
        'too-large',
        `At most ${MAX_STAGED} files may wait for an import. Import those sent, then send the rest.`,
      );
    }
    const content = Buffer.from(base64, 'base64');
    if (this.bytes + content.length > MAX_STAGED_BYTES) {
      throw new SiglumError(
        'too-large',
        `${name} would make the files waiting for an import more than ${MAX_STAGED_BYTES / 1024 ** 3} GB. Import those sent, then send the rest.`,
      );
    }
    this.folder ??= mkdtempSync(join(this.parent, 'siglum-staged-'));
    const token = randomUUID();
    const path = join(this.folder, token);
    this.bytes += content.length;
    try {
      await writeFile(path, content);
    } catch (e) {
      this.bytes -= content.length;
      await rm(path, { force: true });
      throw e;
    }
    this.files.set(token, { name, path, size: content.length, touched: this.now(), holds: 0 });
    return token;
  }

  /**
   * Marks the files of `tokens` as read by an import in progress, so that no sweep takes
   * them, and removes the files that have waited too long; answers the call that lets go.
   */
  async hold(tokens: readonly string[]): Promise<() => void> {
    const held = tokens.flatMap((t) => {
      const staged = this.files.get(t);
      return staged === undefined ? [] : [staged];
    });
    for (const staged of held) staged.holds++;
    await this.sweep();
    return () => {
      for (const staged of held) {
        staged.holds--;
        staged.touched = this.now();
      }
    };
  }

  /** Removes the files no import holds that have waited untouched longer than the bound. */
  private async sweep(): Promise<void> {
    const now = this.now();
    const stale = [...this.files].filter(([, f]) => f.holds === 0 && now - f.touched > this.maxIdleMs);
    await this.discard(stale.map(([token]) => token));
  }

  /** The staged file `token` as the import file `name`, read from disk when asked. */
  file(name: string, token: string): SourceFile {
    const staged = this.files.get(token);
    if (staged === undefined) {
      throw new SiglumError(
        'not-found',
        `${name} is no longer waiting for its import (it was imported, or the project was reopened). Choose the files again.`,
      );
    }
    const bytes = (): Promise<Buffer> => readFile(staged.path);
    return {
      name,
      size: staged.size,
      head: () => headOfFile(staged.path),
      bytes,
      file: async () => ({ name, base64: (await bytes()).toString('base64') }),
    };
  }

  /** Removes the files of `tokens` (unknown ones are ignored). */
  async discard(tokens: readonly string[]): Promise<void> {
    // Forgotten at once, before the first removal waits: no import can take one meanwhile.
    const gone: string[] = [];
    for (const token of tokens) {
      const staged = this.files.get(token);
      if (staged === undefined) continue;
      this.files.delete(token);
      this.bytes -= staged.size;
      gone.push(staged.path);
    }
    for (const path of gone) await rm(path, { force: true });
  }

  /** Removes every staged file and the folder. */
  close(): void {
    this.files.clear();
    this.bytes = 0;
    if (this.folder !== null) rmSync(this.folder, { recursive: true, force: true });
    this.folder = null;
  }
}
