/**
 * Reading what an export prints, with its progress: the documents of the target into
 * a print edition, sending 'export-progress' events under the call's id (about fifty
 * for a long volume, then 'build'), and the API's view of what did not land.
 */
import { randomUUID } from 'node:crypto';
import type {
  EditionFormat,
  ExportMisplaced,
  ExportPhase,
  ProjectPrintSettings,
  TargetRef,
} from '../../edition/api.ts';
import type { PdfResult } from '../pdf/render.ts';
import { gatherEdition } from './edition-source.ts';
import type { ServiceContext } from './table.ts';

/** A document of the edition by its place in it: its id and title. */
export type TitleOf = (i: number) => { documentId: string; document: string };

/**
 * Reads the documents of `target` into a print edition, sending progress events under
 * `given` (else a new id). `stages` is how many steps follow the documents.
 */
export function gather(
  ctx: ServiceContext,
  target: TargetRef,
  given: string | undefined,
  current: ProjectPrintSettings,
  fmt: EditionFormat,
  stages: number,
) {
  const id = given ?? randomUUID();
  let total = stages;
  const progress = (phase: ExportPhase, done: number, of = total): void =>
    ctx.emit([{ type: 'export-progress', id, done, total: of, phase }]);
  const gathered = gatherEdition(
    ctx.store,
    ctx.authority,
    target,
    current,
    (done, count) => {
      total = count + stages;
      if (done === count || done % Math.ceil(count / 50) === 0) progress('documents', done);
    },
    fmt !== 'pdf',
  );
  const docs = gathered.documentIds.length;
  const titleOf: TitleOf = (i) => ({
    documentId: gathered.documentIds[i] ?? '',
    document: gathered.edition.documents[i]?.title ?? '',
  });
  const printed = gathered.edition.documents.reduce((n, d) => n + d.apparatus.length, 0);
  progress('build', docs + 1);
  return { id, gathered, progress, docs, titleOf, printed };
}

/** A PDF layout's misplaced entries as the API reports them. */
export function misplacedOf(list: PdfResult['misplaced'], titleOf: TitleOf): ExportMisplaced[] {
  return list.map((m) => ({
    kind: m.kind,
    ...titleOf(m.document),
    index: m.index,
    lemmaPage: m.lemmaPage,
    printedPage: m.printedPage,
    reason: m.reason,
  }));
}
