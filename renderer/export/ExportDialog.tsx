/**
 * Exporting the edition: what (this document, its collection, the project), in which
 * format (PDF, HTML, LaTeX through `exportEdition`; TEI as a download), where, with a
 * progress bar fed by 'export-progress' events and the report afterwards: pages, notes
 * and apparatus entries placed, and every one that did not land on its page. The second
 * tab holds the project's print settings.
 *
 * The exported file stays on the machine running Siglum (the API writes it, and has no
 * method to read it back), so the dialog shows where it is and what it holds; Preview
 * (PDF) shows the first pages beside the form as images of the same layout.
 */
import { createResource, createSignal, For, Match, Show, Switch } from 'solid-js';
import type { EditionFormat, ExportResult, ExportTarget, PointerReport } from '../../edition/api.ts';
import { useStores } from '../stores/context.ts';
import { sentenceOf } from '../stores/notices.ts';
import PagePreview from './PagePreview.tsx';
import PointerCheck from './PointerCheck.tsx';
import ProgressLine from './ProgressLine.tsx';
import PrintSettingsForm from './PrintSettingsForm.tsx';
import { exportFileName, folderOf, runEditionExport, summary, type ExportProgress } from './exportRun.ts';

type Scope = 'document' | 'collection' | 'all';
type Format = EditionFormat | 'tei';

const FORMATS: ReadonlyArray<{ id: Format; label: string }> = [
  { id: 'pdf', label: 'PDF' },
  { id: 'html', label: 'HTML' },
  { id: 'latex', label: 'LaTeX' },
  { id: 'tei', label: 'TEI' },
];

