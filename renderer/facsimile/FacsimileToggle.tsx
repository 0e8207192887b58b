/**
 * The button that opens and closes the page-image panel. It sits in the document's
 * header, above the text: the images are the document's, and the toolbar has no room
 * left at 1280 px.
 */
import { formatKey } from '../editor/actions.ts';
import { windowActions } from '../layout/windowActions.ts';
import { facsimileOpen, setFacsimileOpen } from './panel.ts';

export default function FacsimileToggle() {
  const key = windowActions.find((a) => a.id === 'facsimilePanel')?.keys[0];
  return (
    <button
      type="button"
      class="facsimile-toggle"
      classList={{ active: facsimileOpen() }}
      aria-pressed={facsimileOpen()}
      title={`The page images of this document, beside the text${key ? ` (${formatKey(key)})` : ''}`}
      onMouseDown={(e) => e.preventDefault()}
      onClick={() => setFacsimileOpen(!facsimileOpen())}
    >
      Page images
    </button>
  );
}
