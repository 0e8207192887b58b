/** The button in the sidebar's head that collapses it to a rail. */
import { formatKey } from '../editor/actions.ts';
import { setSidebarCollapsed } from './layoutState.ts';
import { windowActions } from './windowActions.ts';

export default function SidebarCollapse() {
  const key = windowActions.find((a) => a.id === 'sidebar')?.keys[0];
  return (
    <button
      type="button"
      class="sidebar-collapse"
      aria-label="Hide the sidebar"
      aria-expanded="true"
      title={`Hide the sidebar${key ? ` (${formatKey(key)})` : ''}`}
      onClick={() => setSidebarCollapsed(true)}
    >
      «
    </button>
  );
}