export default function ExportDialog(props: { onClose: () => void }) {
  const { client, project } = useStores();
  const [projectState, projectActions] = project;
  const [tab, setTab] = createSignal<'export' | 'settings'>('export');
  const [scope, setScope] = createSignal<Scope>(projectState.currentId ? 'document' : 'all');
  const [format, setFormat] = createSignal<Format>('pdf');
  const [outPath, setOutPath] = createSignal<string | null>(null);
  /** Whether an earlier export at the path is replaced; by default this one gets a free name beside it. */
  const [replace, setReplace] = createSignal(false);
  const [requested, setRequested] = createSignal('');
  const [progress, setProgress] = createSignal<ExportProgress | null>(null);
  const [running, setRunning] = createSignal(false);
  const [result, setResult] = createSignal<ExportResult | null>(null);
  const [failure, setFailure] = createSignal<string | null>(null);
  const [pointers, setPointers] = createSignal<PointerReport | null>(null);
  const [previewing, setPreviewing] = createSignal(false);
  const [info] = createResource(() => client.projectInfo({}));

  const target = (): ExportTarget => {
    const current = projectActions.current();
    if (scope() === 'document' && current) return { documentId: current.id };
    if (scope() === 'collection' && current?.collectionId) return { collectionId: current.collectionId };
    return { all: true };
  };
  const titleOf = () => {
    const current = projectActions.current();
    if (scope() === 'document' && current) return current.title;
    if (scope() === 'collection' && current?.collectionId)
      return projectState.collections.find((c) => c.id === current.collectionId)?.title ?? 'collection';
    return projectState.title || 'edition';
  };
  /** What tells two exports of the same title apart: the document's or collection's id. */
  const tagOf = () => {
    const current = projectActions.current();
    if (scope() === 'document' && current) return `d${current.id}`;
    if (scope() === 'collection' && current?.collectionId) return `c${current.collectionId}`;
    return undefined;
  };
  const defaultPath = () => {
    const f = format();
    const path = info()?.path;
    if (f === 'tei' || path === undefined) return '';
    // A host that keeps exports in one folder (siglum serve) names it; else beside the project.
    const folder = info()?.exportFolder ?? folderOf(path);
    return `${folder}${folder.endsWith('/') || folder.endsWith('\\') ? '' : '/'}${exportFileName(titleOf(), f, tagOf())}`;
  };
  const path = () => outPath() ?? defaultPath();

  const start = async (e: SubmitEvent) => {
    e.preventDefault();
    setResult(null);
    setFailure(null);
    const f = format();
    setPointers(null);
    if (f === 'tei') {
      setPointers(await projectActions.exportTei(target()));
      return;
    }
    setRunning(true);
    setProgress({ done: 0, total: 1, phase: 'documents' });
    try {
      setRequested(path());
      const done = await runEditionExport(client, target(), f, path(), setProgress, replace() ? 'replace' : 'rename');
      // The last progress event may arrive after the answer; the answer means done.
      setProgress((p) => ({
        done: p?.total ?? 1,
        total: p?.total ?? 1,
        phase: 'done',
      }));
      setResult(done);
    } catch (error) {
      setFailure(sentenceOf(error, 'The export failed'));
    } finally {
      setRunning(false);
    }
  };
  const showsPreview = () => previewing() && tab() === 'export' && format() === 'pdf';
  const previewKey = () => (showsPreview() ? JSON.stringify(target()) : undefined);

  return (
    <div
      class="dialog-backdrop"
      onMouseDown={(e) => {
        if (e.target === e.currentTarget && !running()) props.onClose();
      }}
    >
      <div
        class="dialog export-dialog"
        classList={{ 'with-preview': showsPreview() }}
        role="dialog"
        aria-modal="true"
        aria-labelledby="export-title"
        // A modal takes the focus, so the keyboard (Escape, Tab) works in it at once.
        ref={(el) =>
          queueMicrotask(() => el.querySelector<HTMLElement>('[aria-selected="true"], button, input')?.focus())
        }
        onKeyDown={(e) => {
          if (e.key === 'Escape' && !running()) props.onClose();
        }}
      >
        <div class="export-head">
          <h2 id="export-title" class="dialog-title">
            Edition
          </h2>
          <div class="variants-tabs" role="tablist">
            <button
              type="button"
              role="tab"
              class="variants-tab"
              aria-selected={tab() === 'export'}
              onClick={() => setTab('export')}
            >
              Export
            </button>
            <button
              type="button"
              role="tab"
              class="variants-tab"
              aria-selected={tab() === 'settings'}
              onClick={() => setTab('settings')}
            >
              Print settings
            </button>
          </div>
        </div>
        <Switch>
          <Match when={tab() === 'export'}>
            <div class="export-body">
              <form class="export-form" onSubmit={(e) => void start(e)}>
                <fieldset class="choice-row">
                  <legend class="field-label">What</legend>
                  <label>
                    <input
                      type="radio"
                      name="scope"
                      checked={scope() === 'document'}
                      disabled={!projectState.currentId}
                      onChange={() => setScope('document')}
                    />{' '}
                    This document
                  </label>
                  <label>
                    <input
                      type="radio"
                      name="scope"
                      checked={scope() === 'collection'}
                      disabled={!projectActions.current()?.collectionId}
                      onChange={() => setScope('collection')}
                    />{' '}
                    This collection
                  </label>
                  <label>
                    <input type="radio" name="scope" checked={scope() === 'all'} onChange={() => setScope('all')} /> The
                    whole project
                  </label>
                </fieldset>
                <fieldset class="choice-row">
                  <legend class="field-label">Format</legend>
                  <For each={FORMATS}>
                    {(f) => (
                      <label>
                        <input
                          type="radio"
                          name="format"
                          checked={format() === f.id}
                          onChange={() => setFormat(f.id)}
                        />{' '}
                        {f.label}
                      </label>
                    )}
                  </For>
                </fieldset>
                <Show
                  when={format() !== 'tei'}
                  fallback={
                    <p class="hint">
                      TEI is downloaded by the browser; it holds the apparatus, the witnesses and the notes.
                    </p>
                  }
                >
                  <label class="field">
                    <span class="field-label">
                      {format() === 'html' ? 'Folder to write' : 'File to write'} (on this computer)
                    </span>
                    <input
                      name="outPath"
                      value={path()}
                      onInput={(e) => setOutPath(e.currentTarget.value)}
                      spellcheck={false}
                    />
                  </label>
                  <label class="check">
                    <input type="checkbox" checked={replace()} onChange={(e) => setReplace(e.currentTarget.checked)} />{' '}
                    Replace an earlier export of that name (otherwise it is kept and this one named beside it)
                  </label>
                </Show>
                <Show when={progress() !== null && (running() || result() !== null)}>
                  <ProgressLine progress={progress()!} label="Export progress" />
                </Show>
                <Show when={failure()}>
                  <p class="export-failure" role="alert">
                    {failure()}
                  </p>
                </Show>
                <Show when={result()}>{(r) => <ExportReport result={r()} requested={requested()} />}</Show>
                <Show when={format() === 'tei' ? pointers() : null}>{(p) => <PointerCheck report={p()} />}</Show>
                <div class="dialog-buttons">
                  <button type="button" class="button" disabled={running()} onClick={() => props.onClose()}>
                    Close
                  </button>
                  <Show when={format() === 'pdf'}>
                    <button
                      type="button"
                      class="button"
                      aria-pressed={previewing()}
                      onClick={() => setPreviewing((p) => !p)}
                    >
                      {previewing() ? 'Hide preview' : 'Preview'}
                    </button>
                  </Show>
                  <button
                    type="submit"
                    class="button primary"
                    disabled={running() || (format() !== 'tei' && path().trim() === '')}
                  >
                    {running() ? 'Exporting…' : 'Export'}
                  </button>
                </div>
              </form>
              {/* Keyed: drawn again when what is exported changes. */}
              <Show when={previewKey()} keyed>
                <PagePreview target={target()} />
              </Show>
            </div>
          </Match>
          <Match when={tab() === 'settings'}>
            <PrintSettingsForm />
          </Match>
        </Switch>
      </div>
    </div>
  );
}

