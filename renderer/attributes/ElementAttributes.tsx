/**
 * One element's attributes in the attribute panel: a row per attribute (name,
 * value field, Remove), the problem of the last edit under its field, and a row to
 * add an attribute. A value is committed on Enter or when the field is left.
 */
import { createSignal, For, Index, Show } from 'solid-js';
import type { AttributeProblem, AttributeRow } from '../../edition/attributes/index.ts';
import type { AttrTarget } from './attrCommands.ts';

let uid = 0;

export default function ElementAttributes(props: {
  target: AttrTarget;
  rows: AttributeRow[];
  suggestions: (name: string) => readonly string[];
  problem: (name: string) => AttributeProblem | null;
  onChange: (name: string, value: string | null, previous: string | null) => AttributeProblem | null;
  onAdd: (name: string, value: string) => AttributeProblem | null;
}) {
  const id = `attrs-${++uid}`;
  const [newName, setNewName] = createSignal('');
  const [newValue, setNewValue] = createSignal('');
  const [addProblem, setAddProblem] = createSignal<AttributeProblem | null>(null);
  const what = () => (props.target.kind === 'mark' ? 'on the text' : props.target.node.isInline ? 'inline' : 'block');

  const commit = (row: AttributeRow, input: HTMLInputElement) => {
    if (input.value === row.value) return;
    const problem = props.onChange(row.name, input.value, row.value);
    input.setAttribute('aria-invalid', String(problem?.level === 'error'));
  };

  const addNow = () => {
    const problem = props.onAdd(newName().trim(), newValue());
    setAddProblem(problem);
    if (problem?.level !== 'error') {
      setNewName('');
      setNewValue('');
    }
  };

  return (
    <section class="attr-element" aria-labelledby={`${id}-title`}>
      <h3 class="attr-element-title" id={`${id}-title`}>
        <code>&lt;{props.target.element}&gt;</code> <span class="attr-element-kind">{what()}</span>
      </h3>
      <Show when={props.rows.length === 0}>
        <p class="hint">No attributes.</p>
      </Show>
      <div class="attr-rows">
        <Index each={props.rows}>
          {(row, i) => {
            const field = `${id}-${i}`;
            const list = () => props.suggestions(row().name);
            return (
              <div class="attr-row">
                <label class="attr-name" for={field}>
                  {row().name}
                </label>
                <input
                  id={field}
                  class="attr-value"
                  value={row().value}
                  aria-label={`${row().name} of <${props.target.element}>`}
                  readOnly={row().source.kind === 'fixed'}
                  title={row().source.kind === 'fixed' ? 'Set by the element’s kind in the editor' : undefined}
                  list={list().length > 0 ? `${field}-values` : undefined}
                  aria-describedby={props.problem(row().name) ? `${field}-problem` : undefined}
                  onChange={(e) => commit(row(), e.currentTarget)}
                  onKeyDown={(e) => {
                    if (e.key === 'Enter') commit(row(), e.currentTarget);
                    else if (e.key === 'Escape') e.currentTarget.value = row().value;
                  }}
                />
                <Show when={list().length > 0}>
                  <datalist id={`${field}-values`}>
                    <For each={list()}>{(v) => <option value={v} />}</For>
                  </datalist>
                </Show>
                <button
                  type="button"
                  class="attr-remove"
                  disabled={row().source.kind === 'fixed'}
                  aria-label={`Remove ${row().name} of <${props.target.element}>`}
                  title="Remove the attribute"
                  onClick={() => props.onChange(row().name, null, row().value)}
                >
                  ×
                </button>
                <Show when={props.problem(row().name)}>
                  {(problem) => (
                    <p
                      id={`${field}-problem`}
                      class="attr-problem"
                      classList={{ warning: problem().level === 'warning' }}
                      role="alert"
                    >
                      {problem().message}
                    </p>
                  )}
                </Show>
              </div>
            );
          }}
        </Index>
      </div>
      <form
        class="attr-add"
        onSubmit={(e) => {
          e.preventDefault();
          addNow();
        }}
      >
        <input
          class="attr-add-name"
          placeholder="attribute"
          aria-label={`Name of a new attribute of <${props.target.element}>`}
          value={newName()}
          onInput={(e) => setNewName(e.currentTarget.value)}
        />
        <input
          class="attr-add-value"
          placeholder="value"
          aria-label={`Value of a new attribute of <${props.target.element}>`}
          value={newValue()}
          onInput={(e) => setNewValue(e.currentTarget.value)}
        />
        <button type="submit" class="button" disabled={newName().trim() === ''}>
          Add
        </button>
        <Show when={addProblem()}>
          {(problem) => (
            <p class="attr-problem" classList={{ warning: problem().level === 'warning' }} role="alert">
              {problem().message}
            </p>
          )}
        </Show>
      </form>
    </section>
  );
}
