/**
 * `validateDocument`: the document's TEI export checked against tei_all, or the FRUS
 * schema when the export uses the FRUS namespace, each problem located in the
 * document. The document is exported as export writes it, with position markers
 * (edition/tei positions.ts), which validators ignore, so a message's line leads to its
 * block, and its line and column are those of the written file.
 */
import { Node } from 'prosemirror-model';
import type { DocJSON, DocumentValidation, TeiProblem } from '../../edition/api.ts';
import { SiglumError } from '../../edition/errors.ts';
import { schema } from '../../edition/schema.ts';
import { columnWithoutMarkers, positionOfMessage, withPositionMarkers } from '../../edition/tei/positions.ts';
import type { Store } from '../../db/store.ts';
import { suggestedSchema, validateTei } from '../validate.ts';
import type { CollabAuthority } from './authority.ts';
import { documentTei, type RegisterForExport } from './exporter.ts';

/** The most problems one answer lists (a broken volume can give thousands). */
const MAX_PROBLEMS = 200;

/** A document sent by the window, checked against the schema ('bad-input' when it does not fit). */
function docOf(value: unknown): Node {
  try {
    const doc = Node.fromJSON(schema, value as DocJSON);
    doc.check();
    return doc;
  } catch (e) {
    throw new SiglumError(
      'bad-input',
      `The document to validate does not fit Siglum's model (${e instanceof Error ? e.message : String(e)}).`,
    );
  }
}

/** Validates document `id`'s TEI export, of `doc` when given (the editor's current state). */
export async function validateDocument(
  store: Store,
  authority: CollabAuthority,
  id: number,
  doc: unknown,
  register?: RegisterForExport,
): Promise<DocumentValidation> {
  const current = doc === undefined ? authority.peek(id) : docOf(doc);
  const marked = withPositionMarkers(current).toJSON() as DocJSON;
  // The file export writes (a letter's own header and all), so a problem's line is the file's.
  const { xml, fileName } = documentTei(store, authority, id, register, marked);
  const which = suggestedSchema(xml);
  const result = await validateTei(xml, { schema: which, fileName });
  const problems: TeiProblem[] = result.messages.slice(0, MAX_PROBLEMS).map((m) => ({
    message: m.message,
    line: m.line,
    column: columnWithoutMarkers(xml, m.line, m.column),
    pos: positionOfMessage(xml, m.line, m.column),
  }));
  return { documentId: String(id), schema: which, validator: result.validator, valid: result.valid, problems };
}
