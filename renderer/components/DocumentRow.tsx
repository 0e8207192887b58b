/**
 * A document in the sidebar: its number in the volume, if any, and its title.
 * Double-click the title to rename the document (Enter keeps, Escape cancels).
 */
import { createSignal, Show } from 'solid-js';
import type { DocumentInfo } from '../../edition/api.ts';
import { useStores } from '../stores/context.ts';
import { rowKey, useDocListFocus } from './docList.ts';

export default function DocumentRow(props: { document: DocumentInfo }) {
  const [project, actions] = useStores().project;
  const [editing, setEditing] = createSignal(false);
  const current = () => project.currentId === props.document.id;
  const list = useDocListFocus();
  const key = () => rowKey('document', props.document.id);

  const finish = (input: HTMLInputElement, keep: boolean) => {
    if (!editing()) return;
    setEditing(false);
    if (keep) void actions.rename(props.document.id, input.value);
  };

  return (
    <li>
      <Show
        when={editing()}
        fallback={
          <a
            class="doc-row"
            classList={{ current: current(), matter: props.document.kind !== 'document' }}
            href={`#/doc/${encodeURIComponent(props.document.id)}`}
            aria-current={current() ? 'page' : undefined}
            data-row-key={key()}
            tabIndex={list.isStop(key()) ? 0 : -1}
            title={`${props.document.title} (double-click to rename)`}
            onDblClick={(e) => {
              e.preventDefault();
              setEditing(true);
            }}
          >
            <span class="doc-n">{props.document.n ?? ''}</span>
            <span class="doc-title">{props.document.title || 'Untitled'}</span>
          </a>
        }
      >
        <div class="doc-row editing">
          <span class="doc-n">{props.document.n ?? ''}</span>
          <input
            class="doc-rename"
            value={props.document.title}
            aria-label="Document title"
            ref={(el) => queueMicrotask(() => el.select())}
            onKeyDown={(e) => {
              if (e.key === 'Enter') finish(e.currentTarget, true);
              else if (e.key === 'Escape') finish(e.currentTarget, false);
            }}
            onBlur={(e) => finish(e.currentTarget, true)}
          />
        </div>
      </Show>
    </li>
  );
}
