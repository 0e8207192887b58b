/** The toolbar button that opens and closes the variants panel. */
import { useStores } from '../stores/context.ts';
import { setVariantsOpen, variantsOpen } from './panel.ts';

export default function VariantsToggle() {
  const [project] = useStores().project;
  return (
    <button
      type="button"
      class="tool tool-text variants-toggle"
      classList={{ active: variantsOpen() }}
      aria-pressed={variantsOpen()}
      disabled={project.currentId === null}
      title="Witnesses, collation and apparatus of this document"
      onMouseDown={(e) => e.preventDefault()}
      onClick={() => setVariantsOpen(!variantsOpen())}
    >
      Variants
    </button>
  );
}
