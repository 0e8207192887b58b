/** Picks plain-text or TEI files to import. */
import { useStores } from '../stores/context.ts';

export default function ImportButton() {
  const [project, actions] = useStores().project;
  let input!: HTMLInputElement;

  return (
    <div class="import">
      <button
        type="button"
        class="button primary"
        disabled={project.importing}
        onClick={() => input.click()}
        title="Import plain-text or TEI files (or drop them on the window)"
      >
        {project.importing ? 'Importing…' : 'Import…'}
      </button>
      <input
        ref={input}
        class="visually-hidden"
        tabIndex={-1}
        type="file"
        multiple
        accept=".txt,.xml,.tei,text/plain,application/xml,text/xml,application/tei+xml"
        aria-label="Import files"
        data-testid="import-input"
        onChange={(e) => {
          const files = [...(e.currentTarget.files ?? [])];
          e.currentTarget.value = '';
          void actions.importFiles(files);
        }}
      />
    </div>
  );
}
