/** One collection in the sidebar: a disclosure row, and its documents when open. */
import { For, Show } from 'solid-js';
import type { CollectionInfo } from '../../edition/api.ts';
import { useStores } from '../stores/context.ts';
import { rowKey, useDocListFocus } from './docList.ts';
import DocumentRow from './DocumentRow.tsx';

export default function CollectionGroup(props: { collection: CollectionInfo }) {
  const [, actions] = useStores().project;
  const open = () => actions.isOpen(props.collection.id);
  const list = useDocListFocus();
  const key = () => rowKey('collection', props.collection.id);

  return (
    <section class="collection">
      <button
        type="button"
        class="collection-row"
        aria-expanded={open()}
        data-row-key={key()}
        tabIndex={list.isStop(key()) ? 0 : -1}
        onClick={() => actions.toggle(props.collection.id)}
        title={props.collection.title}
      >
        <span class="disclosure" aria-hidden="true">
          {open() ? '▾' : '▸'}
        </span>
        <span class="collection-title">{props.collection.title}</span>
        <span class="count">{props.collection.documentCount}</span>
      </button>
      <Show when={open()}>
        <ul class="doc-list" aria-label={props.collection.title}>
          <For each={actions.documentsIn(props.collection.id)}>{(doc) => <DocumentRow document={doc} />}</For>
        </ul>
      </Show>
    </section>
  );
}
