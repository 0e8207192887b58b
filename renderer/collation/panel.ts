/**
 * Which side panel the window shows beside the text. One per window, so a module
 * signal: the toolbar button sets it, the editor pane reads it.
 */
import { createSignal } from 'solid-js';

const [variantsOpen, setVariantsOpen] = createSignal(false);

export { variantsOpen, setVariantsOpen };
