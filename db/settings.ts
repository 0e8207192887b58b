/**
 * The `settings` table: project-wide settings by key, each a JSON value. The service
 * checks a value before it writes it and again when it reads it back, since the
 * column is JSON, not a type.
 */
import type Database from 'better-sqlite3';
import { stmt, type Tx } from './store.ts';

/** The parsed JSON stored under `key`, or undefined when there is none. */
export function getSetting(db: Database.Database, key: string): unknown {
  const row = stmt(db, 'SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
  return row === undefined ? undefined : (JSON.parse(row.value) as unknown);
}

/** Stores `value` (JSON-serialisable) under `key`, replacing what was there. */
export function putSetting(tx: Tx, key: string, value: unknown): void {
  stmt(
    tx.db,
    'INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at',
  ).run(key, JSON.stringify(value), tx.now);
}
