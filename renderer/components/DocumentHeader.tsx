/** Above the text: where the document sits (its volume and number), and the button that shows its page images. */
import { Show } from 'solid-js';
import FacsimileToggle from '../facsimile/FacsimileToggle.tsx';
import { useStores } from '../stores/context.ts';

export default function DocumentHeader() {
  const [project, actions] = useStores().project;
  const collection = () => {
    const id = actions.current()?.collectionId;
    return id ? project.collections.find((c) => c.id === id) : undefined;
  };

  return (
    <Show when={actions.current()}>
      {(doc) => (
        <header class="doc-header">
          <span class="doc-header-collection">{collection()?.title ?? project.title}</span>
          <Show when={doc().n}>
            <span class="doc-header-n">No. {doc().n}</span>
          </Show>
          <FacsimileToggle />
        </header>
      )}
    </Show>
  );
}
