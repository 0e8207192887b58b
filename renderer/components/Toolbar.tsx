/**
 * The toolbar: history, structure, highlighting, breaks and notes, entities, the panels;
 * the save status at the right. The tools wrap among themselves in a narrow window, but
 * at 1280 pixels and wider they hold one row (the panels open below, not beside it)
 * and the save status is never pushed out of view. Exporting lives in the sidebar.
 */
import AttributesToggle from '../attributes/AttributesToggle.tsx';
import EntityMenu from '../entities/EntityMenu.tsx';
import PanelButtons from '../entities/PanelButtons.tsx';
import { useStores } from '../stores/context.ts';
import VariantsToggle from '../collation/VariantsToggle.tsx';
import SaveIndicator from './SaveIndicator.tsx';
import StructureMenu from './StructureMenu.tsx';
import ToolbarButton from './ToolbarButton.tsx';

export default function Toolbar() {
  const [, editor] = useStores().editor;
  return (
    // Button states wait for a pause in typing; reaching for the toolbar is one.
    <div class="toolbar" role="toolbar" aria-label="Editing" onPointerEnter={() => editor.refresh()}>
      <div class="toolbar-tools">
        <div class="tool-group">
          <ToolbarButton actionId="undo" text="↶" />
          <ToolbarButton actionId="redo" text="↷" />
        </div>
        <div class="tool-group">
          <StructureMenu />
        </div>
        <div class="tool-group">
          <ToolbarButton actionId="italic" text="I" class="tool-italic" />
          <ToolbarButton actionId="bold" text="B" class="tool-bold" />
          <ToolbarButton actionId="smallcaps" text="Sc" class="tool-smallcaps" />
          <ToolbarButton actionId="superscript" text="x²" />
        </div>
        <div class="tool-group">
          <ToolbarButton actionId="pageBreak" text="Page…" class="tool-text" />
          <ToolbarButton actionId="lineBreak" text="↵" />
          <ToolbarButton actionId="note" text="Note" class="tool-text" />
        </div>
        <div class="tool-group">
          <EntityMenu />
        </div>
        <div class="tool-group tool-panels" aria-label="Panels" role="group">
          <PanelButtons />
          <VariantsToggle />
          <AttributesToggle />
        </div>
      </div>
      <SaveIndicator />
    </div>
  );
}
