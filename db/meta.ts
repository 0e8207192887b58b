/** Document metadata as stored (JSON text) and as the API sees it (DocumentMeta). */
import type { DocumentMeta } from '../edition/api.ts';

/** Reads stored metadata, keeping only well-typed fields (the column is JSON, not a type). */
export function parseMeta(text: string): DocumentMeta {
  const raw: unknown = JSON.parse(text);
  const o = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
  const extra: Record<string, string> = {};
  if (typeof o['extra'] === 'object' && o['extra'] !== null) {
    for (const [k, v] of Object.entries(o['extra'] as Record<string, unknown>)) {
      if (typeof v === 'string') extra[k] = v;
    }
  }
  return { title: str(o['title']) ?? '', date: str(o['date']), source: str(o['source']), extra };
}

export function emptyMeta(title: string): DocumentMeta {
  return { title, date: null, source: null, extra: {} };
}
