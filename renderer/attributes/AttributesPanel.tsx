/**
 * The attribute panel: every element at the selection, innermost first (the
 * marks on the text, a selected note or page break, the blocks around), each
 * with all its attributes, those Siglum models and those it only keeps, edited in
 * place. A value is checked (edition/attributes `checkAttribute`) before it goes in:
 * an error is said under the field and nothing changes; a warning is said and the
 * value kept. Each change is one editor transaction (renderer/attributes/attrCommands).
 */
import { createMemo, createSignal, Index, Show } from 'solid-js';
import {
  attributeRows,
  checkAttribute,
  checkAttributeName,
  idsIn,
  suggestedValues,
} from '../../edition/attributes/index.ts';
import type { AttributeProblem } from '../../edition/attributes/index.ts';
import { setAttributesOpen } from '../layout/layoutState.ts';
import { useStores } from '../stores/context.ts';
import { itemOf, setAttribute, targetsAt, type AttrTarget } from './attrCommands.ts';
import ElementAttributes from './ElementAttributes.tsx';

export default function AttributesPanel() {
  const [editor, actions] = useStores().editor;
  const targets = createMemo(() => {
    void editor.tick;
    const view = actions.view();
    return editor.open && view ? targetsAt(view.state) : [];
  });
  /** The last problem per element and attribute, keyed `pos|element|name`. */
  const [problems, setProblems] = createSignal<Record<string, AttributeProblem | null>>({});
  const keyOf = (target: AttrTarget, name: string) =>
    `${target.kind === 'node' ? target.pos : target.from}|${target.element}|${name}`;

  /** Checks and applies an edit; returns the problem shown (null: none). */
  const change = (target: AttrTarget, name: string, value: string | null, previous: string | null) => {
    const view = actions.view();
    if (!view) return null;
    const problem =
      value === null ? null : checkAttribute(target.element, name, value, { ids: idsIn(view.state.doc), previous });
    setProblems({ ...problems(), [keyOf(target, name)]: problem });
    if (problem?.level === 'error') return problem;
    const tr = setAttribute(view.state, target, name, value);
    if (tr) view.dispatch(tr);
    actions.refresh();
    return problem;
  };

  const add = (target: AttrTarget, name: string, value: string): AttributeProblem | null => {
    const badName = checkAttributeName(name);
    if (badName) return badName;
    if (attributeRows(itemOf(target)).some((row) => row.name === name))
      return { level: 'error', message: `<${target.element}> already has @${name}: change its value above.` };
    return change(target, name, value, null);
  };

  return (
    <aside class="attributes-panel" aria-label="Attributes">
      <div class="attributes-head">
        <h2 class="attributes-title">Attributes</h2>
        <button
          type="button"
          class="panel-close"
          aria-label="Close the attributes panel"
          onClick={() => setAttributesOpen(false)}
        >
          ×
        </button>
      </div>
      <div class="attributes-body">
        <Show
          when={targets().length > 0}
          fallback={
            <p class="hint">
              {editor.open
                ? 'Put the caret in the text to see the attributes of the elements there.'
                : 'Open a document to see the attributes of its elements.'}
            </p>
          }
        >
          <Index each={targets()}>
            {(target) => (
              <ElementAttributes
                target={target()}
                rows={attributeRows(itemOf(target()))}
                suggestions={(name) => suggestedValues(target().element, name)}
                problem={(name) => problems()[keyOf(target(), name)] ?? null}
                onChange={(name, value, previous) => change(target(), name, value, previous)}
                onAdd={(name, value) => add(target(), name, value)}
              />
            )}
          </Index>
        </Show>
      </div>
    </aside>
  );
}
