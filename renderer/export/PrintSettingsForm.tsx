/**
 * The project's print settings: page size, margins, font, line numbers (interval, side,
 * restart), apparatus series, which note types print, page images opposite their text. Saved together with
 * `updatePrintSettings`; a value the store refuses is named in the sentence shown.
 */
import { createResource, createSignal, Show, For } from 'solid-js';
import { createStore, reconcile, unwrap } from 'solid-js/store';
import type { ProjectPrintSettings } from '../../edition/api.ts';
import { useStores } from '../stores/context.ts';
import { sentenceOf } from '../stores/notices.ts';

const NAMED_SIZES = ['A4', 'A5', 'Letter', 'Royal'] as const;
const list = (text: string) => text.split(/[\s,]+/u).filter((s) => s !== '');

export default function PrintSettingsForm() {
  const { client } = useStores();
  const [settings, setSettings] = createStore<{
    value: ProjectPrintSettings | null;
  }>({ value: null });
  const [message, setMessage] = createSignal<{
    ok: boolean;
    text: string;
  } | null>(null);
  const [saving, setSaving] = createSignal(false);
  const [loaded] = createResource(async () => {
    const s = await client.getPrintSettings({});
    setSettings('value', s);
    return true;
  });

  const set = <K extends keyof ProjectPrintSettings>(key: K, value: ProjectPrintSettings[K]) => {
    setSettings('value', key as never, value as never);
    setMessage(null);
  };
  const save = async (e: SubmitEvent) => {
    e.preventDefault();
    const value = settings.value;
    if (value === null) return;
    setSaving(true);
    try {
      const saved = await client.updatePrintSettings({
        settings: structuredClone(unwrap(value)),
      });
      setSettings('value', reconcile(saved));
      setMessage({ ok: true, text: 'Print settings saved.' });
    } catch (error) {
      setMessage({ ok: false, text: sentenceOf(error, 'Not saved') });
    } finally {
      setSaving(false);
    }
  };
  const num = (e: Event & { currentTarget: HTMLInputElement }) => Number(e.currentTarget.value);

  return (
    <Show when={loaded() && settings.value} fallback={<p class="hint">Reading the print settings…</p>}>
      {(s) => (
        <form class="print-settings" onSubmit={(e) => void save(e)} aria-label="Print settings">
          <div class="settings-grid">
            <label class="field">
              <span class="field-label">Title page: title (empty: what is exported)</span>
              <input
                name="title"
                value={s().title ?? ''}
                onChange={(e) => set('title', e.currentTarget.value.trim() === '' ? null : e.currentTarget.value)}
              />
            </label>
            <label class="field">
              <span class="field-label">Subtitle</span>
              <input
                name="subtitle"
                value={s().subtitle ?? ''}
                onChange={(e) => set('subtitle', e.currentTarget.value.trim() === '' ? null : e.currentTarget.value)}
              />
            </label>
            <label class="field wide">
              <span class="field-label">Introduction (paragraphs separated by a blank line)</span>
              <textarea
                name="introduction"
                rows={3}
                value={s().introduction ?? ''}
                onChange={(e) =>
                  set('introduction', e.currentTarget.value.trim() === '' ? null : e.currentTarget.value)
                }
              />
            </label>
            <label class="field">
              <span class="field-label">Page size</span>
              <select
                name="pageSize"
                value={typeof s().pageSize === 'string' ? (s().pageSize as string) : 'custom'}
                onChange={(e) => {
                  const v = e.currentTarget.value;
                  set('pageSize', v === 'custom' ? { width: 170, height: 240 } : (v as (typeof NAMED_SIZES)[number]));
                }}
              >
                <For each={NAMED_SIZES}>{(n) => <option value={n}>{n}</option>}</For>
                <option value="custom">Custom…</option>
              </select>
            </label>
            <Show when={typeof s().pageSize === 'object' ? (s().pageSize as { width: number; height: number }) : null}>
              {(size) => (
                <div class="field">
                  <span class="field-label">Width × height (mm)</span>
                  <span class="pair-inputs">
                    <input
                      type="number"
                      min="50"
                      max="1000"
                      aria-label="Page width"
                      value={size().width}
                      onChange={(e) => set('pageSize', { ...size(), width: num(e) })}
                    />
                    <input
                      type="number"
                      min="50"
                      max="1000"
                      aria-label="Page height"
                      value={size().height}
                      onChange={(e) => set('pageSize', { ...size(), height: num(e) })}
                    />
                  </span>
                </div>
              )}
            </Show>
            <div class="field wide">
              <span class="field-label">Margins (mm): top, bottom, inner/left, outer/right</span>
              <span class="pair-inputs">
                <For each={['top', 'bottom', 'left', 'right'] as const}>
                  {(side) => (
                    <input
                      type="number"
                      min="0"
                      max="200"
                      aria-label={`Margin ${side}`}
                      value={s().margins[side]}
                      onChange={(e) => set('margins', { ...s().margins, [side]: num(e) })}
                    />
                  )}
                </For>
              </span>
            </div>
            <label class="field wide">
              <span class="field-label">Font family</span>
              <input
                name="fontFamily"
                value={s().fontFamily}
                onChange={(e) => set('fontFamily', e.currentTarget.value)}
              />
            </label>
            <label class="field">
              <span class="field-label">Font size (pt)</span>
              <input
                type="number"
                step="0.5"
                min="6"
                max="24"
                name="fontSizePt"
                value={s().fontSizePt}
                onChange={(e) => set('fontSizePt', num(e))}
              />
            </label>
            <label class="field">
              <span class="field-label">Line number every</span>
              <input
                type="number"
                min="1"
                max="100"
                name="lineNumberInterval"
                value={s().lineNumberInterval}
                onChange={(e) => set('lineNumberInterval', num(e))}
              />
            </label>
            <label class="field">
              <span class="field-label">Line numbers in the margin</span>
              <select
                name="lineNumberSide"
                value={s().lineNumberSide}
                onChange={(e) => set('lineNumberSide', e.currentTarget.value as ProjectPrintSettings['lineNumberSide'])}
              >
                <option value="left">left</option>
                <option value="right">right</option>
                <option value="outer">outer</option>
                <option value="inner">inner</option>
              </select>
            </label>
            <label class="field">
              <span class="field-label">Numbering restarts</span>
              <select
                name="lineNumberRestart"
                value={s().lineNumberRestart}
                onChange={(e) =>
                  set('lineNumberRestart', e.currentTarget.value as ProjectPrintSettings['lineNumberRestart'])
                }
              >
                <option value="page">each page</option>
                <option value="document">each document</option>
                <option value="section">each section</option>
              </select>
            </label>
            <fieldset class="field choice-row">
              <legend class="field-label">Apparatus series that print</legend>
              <For each={['A', 'B'] as const}>
                {(series) => (
                  <label>
                    <input
                      type="checkbox"
                      checked={s().apparatusSeries.includes(series)}
                      onChange={(e) =>
                        set(
                          'apparatusSeries',
                          e.currentTarget.checked
                            ? [...new Set([...s().apparatusSeries, series])].sort()
                            : s().apparatusSeries.filter((x) => x !== series),
                        )
                      }
                    />{' '}
                    {series}
                  </label>
                )}
              </For>
            </fieldset>
            <label class="field">
              <span class="field-label">Entry types in series B</span>
              <input
                name="seriesBTypes"
                value={s().seriesBTypes.join(' ')}
                placeholder="orthographic punctuation"
                onChange={(e) => set('seriesBTypes', list(e.currentTarget.value))}
              />
            </label>
            <label class="field wide">
              <span class="field-label">Note types that print (empty: every note)</span>
              <input
                name="noteTypes"
                value={s().noteTypes?.join(' ') ?? ''}
                placeholder="every note"
                onChange={(e) => {
                  const types = list(e.currentTarget.value);
                  set('noteTypes', types.length === 0 ? null : types);
                }}
              />
            </label>
            <label class="field check">
              <input
                type="checkbox"
                checked={s().mirrorMargins}
                onChange={(e) => set('mirrorMargins', e.currentTarget.checked)}
              />{' '}
              Book pages (mirrored margins)
            </label>
            <label class="field check">
              <input type="checkbox" checked={s().index} onChange={(e) => set('index', e.currentTarget.checked)} />{' '}
              Index of names
            </label>
            <label class="field check">
              <input
                type="checkbox"
                checked={s().indexLines}
                onChange={(e) => set('indexLines', e.currentTarget.checked)}
              />{' '}
              Line numbers in the index
            </label>
            <label class="field check">
              <input
                type="checkbox"
                checked={s().documentStartsPage}
                onChange={(e) => set('documentStartsPage', e.currentTarget.checked)}
              />{' '}
              Each document starts a page
            </label>
            <label class="field">
              <span class="field-label">Page images (PDF)</span>
              <select
                name="facsimile"
                value={s().facsimile}
                onChange={(e) => set('facsimile', e.currentTarget.value as ProjectPrintSettings['facsimile'])}
              >
                <option value="none">none</option>
                <option value="facing">opposite their text</option>
              </select>
            </label>
            <label class="field">
              <span class="field-label">Language of the text (for hyphenation)</span>
              <input
                name="language"
                value={s().language}
                placeholder="en"
                onChange={(e) => set('language', e.currentTarget.value.trim())}
              />
            </label>
          </div>
          <div class="settings-footer">
            <Show when={message()}>
              {(m) => (
                <p class={m().ok ? 'hint' : 'export-failure'} role={m().ok ? 'status' : 'alert'}>
                  {m().text}
                </p>
              )}
            </Show>
            <button type="submit" class="button primary" disabled={saving()}>
              Save settings
            </button>
          </div>
        </form>
      )}
    </Show>
  );
}
