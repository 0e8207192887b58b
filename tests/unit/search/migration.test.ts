/**
 * The search migration on a project made before it: titles, metadata and register
 * names are searchable at once (the migration fills them in), and what the triggers
 * keep afterwards follows renames and deletions.
 */
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../db/migrate.ts';
import { MIGRATIONS } from '../../../db/migrations/index.ts';
import { parseQuery } from '../../../edition/search/query.ts';

const search = MIGRATIONS.findIndex((m) => m.name === 'search');

function found(db: Database.Database, query: string): Array<{ field: string; text: string }> {
  return db
    .prepare(
      `SELECT s.field, s.text FROM search_fts f JOIN search_segments s ON s.id = f.rowid
        WHERE search_fts MATCH ? ORDER BY f.rowid`,
    )
    .all(`{text} : (${parseQuery(query)!.fts})`) as Array<{ field: string; text: string }>;
}

describe('the search migration', () => {
  it('indexes the titles, metadata and register names a project already has, and keeps them', () => {
    const db = new Database(':memory:');
    migrate(db, MIGRATIONS.slice(0, search));
    const now = '2026-01-01T00:00:00Z';
    db.prepare(
      `INSERT INTO documents (id, position, kind, title, meta, created_at, updated_at) VALUES (?, 0, 'document', ?, ?, ?, ?)`,
    ).run(
      4,
      'The Minister in Uruguay to the Secretary of State',
      JSON.stringify({ title: 'x', date: '1934-03-01', source: '710.G/117', extra: { place: 'Montevidéo' } }),
      now,
      now,
    );
    db.prepare(
      `INSERT INTO entities (id, type, name, alt_names, created_at, updated_at) VALUES (9, 'person', 'Cordell Hull', ?, ?, ?)`,
    ).run(JSON.stringify(['Secretary Hull']), now, now);
    migrate(db);

    expect(found(db, 'uruguay')).toEqual([
      { field: 'title', text: 'The Minister in Uruguay to the Secretary of State' },
    ]);
    expect(found(db, 'montevideo').map((r) => r.field)).toEqual(['meta']);
    expect(found(db, '710.G/117').map((r) => r.field)).toEqual(['meta']);
    expect(found(db, '"secretary hull"')).toEqual([{ field: 'names', text: 'Cordell Hull Secretary Hull' }]);

    db.prepare(`UPDATE documents SET title = 'Despatch 117' WHERE id = 4`).run();
    db.prepare(`UPDATE entities SET name = 'C. Hull' WHERE id = 9`).run();
    expect(found(db, 'uruguay')).toEqual([]);
    expect(found(db, 'despatch').map((r) => r.field)).toEqual(['title']);
    expect(found(db, 'cordell')).toEqual([]);
    db.prepare('DELETE FROM documents WHERE id = 4').run();
    db.prepare('DELETE FROM entities WHERE id = 9').run();
    expect(db.prepare('SELECT count(*) FROM search_segments').pluck().get()).toBe(0);
    expect(found(db, 'hull')).toEqual([]);
    db.close();
  });
});
