/**
 * Files sent ahead of their import (`stageImportFile`), one call each: each is decoded
 * and hashed a chunk at a time on its way to a folder of the service's own in the
 * system's temporary folder, under a random token, and read from there (once) when the
 * import that names it needs it; the store takes the hash for it rather than hashing the
 * bytes again. A caller knows a file only by its token: no path crosses the API. Files are removed once their import
 * is over (or waits no more for a choice), and all of them when the project closes.
 *
 * Some are never imported: the window stops sending a batch when one upload fails, and
 * a volume already in the project waits for a choice the user may never make. So a file
 * no import is reading goes once it has waited `maxIdleMs` (half an hour) untouched,
 * checked whenever a file is sent or an import starts: no timer keeps the process up.
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { open, readFile, rm, type FileHandle } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SiglumError } from '../../edition/errors.ts';
import { headOfFile, type SourceFile } from './import-source.ts';

/** The most files waiting at once (an import's limit, edition/import-files.ts). */
const MAX_STAGED = 1000;
/** The most bytes waiting at once: a volume of a thousand large scans, not a full disk. */
const MAX_STAGED_BYTES = 16 * 1024 ** 3;

/** Base64 characters decoded at a time while a file is written: a multiple of four (three bytes). */
const CHUNK_CHARS = 1 << 20;

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
  /** The SHA-256 of its bytes, taken as they were written. */
  sha256: string;
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
    // The most it decodes to: what the decoder skips (line breaks) only makes it less.
    const bound = Buffer.byteLength(base64, 'base64');
    if (this.bytes + bound > MAX_STAGED_BYTES) {
      throw new SiglumError(
        'too-large',
        `${name} would make the files waiting for an import more than ${MAX_STAGED_BYTES / 1024 ** 3} GB. Import those sent, then send the rest.`,
      );
    }
    this.folder ??= mkdtempSync(join(this.parent, 'siglum-staged-'));
    const token = randomUUID();
    const path = join(this.folder, token);
    this.bytes += bound;
    let written: { size: number; sha256: string };
    try {
      written = await writeDecoded(path, base64);
    } catch (e) {
      this.bytes -= bound;
      await rm(path, { force: true });
      throw e;
    }
    this.bytes += written.size - bound;
    this.files.set(token, { name, path, ...written, touched: this.now(), holds: 0 });
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
      sha256: staged.sha256,
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

/**
 * Writes the bytes `base64` encodes to a new file at `path`, a chunk at a time, hashing
 * them on the way: the file is never whole in memory. Answers its size and SHA-256.
 */
async function writeDecoded(path: string, base64: string): Promise<{ size: number; sha256: string }> {
  const handle = await open(path, 'wx');
  try {
    const hash = createHash('sha256');
    const chunk = Buffer.allocUnsafe(Math.ceil(Math.min(CHUNK_CHARS, base64.length) / 4) * 3);
    let size = 0;
    for (let at = 0; at < base64.length; at += CHUNK_CHARS) {
      const n = chunk.write(base64.slice(at, at + CHUNK_CHARS), 'base64');
      if (at + CHUNK_CHARS < base64.length && n !== (CHUNK_CHARS / 4) * 3) {
        // Not plain base64 (a line break, a stray character, padding mid-way): chunks would
        // not meet at whole groups of four, so it is decoded whole, as Buffer.from reads it.
        const bytes = Buffer.from(base64, 'base64');
        await handle.truncate(0);
        await writeAll(handle, bytes, 0);
        return { size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') };
      }
      hash.update(chunk.subarray(0, n));
      await writeAll(handle, chunk.subarray(0, n), size);
      size += n;
    }
    return { size, sha256: hash.digest('hex') };
  } finally {
    await handle.close();
  }
}

/** Writes all of `bytes` at `position` (a write may take fewer bytes than it is given). */
async function writeAll(handle: FileHandle, bytes: Buffer, position: number): Promise<void> {
  for (let done = 0; done < bytes.length;) {
    const { bytesWritten } = await handle.write(bytes, done, bytes.length - done, position + done);
    done += bytesWritten;
  }
}
