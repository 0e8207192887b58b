/**
 * `siglum collate`: collates files given on the command line (each file a witness, its
 * siglum the file name without extension; TEI files give their running text), or a
 * document of the project with its witnesses, and prints the result as a table (the
 * parallel segmentation), CollateX JSON or CollateX TEI.
 */
import { basename, extname } from 'node:path';
import { Node } from 'prosemirror-model';
import {
  collateDocumentTexts,
  collateWitnesses,
  documentText,
  formatCollation,
  witnessTextFromPlain,
  type CollationFormat,
} from '../../edition/apparatus/index.ts';
import { SiglumError } from '../../edition/errors.ts';
import { schema } from '../../edition/schema.ts';
import { importTei } from '../../edition/tei/index.ts';
import { chooseProject } from '../paths.ts';
import { projectMustExist, withService, type Output } from './commands.ts';
import { readInputFile } from './input.ts';
import { UsageError } from './usage.ts';

const FORMATS: readonly CollationFormat[] = ['table', 'json', 'tei'];

/** How wide a table may be: the terminal's width, or 100 columns into a pipe or a file. */
function tableWidth(): number {
  return process.stdout.isTTY && process.stdout.columns > 0 ? process.stdout.columns : 100;
}

function formatOf(value: string | undefined): CollationFormat {
  const format = value ?? 'table';
  if (!(FORMATS as readonly string[]).includes(format))
    throw new UsageError(`collate --format is one of ${FORMATS.join(', ')} (got "${format}").`);
  return format as CollationFormat;
}

/** A witness from a file: its text (a TEI file's running text) and its siglum. */
async function witnessOf(file: string): Promise<{ siglum: string; text: string }> {
  let text = (await readInputFile(file)).toString('utf8').replace(/^\uFEFF/u, '');
  const ext = extname(file).toLowerCase();
  if (ext === '.xml' || ext === '.tei') {
    const imported = importTei(text, basename(file));
    text = imported.documents.map((d) => documentText(Node.fromJSON(schema, d.doc)).text).join('\n\n');
  } else if (text.trim() !== '') {
    // Plain text as document import reads it: `[Page 69]`, note callouts and the notes list are not words.
    text = witnessTextFromPlain(text, basename(file));
  }
  return { siglum: basename(file, extname(file)), text };
}

export async function collateCommand(
  files: string[],
  opts: { project?: string; document?: string; format?: string; 'near-match'?: boolean },
  io: Output,
): Promise<number> {
  const format = formatOf(opts.format);
  // --near-match: an unmatched word goes beside the most similar reading in its gap (a document's saved setting counts too).
  const nearMatch = opts['near-match'] === true;
  if (opts.document !== undefined) {
    if (files.length > 0) throw new UsageError('collate takes FILEs or --document ID, not both.');
    const project = chooseProject(opts.project);
    projectMustExist(project);
    const id = opts.document;
    // The document, its witnesses and settings as the variants panel reads them, collated by the same function.
    const { opened, witnesses, settings } = await withService(project, false, async (s) => ({
      opened: await s.openDocument({ id }),
      witnesses: await s.listWitnesses({ documentId: id }),
      settings: await s.getCollationSettings({ documentId: id }),
    }));
    if (witnesses.length === 0) {
      throw new SiglumError(
        'bad-input',
        `Document ${id} has no witnesses to collate with. Add one in the app, or collate files: siglum collate FILE FILE...`,
      );
    }
    const own = documentText(Node.fromJSON(schema, opened.doc)).text;
    const collated = collateDocumentTexts(own, witnesses, settings, { nearMatch });
    io.out(formatCollation(collated, format, tableWidth()));
    return 0;
  }
  if (files.length < 2)
    throw new UsageError('collate needs at least two FILEs (each one a witness), or --document ID.');
  const witnesses = await Promise.all(files.map(witnessOf));
  const seen = new Set<string>();
  for (const w of witnesses) {
    if (seen.has(w.siglum)) throw new UsageError(`Two files give the siglum "${w.siglum}"; rename one of them.`);
    seen.add(w.siglum);
  }
  io.out(formatCollation(collateWitnesses(witnesses, { nearMatch }), format, tableWidth()));
  return 0;
}
