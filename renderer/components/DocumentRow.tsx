/** A document in the sidebar: its number in the volume, if any, and its title. */
import type { DocumentInfo } from '../../edition/api.ts';
import { useStores } from '../stores/context.ts';

export default function DocumentRow(props: { document: DocumentInfo }) {
  const [project] = useStores().project;
  const current = () => project.currentId === props.document.id;

  return (
    <li>
      <a
        class="doc-row"
        classList={{
          current: current(),
          matter: props.document.kind !== 'document',
        }}
        href={`#/doc/${encodeURIComponent(props.document.id)}`}
        aria-current={current() ? 'page' : undefined}
        title={props.document.title}
      >
        <span class="doc-n">{props.document.n ?? ''}</span>
        <span class="doc-title">{props.document.title || 'Untitled'}</span>
      </a>
    </li>
  );
}