/** What an export produced, and each note or entry that did not land where it belongs. */
function ExportReport(props: { result: ExportResult; requested: string }) {
  const ok = () => props.result.misplaced.length === 0 && props.result.rejected.length === 0;
  return (
    <section class="export-report" aria-label="Export report" classList={{ ok: ok() }}>
      <p class="export-summary">
        <strong>{ok() ? 'Exported.' : 'Exported, with problems.'}</strong> {summary(props.result)}
      </p>
      <p class="export-path">
        Written to <code>{props.result.index ?? props.result.path}</code>
      </p>
      <Show when={props.requested !== '' && props.result.path !== props.requested}>
        <p class="export-renamed" role="status">
          An earlier export at <code>{props.requested}</code> is kept; this one has the name above.
        </p>
      </Show>
      <Show when={props.result.misplaced.length > 0}>
        <ul class="export-problems">
          <For each={props.result.misplaced}>
            {(m) => (
              <li>
                {m.kind === 'note' ? 'Note' : 'Apparatus entry'} {m.index + 1} of “{m.document}”: {m.reason}
                {m.lemmaPage !== null ? ` (lemma on page ${m.lemmaPage}` : ''}
                {m.lemmaPage !== null ? (m.printedPage !== null ? `, printed on page ${m.printedPage})` : ')') : ''}
              </li>
            )}
          </For>
        </ul>
      </Show>
      <Show when={props.result.rejected.length > 0}>
        <ul class="export-problems">
          <For each={props.result.rejected}>
            {(r) => (
              <li>
                Apparatus entry {r.index + 1} of “{r.document}” could not be set: {r.reason}
              </li>
            )}
          </For>
        </ul>
      </Show>
      <For each={props.result.warnings}>{(w) => <p class="hint">{w}</p>}</For>
    </section>
  );
}
