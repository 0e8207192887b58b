/**
 * Picks files to import: plain text, TEI, and page images with the METS, PAGE or ALTO
 * files or IIIF manifest that go with them (a picker gives bare names; the Node side
 * matches a METS's paths to them).
 */
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
        title="Import plain-text or TEI files, or page images with their METS, PAGE or ALTO files (or drop them on the window)"
      >
        {project.importing ? 'Importing…' : 'Import…'}
      </button>
      <input
        ref={input}
        class="visually-hidden"
        tabIndex={-1}
        type="file"
        multiple
        accept=".txt,.xml,.tei,.json,.tif,.tiff,.jpg,.jpeg,.png,.webp,text/plain,application/xml,text/xml,application/tei+xml,image/tiff,image/jpeg,image/png,image/webp"
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
