/**
 * One document's conflicts after a pull, side by side: the editor's text and the
 * incoming text of each stretch both changed, with the choice of either, both, or text
 * of their own (the editor's to start with). Settle sends every choice at once.
 */
import { createSignal, For, Show, untrack } from 'solid-js';
import type { GitConflict } from '../../edition/git/api.ts';
import { blocksText, type ConflictChoice, type MergeChunk } from '../../edition/git/merge.ts';

type Conflicting = Extract<MergeChunk, { kind: 'conflict' }>;

/** How many characters of the text both sides share are shown around the difference. */
const CONTEXT = 80;

/** A side's text cut to the part that differs from the other side, with some context either side. */
function differing(text: string, other: string): { before: string; diff: string; after: string } {
  let start = 0;
  while (start < text.length && start < other.length && text[start] === other[start]) start++;
  let end = 0;
  while (
    end < text.length - start &&
    end < other.length - start &&
    text[text.length - 1 - end] === other[other.length - 1 - end]
  )
    end++;
  // Whole words: the difference starts and ends at word boundaries.
  while (start > 0 && /\S/.test(text[start - 1]!)) start--;
  while (end > 0 && /\S/.test(text[text.length - end]!) && /\S/.test(text[text.length - end - 1] ?? ' ')) end--;
  const before = text.slice(0, start);
  const after = text.slice(text.length - end);
  return {
    before: before.length > CONTEXT ? `…${before.slice(-CONTEXT)}` : before,
    diff: text.slice(start, text.length - end),
    after: after.length > CONTEXT ? `${after.slice(0, CONTEXT)}…` : after,
  };
}

function Side(props: { text: string; other: string }) {
  const part = () => differing(props.text, props.other);
  return (
    <p>
      {part().before}
      <mark>{part().diff}</mark>
      {part().after}
    </p>
  );
}
type Pick = 'ours' | 'theirs' | 'both' | 'edit';

export default function ConflictView(props: { conflict: GitConflict; onSettle: (choices: ConflictChoice[]) => void }) {
  const chunks = () => props.conflict.chunks.filter((c): c is Conflicting => c.kind === 'conflict');
  // A conflict's chunks do not change while it is shown: read once.
  const initial = untrack(chunks);
  const [picks, setPicks] = createSignal<Array<Pick | null>>(initial.map(() => null));
  const edits: string[] = initial.map((c) => blocksText(c.ours));
  const choose = (i: number, pick: Pick) => setPicks((p) => p.map((x, j) => (j === i ? pick : x)));
  const choices = (): ConflictChoice[] => picks().map((p, i) => (p === 'edit' ? { text: edits[i]! } : (p ?? 'ours')));
  return (
    <section class="conflict-view" aria-label={`Conflicts in ${props.conflict.title}`}>
      <h3 class="workspace-heading">
        Conflicts in “{props.conflict.title}” <span class="workspace-dim">{props.conflict.path}</span>
      </h3>
      <p class="workspace-dim">
        You and the remote changed the same words. Choose for each which text to keep, or write it yourself.
      </p>
      <For each={chunks()}>
        {(chunk, i) => (
          <div class="conflict-chunk">
            <div class="conflict-sides">
              <div class="conflict-side conflict-ours" classList={{ chosen: picks()[i()] === 'ours' }}>
                <h4>Yours</h4>
                <Side text={blocksText(chunk.ours) || '(removed)'} other={blocksText(chunk.theirs)} />
                <button type="button" class="button" onClick={() => choose(i(), 'ours')}>
                  Keep yours
                </button>
              </div>
              <div class="conflict-side conflict-theirs" classList={{ chosen: picks()[i()] === 'theirs' }}>
                <h4>Theirs</h4>
                <Side text={blocksText(chunk.theirs) || '(removed)'} other={blocksText(chunk.ours)} />
                <button type="button" class="button" onClick={() => choose(i(), 'theirs')}>
                  Take theirs
                </button>
              </div>
            </div>
            <div class="conflict-more">
              <button type="button" class="button" onClick={() => choose(i(), 'both')}>
                Keep both
              </button>
              <button type="button" class="button" onClick={() => choose(i(), 'edit')}>
                Edit…
              </button>
              <Show when={picks()[i()] !== null && picks()[i()] !== 'edit'}>
                <span class="workspace-dim">
                  {picks()[i()] === 'ours' ? 'Yours' : picks()[i()] === 'theirs' ? 'Theirs' : 'Both'} chosen.
                </span>
              </Show>
            </div>
            <Show when={picks()[i()] === 'edit'}>
              <textarea
                class="conflict-edit"
                aria-label="Text to keep"
                value={edits[i()]}
                onInput={(e) => (edits[i()] = e.currentTarget.value)}
              />
            </Show>
          </div>
        )}
      </For>
      <button
        type="button"
        class="button primary"
        disabled={picks().some((p) => p === null)}
        onClick={() => props.onSettle(choices())}
      >
        Settle
      </button>
    </section>
  );
}
