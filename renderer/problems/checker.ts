/**
 * The document checked against its schema while it is edited: after each pause
 * (`delayMs` after the last change), the editor's current document goes to
 * `validateDocument` on the Node side; one check runs at a time, and a change made
 * meanwhile is checked when it returns. An answer about a document that has changed
 * since is still shown (it is the best there is) until the next one arrives.
 */
import type { Node as PMNode } from 'prosemirror-model';
import type { DocumentValidation, SiglumClient } from '../../edition/api.ts';

export type CheckState =
  | { kind: 'idle' }
  | { kind: 'checking'; last: DocumentValidation | null }
  | { kind: 'done'; result: DocumentValidation }
  | { kind: 'failed'; error: unknown };

export interface Checker {
  /** The document changed (or was opened): check it after the pause. */
  changed(documentId: string, doc: PMNode): void;
  dispose(): void;
}

export function createChecker(
  client: Pick<SiglumClient, 'validateDocument'>,
  onState: (state: CheckState) => void,
  delayMs = 800,
): Checker {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let running = false;
  let wanted: { documentId: string; doc: PMNode } | null = null;
  let checked: PMNode | null = null;
  let last: DocumentValidation | null = null;
  let disposed = false;

  const run = async (): Promise<void> => {
    timer = null;
    if (running || wanted === null || disposed) return;
    const { documentId, doc } = wanted;
    if (doc === checked) return;
    running = true;
    onState({ kind: 'checking', last });
    try {
      const result = await client.validateDocument({ documentId, doc: doc.toJSON() as never });
      checked = doc;
      last = result;
      if (!disposed && wanted?.documentId === documentId) onState({ kind: 'done', result });
    } catch (error) {
      checked = doc;
      if (!disposed) onState({ kind: 'failed', error });
    } finally {
      running = false;
    }
    // Changed while it ran: check again.
    if (!disposed && wanted !== null && wanted.doc !== checked) void run();
  };

  return {
    changed(documentId, doc) {
      if (wanted?.documentId !== documentId) {
        last = null;
        checked = null;
      }
      wanted = { documentId, doc };
      if (timer !== null) clearTimeout(timer);
      timer = setTimeout(() => void run(), delayMs);
    },
    dispose() {
      disposed = true;
      if (timer !== null) clearTimeout(timer);
    },
  };
}
