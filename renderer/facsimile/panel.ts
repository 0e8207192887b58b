/**
 * Whether the page-image panel is open. One per window, so a module signal (as the
 * variants panel's): the toolbar button and the window's shortcut set it, the dock reads
 * it, and turning line mode on opens it.
 */
import { createSignal } from 'solid-js';

const [facsimileOpen, setFacsimileOpen] = createSignal(false);

export { facsimileOpen, setFacsimileOpen };
