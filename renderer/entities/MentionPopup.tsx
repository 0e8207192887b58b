/**
 * The marking popup, under the selected text: type a few letters to pick an
 * entry of the register (names and alternative names match), or create one on
 * the spot from the text. A date gets its proposed normalised value instead,
 * which the editor can correct. Re-linking an existing mention uses the same
 * popup. Enter picks the highlighted line, arrows move, Escape closes.
 */
import { For, Show, createEffect, createSignal, onCleanup, onMount, untrack } from 'solid-js';
import type { TypeaheadHit } from '../../edition/api.ts';
import { useStores } from '../stores/context.ts';
import { useEntities } from './context.ts';
import { dateOfMark, documentDate, fieldsOf, invalidField, proposeFor, valueOf, type DateFields } from './dateValue.ts';
import { isKindName, kindOf } from './kinds.ts';
import { placeBeside } from './scroll.ts';
import { changeMention, markMention, rangeText, type MentionRequest, type MentionValue } from './marking.ts';

const SEARCH_LIMIT = 8;

export default function MentionPopup(props: { request: MentionRequest }) {
  const { client, notices, project } = useStores();
  const [, entities] = useEntities();
  // The request is fixed for the popup's life (a new one remounts it).
  const req = untrack(() => props.request);
  const text = rangeText(req.view.state.doc, req.from, req.to);
  const [kind, setKind] = createSignal(req.kind);
  const [query, setQuery] = createSignal(text);
  const [hits, setHits] = createSignal<TypeaheadHit[]>([]);
  const [active, setActive] = createSignal(0);
  const [busy, setBusy] = createSignal(false);
  const [dateFields, setDateFields] = createSignal<DateFields>(fieldsOf(null));
  const [proposed, setProposed] = createSignal(false);
  let input!: HTMLInputElement;
  let box!: HTMLDivElement;

  const isDate = () => kind() === 'date';
  const kindKnown = () => isKindName(kind());
  const coords = req.view.coordsAtPos(req.from);
  // Room for the list as it grows; above the text when the selection is low in the window.
  const { top, left } = placeBeside(coords, 360, 300);

  // The text must still be there when the popup applies (another window may have edited it).
  const apply = (value: MentionValue): void => {
    entities.finishMention((r) => {
      if (rangeText(r.view.state.doc, r.from, r.to) !== text) return false;
      const command = r.existing ? changeMention(r.existing, value) : markMention(r.from, r.to, value);
      return command(r.view.state, r.view.dispatch);
    });
  };

  onMount(() => {
    if (req.existing && req.kind === 'date') {
      setDateFields(fieldsOf(dateOfMark(req.existing.mark.attrs)));
    } else if (req.kind === 'date') {
      const id = project[0].currentId;
      const fromDoc = (metaDate: string | null) => {
        const value = proposeFor(text, documentDate(req.view.state.doc, metaDate));
        setProposed(value !== null);
        setDateFields(fieldsOf(value));
      };
      fromDoc(null);
      if (id !== null) {
        void client
          .openDocument({ id })
          .then((opened) => opened.meta.date !== null && fromDoc(opened.meta.date))
          .catch(() => undefined);
      }
    }
    input.focus();
    input.select();
    const onDown = (e: PointerEvent) => {
      if (!box.contains(e.target as Node)) entities.closePopup();
    };
    document.addEventListener('pointerdown', onDown, true);
    onCleanup(() => document.removeEventListener('pointerdown', onDown, true));
  });

  // Type-ahead: one request at a time per keystroke; a late answer for an older query is dropped.
  createEffect(() => {
    const q = query().trim();
    const k = kind();
    if (isDate() || !kindKnown() || q === '') return setHits([]);
    let stale = false;
    client
      .searchEntities({ query: q, limit: SEARCH_LIMIT, types: [k] })
      .then((found) => {
        if (stale) return;
        setHits(found);
        setActive(0);
      })
      .catch((error: unknown) => notices[1].show(error, 'Could not search the register'));
    onCleanup(() => (stale = true));
  });

  const pick = (hit: TypeaheadHit) => apply({ kind: kind(), ref: hit.id });

  const create = async () => {
    const name = query().trim() || text;
    if (!kindKnown() || name === '') return;
    setBusy(true);
    try {
      const entity = await client.createEntity({
        entity: { type: kind(), name },
      });
      apply({ kind: kind(), ref: entity.id });
    } catch (error) {
      notices[1].show(error, 'Could not add the entry to the register');
      setBusy(false);
    }
  };

  const markDate = () => {
    if (invalidField(dateFields()) !== null) return;
    apply({ kind: 'date', ref: null, date: valueOf(dateFields()) });
  };

  // Lines of the list: the hits, then "create".
  const lines = () => hits().length + 1;
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      entities.closePopup();
    } else if (e.key === 'ArrowDown' && !isDate()) {
      e.preventDefault();
      setActive((i) => (i + 1) % lines());
    } else if (e.key === 'ArrowUp' && !isDate()) {
      e.preventDefault();
      setActive((i) => (i - 1 + lines()) % lines());
    } else if (e.key === 'Enter') {
      e.preventDefault();
      if (isDate()) return markDate();
      const hit = hits()[active()];
      if (hit) pick(hit);
      else void create();
    }
  };

  const setField = (key: keyof DateFields, value: string) => setDateFields((f) => ({ ...f, [key]: value }));

  return (
    <div
      class="mention-popup"
      role="dialog"
      aria-label={`Mark as ${kindOf(kind()).label}`}
      ref={box}
      style={{ top: `${top}px`, left: `${left}px` }}
      onKeyDown={onKeyDown}
      data-kind={kind()}
    >
      <div class="mention-popup-head">
        <span class="kind-dot" data-kind={kind()} />
        <span class="mention-popup-title">
          {req.existing ? 'Re-link' : 'Mark as'} {kindKnown() ? kindOf(kind()).label.toLowerCase() : '…'}
        </span>
        <span class="mention-popup-text">“{text}”</span>
      </div>
      <Show when={req.kind === ''}>
        <label class="field compact">
          <span class="field-label">Type (a lower-case word, e.g. ship)</span>
          <input
            value={kind()}
            onInput={(e) => setKind(e.currentTarget.value.trim().toLowerCase())}
            aria-label="Entity type"
          />
        </label>
      </Show>
      <Show
        when={!isDate()}
        fallback={
          <div class="date-fields">
            <div class="date-shape" role="radiogroup" aria-label="Kind of date">
              <For
                each={
                  [
                    ['when', 'On'],
                    ['range', 'From – to'],
                    ['approx', 'Not before / after'],
                  ] as const
                }
              >
                {([shape, label]) => (
                  <label>
                    <input
                      type="radio"
                      name="date-shape"
                      checked={dateFields().shape === shape}
                      onChange={() => setField('shape', shape)}
                    />
                    {label}
                  </label>
                )}
              </For>
            </div>
            <div class="date-inputs">
              <input
                ref={input}
                aria-label={
                  dateFields().shape === 'when' ? 'Date' : dateFields().shape === 'range' ? 'From' : 'Not before'
                }
                placeholder="YYYY-MM-DD"
                value={dateFields().first}
                onInput={(e) => setField('first', e.currentTarget.value)}
              />
              <Show when={dateFields().shape !== 'when'}>
                <span>–</span>
                <input
                  aria-label={dateFields().shape === 'range' ? 'To' : 'Not after'}
                  placeholder="YYYY-MM-DD"
                  value={dateFields().second}
                  onInput={(e) => setField('second', e.currentTarget.value)}
                />
              </Show>
            </div>
            <p class="popup-hint">
              <Show
                when={invalidField(dateFields()) === null}
                fallback={
                  <span class="popup-error">
                    “{invalidField(dateFields())}” is not a date: write YYYY, YYYY-MM or YYYY-MM-DD.
                  </span>
                }
              >
                {proposed()
                  ? 'Proposed from the text; correct it if need be.'
                  : 'No value proposed; enter one, or leave it empty.'}
              </Show>
            </p>
            <div class="dialog-buttons">
              <button type="button" class="button" onClick={() => entities.closePopup()}>
                Cancel
              </button>
              <button type="button" class="button primary" onClick={markDate}>
                {req.existing ? 'Change date' : 'Mark date'}
              </button>
            </div>
          </div>
        }
      >
        <input
          ref={input}
          class="mention-search"
          aria-label="Find in the register"
          placeholder="Type a name…"
          value={query()}
          onInput={(e) => setQuery(e.currentTarget.value)}
        />
        <ul class="mention-hits" role="listbox" aria-label="Register entries">
          <For each={hits()}>
            {(hit, i) => (
              <li
                role="option"
                class="mention-hit"
                aria-selected={active() === i()}
                onPointerEnter={() => setActive(i())}
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => pick(hit)}
              >
                <span class="hit-name">{hit.name}</span>
                <Show when={hit.matched !== hit.name}>
                  <span class="hit-matched">{hit.matched}</span>
                </Show>
              </li>
            )}
          </For>
          <li
            role="option"
            class="mention-hit create"
            aria-selected={active() === hits().length}
            aria-disabled={!kindKnown() || busy()}
            onPointerEnter={() => setActive(hits().length)}
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => void create()}
          >
            New {kindKnown() ? kindOf(kind()).label.toLowerCase() : 'entry'}: “{query().trim() || text}”
          </li>
        </ul>
      </Show>
    </div>
  );
}
