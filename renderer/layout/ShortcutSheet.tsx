/**
 * Every keyboard shortcut, in a dialog (Mod-/): the window's, the document list's
 * and the editor's, read from the same tables the keymaps are built from
 * (windowActions, LIST_KEYS, editorActions), so the sheet cannot drift from
 * what the keys do.
 */
import { For, onMount } from 'solid-js';
import { editorActions, formatKey, type ActionGroup } from '../editor/actions.ts';
import { LIST_KEYS } from '../components/docList.ts';
import { textKeys, viewerKeys } from '../facsimile/keys.ts';
import { windowActions } from './windowActions.ts';

const ARROWS: Readonly<Record<string, string>> = { ArrowUp: '↑', ArrowDown: '↓', ArrowLeft: '←', ArrowRight: '→' };

/** A key as the sheet shows it: the platform's way (formatKey), arrows as arrows. */
function shown(key: string): string {
  return formatKey(key).replace(/Arrow(Up|Down|Left|Right)/g, (name) => ARROWS[name] ?? name);
}

interface Row {
  label: string;
  keys: readonly string[];
}

const EDITOR_SECTIONS: ReadonlyArray<readonly [string, readonly ActionGroup[]]> = [
  ['Editing', ['history', 'mark']],
  ['Structure', ['block', 'letter']],
  ['Breaks and notes', ['inline']],
  ['Marking entities', ['entity']],
];

function sections(): Array<{ title: string; rows: Row[] }> {
  return [
    { title: 'Window', rows: windowActions.map((a) => ({ label: a.label, keys: a.keys })) },
    { title: 'Document list', rows: LIST_KEYS.map((k) => ({ label: k.label, keys: k.keys })) },
    ...EDITOR_SECTIONS.map(([title, groups]) => ({
      title,
      rows: editorActions
        .filter((a) => groups.includes(a.group) && a.keys.length > 0)
        .map((a) => ({ label: a.label, keys: a.keys })),
    })),
    { title: 'Page image, in the text', rows: textKeys.map((k) => ({ label: k.label, keys: k.keys })) },
    { title: 'Page image, on the image', rows: viewerKeys.map((k) => ({ label: k.label, keys: k.keys })) },
  ];
}

export default function ShortcutSheet(props: { onClose: () => void }) {
  let dialog!: HTMLDialogElement;
  onMount(() => dialog.showModal());
  return (
    <dialog ref={dialog} class="shortcut-sheet" aria-labelledby="shortcut-sheet-title" onClose={() => props.onClose()}>
      <header class="shortcut-sheet-head">
        <h2 id="shortcut-sheet-title">Keyboard shortcuts</h2>
        <button type="button" class="panel-close" aria-label="Close the shortcuts" onClick={() => dialog.close()}>
          ×
        </button>
      </header>
      <div class="shortcut-sheet-body">
        <For each={sections()}>
          {(section) => (
            <section class="shortcut-section">
              <h3>{section.title}</h3>
              <table>
                <tbody>
                  <For each={section.rows}>
                    {(row) => (
                      <tr>
                        <th scope="row">{row.label}</th>
                        <td>
                          <For each={row.keys}>
                            {(key, i) => (
                              <>
                                {i() > 0 ? ' or ' : ''}
                                <kbd>{shown(key)}</kbd>
                              </>
                            )}
                          </For>
                        </td>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
            </section>
          )}
        </For>
      </div>
    </dialog>
  );
}
