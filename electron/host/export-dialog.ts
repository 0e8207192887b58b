/**
 * The desktop app's edition exports go where the user said in a save dialog, never
 * where a page asked: the main process puts every `exportEdition` call through
 * `withChosenPath`, which shows the dialog (the path the page sent is only its
 * suggestion) and passes on the path the user chose. Free of Electron, so it is
 * tested; main.ts gives it Electron's `dialog.showSaveDialog`.
 */
import type { EditionFormat } from '../../edition/api.ts';
import { SiglumError } from '../../edition/errors.ts';

/** Asks the user where to write; resolves with the chosen path, or null when cancelled. */
export type AskSavePath = (request: { format: EditionFormat; suggested: string }) => Promise<string | null>;

const EXTENSIONS: Readonly<Record<EditionFormat, string>> = { pdf: '.pdf', latex: '.tex', html: '' };

/**
 * `args` of an exportEdition call with `outPath` replaced by the path the user chose
 * (the format's extension added when the name has none). Rejects with a SiglumError
 * when the user cancels, so that nothing is written.
 */
export async function withChosenPath(args: unknown, ask: AskSavePath): Promise<Record<string, unknown>> {
  if (typeof args !== 'object' || args === null || Array.isArray(args)) {
    throw new SiglumError('bad-input', 'exportEdition takes one object argument.');
  }
  const o = args as Record<string, unknown>;
  const format = o['format'];
  if (format !== 'pdf' && format !== 'latex' && format !== 'html') {
    throw new SiglumError(
      'bad-input',
      `exportEdition needs "format" as pdf, html or latex, not ${JSON.stringify(format)}.`,
    );
  }
  const suggested = typeof o['outPath'] === 'string' ? o['outPath'] : '';
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
