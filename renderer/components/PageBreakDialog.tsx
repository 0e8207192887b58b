/** Asks for a page break's number and facsimile, to insert one or change one. */
import { useStores } from '../stores/context.ts';

export default function PageBreakDialog() {
  const [editor, actions] = useStores().editor;
  const changing = () => editor.pageBreakCurrent !== null;
  let n!: HTMLInputElement;
  let facs!: HTMLInputElement;

  const cancel = () => {
    actions.answerPageBreak(null);
  };

  return (
    <div
      class="dialog-backdrop"
      onMouseDown={(e) => {
        if (e.target === e.currentTarget) cancel();
      }}
    >
      <form
        class="dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="pb-title"
        onSubmit={(e) => {
          e.preventDefault();
          actions.answerPageBreak({ n: n.value, facs: facs.value });
        }}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.preventDefault();
            cancel();
          }
        }}
      >
        <h2 id="pb-title" class="dialog-title">
          {changing() ? 'Change page break' : 'Page break'}
        </h2>
        <label class="field">
          <span class="field-label">Page number</span>
          <input
            ref={(el) => {
              n = el;
              queueMicrotask(() => {
                el.focus();
                el.select();
              });
            }}
            name="n"
            value={editor.pageBreakCurrent?.n ?? editor.pageBreakProposal?.n ?? ''}
            autocomplete="off"
          />
        </label>
        <label class="field">
          <span class="field-label">Facsimile (optional)</span>
          <input
            ref={facs}
            name="facs"
            value={editor.pageBreakCurrent?.facs ?? editor.pageBreakProposal?.facs ?? ''}
            autocomplete="off"
            placeholder="images/page-069.png"
          />
        </label>
        <div class="dialog-buttons">
          <button type="button" class="button" onClick={cancel}>
            Cancel
          </button>
          <button type="submit" class="button primary">
            {changing() ? 'Change' : 'Insert'}
          </button>
        </div>
      </form>
    </div>
  );
}
