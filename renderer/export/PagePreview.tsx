/**
 * The first pages of the edition as images, laid out exactly as the PDF is
 * (`previewPages`), in a scrollable column beside the export form, with a progress bar
 * while Chromium lays them out and draws them, then the same counts an export reports.
 * Images, not an embedded PDF viewer: the window's Content Security Policy allows
 * `data:` images and no objects or frames. Starts on mount; Refresh draws again
 * (after an edit, or a change of print settings).
 */
import { createSignal, For, onMount, Show } from 'solid-js';
import type { ExportTarget, PagePreview as Preview } from '../../edition/api.ts';
import { useStores } from '../stores/context.ts';
import { sentenceOf } from '../stores/notices.ts';
import { runPagePreview, summary, type ExportProgress } from './exportRun.ts';
import ProgressLine from './ProgressLine.tsx';

export default function PagePreview(props: { target: ExportTarget }) {
  const { client } = useStores();
  const [progress, setProgress] = createSignal<ExportProgress | null>(null);
  const [preview, setPreview] = createSignal<Preview | null>(null);
  const [failure, setFailure] = createSignal<string | null>(null);
  const running = () => progress() !== null;

  const draw = async () => {
    setFailure(null);
    setProgress({ done: 0, total: 1, phase: 'documents' });
    try {
      setPreview(await runPagePreview(client, props.target, setProgress));
    } catch (error) {
      setFailure(sentenceOf(error, 'The preview failed'));
    } finally {
      setProgress(null);
    }
  };
  onMount(() => void draw());

  const shown = () => {
    const p = preview();
    return p === null ? '' : `pages ${p.first}–${p.first + p.images.length - 1} of ${p.pages}`;
  };

  return (
    <section class="page-preview" aria-label="Page preview" aria-busy={running()}>
      <div class="page-preview-head">
        <span class="field-label">Preview</span>
        <Show when={preview()}>{(p) => <span class="hint">{p().images.length < p().pages ? shown() : ''}</span>}</Show>
        <button type="button" class="button" disabled={running()} onClick={() => void draw()}>
          Refresh
        </button>
      </div>
      <Show when={progress()}>{(p) => <ProgressLine progress={p()} label="Preview progress" />}</Show>
      <Show when={failure()}>
        <p class="export-failure" role="alert">
          {failure()}
        </p>
      </Show>
      <Show when={preview()}>
        {(p) => (
          <>
            <p class="hint page-preview-summary">{summary(p())}</p>
            <div class="page-preview-pages" role="group" tabIndex={0} aria-label="Pages">
              <For each={p().images}>
                {(src, i) => (
                  <img class="page-preview-image" src={src} alt={`Page ${p().first + i()}`} loading="lazy" />
                )}
              </For>
            </div>
          </>
        )}
      </Show>
    </section>
  );
}
