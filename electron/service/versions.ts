/**
 * Old versions of documents as the history rebuilds them, kept per open project.
 */
import type { Node } from 'prosemirror-model';
import { loadContentAt } from '../../db/content.ts';
import { documentVersion } from '../../db/documents.ts';
import type { Store } from '../../db/store.ts';
import type { CollabAuthority } from './authority.ts';

/**
 * Old versions of documents as they are rebuilt. Versions never change once written,
 * so the last few rebuilt are kept: choosing one version after another in the timeline
 * starts from the one before. Cleared when any document is deleted or restored (a row
 * id can come back as another document).
 */
export class VersionCache {
  private readonly rebuilt: Array<{ id: number; version: number; doc: Node }> = [];

  constructor(
    private readonly store: Store,
    private readonly authority: CollabAuthority,
  ) {
    store.onChange((changes) => {
      if (changes.some((c) => c.table === 'documents')) this.rebuilt.length = 0;
    });
  }

  /** Document `id` at `version`, replayed from `base` or a nearer version kept. */
  contentAt(id: number, version: number, base?: { doc: Node; version: number }): Node {
    if (version === documentVersion(this.store.db, id)) return this.authority.peek(id);
    const cached = this.rebuilt.find((r) => r.id === id && r.version === version);
    if (cached !== undefined) return cached.doc;
    const nearest = this.rebuilt
      .filter((r) => r.id === id && r.version < version)
      .reduce<{ doc: Node; version: number } | undefined>(
        (best, r) => (!best || r.version > best.version ? r : best),
        base,
      );
    const doc = loadContentAt(this.store.db, id, version, nearest);
    this.rebuilt.push({ id, version, doc });
    if (this.rebuilt.length > 8) this.rebuilt.shift();
    return doc;
  }
}
