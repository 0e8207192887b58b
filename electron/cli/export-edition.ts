/**
 * `siglum export ... --format pdf|html|latex`: the edition through the service's
 * `exportEdition`, with a summary line on stdout and every note or apparatus entry
 * that did not land where it belongs as a warning line on stderr.
 *
 * Exit status: 0 when everything was placed; 3 when the file was written but some
 * note or entry is misplaced or could not be set (the warnings say which), so that a
 * script notices; 1 (nothing written) when the export failed.
 */
import type { EditionFormat, ExportResult, ExportTarget } from '../../edition/api.ts';
import { openService } from '../service/index.ts';
import type { Output } from './output.ts';

/** Written, but some note or apparatus entry is not where it belongs. */
export const EXIT_INCOMPLETE = 3;

export function isEditionFormat(format: string): format is EditionFormat {
  return format === 'pdf' || format === 'html' || format === 'latex';
}

function plural(n: number, word: string, words = `${word}s`): string {
  return `${n} ${n === 1 ? word : words}`;
}

/** The one-line summary of an export. */
export function summaryLine(r: ExportResult): string {
  const parts: string[] = [];
  if (r.pages !== undefined) parts.push(plural(r.pages, 'page'));
  if (r.files !== undefined) parts.push(plural(r.files, 'file'));
  const where = r.format === 'pdf' ? 'on their pages' : 'placed';
  parts.push(
    `${plural(r.placed.notes, 'note')} and ${plural(r.placed.apparatus, 'apparatus entry', 'apparatus entries')} ${where}`,
  );
  const missing = r.misplaced.length + r.rejected.length;
  if (missing > 0) parts.push(`${missing} not placed (see warnings)`);
  return `${r.index ?? r.path}: ${parts.join(', ')}.`;
}

/** The warning lines of an export: one per misplaced or rejected entry, then the general ones. */
export function warningLines(r: ExportResult): string[] {
  const lines = r.misplaced.map((m) => {
    const what = m.kind === 'note' ? `note ${m.index + 1}` : `apparatus entry ${m.index + 1}`;
    const pages =
      m.lemmaPage !== null || m.printedPage !== null
        ? ` (${m.kind === 'note' ? 'call' : 'lemma'} on page ${m.lemmaPage ?? '?'}, printed on page ${m.printedPage ?? 'none'})`
        : '';
    return `siglum: warning: ${what} of "${m.document}" is not on its page${pages}: ${m.reason}`;
  });
  for (const r2 of r.rejected)
    lines.push(`siglum: warning: apparatus entry ${r2.index + 1} of "${r2.document}" could not be set: ${r2.reason}`);
  for (const w of r.warnings) lines.push(`siglum: warning: ${w}`);
  return lines;
}

/** Runs the export on an existing project; resolves with the exit status. */
export async function exportEditionCommand(
  projectPath: string,
  target: ExportTarget,
  format: EditionFormat,
  outPath: string,
  io: Output,
): Promise<number> {
  const service = openService(projectPath);
  let result: ExportResult;
  try {
    result = await service.exportEdition({ ...target, format, outPath });
  } finally {
    service.close();
  }
  io.out(summaryLine(result));
  for (const line of warningLines(result)) io.err(line);
  return result.misplaced.length + result.rejected.length > 0 ? EXIT_INCOMPLETE : 0;
}
