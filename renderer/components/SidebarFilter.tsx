/** Narrows the sidebar to documents whose title holds the typed words, or whose number is typed. */
import { useStores } from '../stores/context.ts';

export default function SidebarFilter() {
  const [project, actions] = useStores().project;

  return (
    <div class="sidebar-filter">
      <input
        type="search"
        placeholder="Find by title or number"
        aria-label="Find a document by title or number"
        value={project.filter}
        onInput={(e) => actions.setFilter(e.currentTarget.value)}
      />
    </div>
  );
}
