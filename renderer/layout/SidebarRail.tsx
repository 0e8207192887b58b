/** The collapsed sidebar: a narrow rail whose one button shows the sidebar again. */
import { formatKey } from '../editor/actions.ts';
import { setSidebarCollapsed } from './layoutState.ts';
import { windowActions } from './windowActions.ts';

export default function SidebarRail() {
  const key = windowActions.find((a) => a.id === 'sidebar')?.keys[0];
  return (
    <nav class="sidebar-rail" aria-label="Project">
      <button
        type="button"
        class="rail-button"
        aria-label="Show the sidebar"
        aria-expanded="false"
        title={`Show the sidebar${key ? ` (${formatKey(key)})` : ''}`}
        onClick={() => setSidebarCollapsed(false)}
      >
        »
      </button>
    </nav>
  );
}
