/**
 * The store: one open project file and the one door every write goes through.
 *
 * `write` runs a function in an IMMEDIATE transaction (it takes the write lock up
 * front, so two writers queue instead of failing halfway) and, once the transaction
 * has committed, tells every listener what changed. Table modules take a `Tx` for
 * their writes, so a write outside `write` does not type-check.
 */
import type Database from 'better-sqlite3';
import { openProjectDatabase, type OpenOptions } from './connection.ts';
import { storeError } from './errors.ts';

/** What a committed transaction changed. */
export type StoreChange =
  | { table: 'project' }
  | { table: 'collections' }
  | { table: 'documents'; documentId: number }
  | { table: 'steps'; documentId: number; version: number }
  | { table: 'snapshots'; documentId: number; version: number }
  | { table: 'entities' }
  | { table: 'rejections' }
  | { table: 'witnesses'; documentId: number };

/** A write in progress: the connection, the time of the write and where to note changes. */
export interface Tx {
  readonly db: Database.Database;
  /** One ISO timestamp for everything the transaction writes. */
  readonly now: string;
  changed(change: StoreChange): void;
}

export type ChangeListener = (changes: readonly StoreChange[]) => void;

export class Store {
  private readonly listeners = new Set<ChangeListener>();
  private current: Tx | null = null;
  /** While positive, this connection wants the write lock (see `writeGate`). */
  private gate: Int32Array | null = null;

  private constructor(
    readonly db: Database.Database,
    readonly path: string,
    /** True when this open created the file (or filled an empty one). */
    readonly created: boolean,
  ) {}

  /** Opens the project file; see openProjectDatabase for what is refused and how. */
  static open(path: string, options: OpenOptions = {}): Store {
    const { db, created } = openProjectDatabase(path, options);
    return new Store(db, path, created);
  }

  /**
   * SQLite's `data_version`: it moves only when another connection (the command line,
   * a second window) commits, so comparing it tells cheaply whether to look again.
   */
  dataVersion(): number {
    return this.db.pragma('data_version', { simple: true }) as number;
  }

  /** The schema version the file is at (`user_version`, the last migration applied). */
  schemaVersion(): number {
    return this.db.pragma('user_version', { simple: true }) as number;
  }

  /**
   * Runs `fn` in one transaction and, after it commits, emits the changes it noted.
   * A nested call joins the outer transaction. If `fn` throws, nothing is written and
   * nothing is emitted; disk and lock failures become SiglumErrors with a sentence.
   */
  write<T>(fn: (tx: Tx) => T): T {
    if (this.current !== null) return fn(this.current);
    const changes: StoreChange[] = [];
    const tx: Tx = { db: this.db, now: new Date().toISOString(), changed: (c) => void changes.push(c) };
    this.current = tx;
    let result: T;
    if (this.gate !== null) Atomics.add(this.gate, 0, 1);
    try {
      result = this.db.transaction(() => fn(tx)).immediate();
    } catch (e) {
      throw storeError(e, this.path);
    } finally {
      this.current = null;
      if (this.gate !== null) {
        Atomics.sub(this.gate, 0, 1);
        Atomics.notify(this.gate, 0);
      }
    }
    if (changes.length > 0) this.emit(changes);
    return result;
  }

  /**
   * Runs `fn` in one read transaction (see `inOneRead`), so that everything it reads
   * belongs to one committed state even while another process writes to the file.
   */
  read<T>(fn: () => T): T {
    try {
      return inOneRead(this.db, fn);
    } catch (e) {
      throw storeError(e, this.path);
    }
  }

  /**
   * A counter this connection raises while it writes, for a background writer on
   * another thread (the search indexer) to wait on before each of its transactions
   * (`waitForWriters`): SQLite's busy handler polls, so a writer that commits and
   * begins again at once would keep this one waiting, and the thread that answers
   * edits would stall in its busy wait.
   */
  writeGate(): SharedArrayBuffer {
    this.gate ??= new Int32Array(new SharedArrayBuffer(4));
    return this.gate.buffer as SharedArrayBuffer;
  }

  /** True inside `read` (not inside `write`): a write now could not take the lock safely. */
  get reading(): boolean {
    return this.current === null && this.db.inTransaction;
  }

  /** Listens to committed changes; returns the function that stops listening. */
  onChange(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  close(): void {
    this.listeners.clear();
    if (this.db.open) this.db.close();
  }

  private emit(changes: readonly StoreChange[]): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(changes);
      } catch (e) {
        // A failing listener must not undo a committed write nor starve the others.
        console.error('Siglum: a store change listener failed:', e);
      }
    }
  }
}

/**
 * A prepared statement, prepared once per connection. The hot paths (pushing steps)
 * run the same few statements thousands of times.
 */
const statements = new WeakMap<Database.Database, Map<string, Database.Statement>>();
export function stmt(db: Database.Database, sql: string): Database.Statement {
  let cache = statements.get(db);
  if (cache === undefined) statements.set(db, (cache = new Map()));
  let s = cache.get(sql);
  if (s === undefined) cache.set(sql, (s = db.prepare(sql)));
  return s;
}

/**
 * Runs `fn` in one deferred (read) transaction. In WAL mode its first query fixes the
 * snapshot every later query sees, so rows read one after another (a document's
 * version, its snapshot and its steps) belong together even when another process
 * commits in between. Inside another transaction `fn` simply joins it.
 */
export function inOneRead<T>(db: Database.Database, fn: () => T): T {
  if (db.inTransaction) return fn();
  return db.transaction(fn).deferred();
}

/**
 * Blocks this (background) thread while the connection that owns `gate` (Store.writeGate)
 * is writing or waiting to write, so that its transaction goes first.
 */
export function waitForWriters(gate: SharedArrayBuffer): void {
  const counter = new Int32Array(gate);
  for (let n = Atomics.load(counter, 0); n > 0; n = Atomics.load(counter, 0)) Atomics.wait(counter, 0, n, 100);
}
