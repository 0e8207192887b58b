/**
 * The desktop app's edition exports go where the user said in a save dialog, never
 * where a page asked: the main process puts every `exportEdition` call through
 * `withChosenPath`, which shows the dialog (the path the page sent is only its
 * suggestion) and passes on the path the user chose. Free of Electron, so it is
 * tested; main.ts gives it Electron's `dialog.showSaveDialog`.
 */
import type { EditionFormat } from '../../edition/api.ts';
import { SiglumError } from '../../edition/errors.ts';
import { checkedArgs } from './dispatch.ts';

/** Asks the user where to write; resolves with the chosen path, or null when cancelled. */
export type AskSavePath = (request: { format: EditionFormat; suggested: string }) => Promise<string | null>;

const EXTENSIONS: Readonly<Record<EditionFormat, string>> = { pdf: '.pdf', latex: '.tex', html: '' };

/**
 * `args` of an exportEdition call with `outPath` replaced by the path the user chose
 * (the format's extension added when the name has none). Rejects with a SiglumError
 * when the user cancels, so that nothing is written.
 */
export async function withChosenPath(args: unknown, ask: AskSavePath): Promise<Record<string, unknown>> {
  // Checked as the call will be (dispatch), with the suggestion standing in for the path
  // still to be chosen: a call that would fail asks nothing.
  const o =
    typeof args === 'object' && args !== null && !Array.isArray(args) ? (args as Record<string, unknown>) : null;
  const suggested = typeof o?.['outPath'] === 'string' ? o['outPath'] : '';
  const { format } = checkedArgs('exportEdition', o === null ? args : { ...o, outPath: suggested || 'edition' });
  const chosen = await ask({ format, suggested });
  if (chosen === null || chosen === '') {
    throw new SiglumError(
      'bad-input',
      'The export was cancelled, so nothing was written. Export again to choose a place.',
    );
  }
  const ext = EXTENSIONS[format];
  const outPath = ext !== '' && !chosen.toLowerCase().endsWith(ext) ? chosen + ext : chosen;
  return { ...o, outPath };
}
