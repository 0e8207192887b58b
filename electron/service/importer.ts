/**
 * Importing files: every file is parsed first, then everything is written in one
 * transaction. A file that fails to parse, or a write that fails, leaves the project
 * exactly as it was.
 */
import { Node } from 'prosemirror-model';
import type { DocJSON, ImportedDocument, ImportFile } from '../../edition/api.ts';
import { SiglumError } from '../../edition/errors.ts';
import { schema } from '../../edition/schema.ts';
import { insertCollection } from '../../db/collections.ts';
import { insertDocument } from '../../db/documents.ts';
import { apiId } from '../../db/ids.ts';
import { putSnapshot } from '../../db/snapshots.ts';
import type { Store } from '../../db/store.ts';
import { importRegister, linkImportedMentions } from './entities.ts';
import { isTeiImport, type FileParser, type PlainImport, type TeiImport } from './formats.ts';
import { storeImportedWitnesses, witnessesFromTei } from './witnesses.ts';

/** The most files one import may carry. */
const MAX_FILES = 1000;

/** Checks an importer's document against the schema; returns it as the store keeps it. */
function checkedDoc(json: DocJSON, fileName: string, title: string): DocJSON {
  try {
    const node = Node.fromJSON(schema, json);
    node.check();
    return node.toJSON() as DocJSON;
  } catch (e) {
    throw new SiglumError(
      'invalid-tei',
      `${fileName}: "${title}" does not fit Siglum's document model (${e instanceof Error ? e.message : String(e)}).`,
    );
  }
}

/** Checks the shape of an import file received over the wire. */
export function checkImportFiles(files: unknown[]): ImportFile[] {
  if (files.length === 0) throw new SiglumError('bad-input', 'Choose at least one file to import.');
  if (files.length > MAX_FILES) {
    throw new SiglumError(
      'too-large',
      `One import may hold at most ${MAX_FILES} files. Import them in smaller groups.`,
    );
  }
  return files.map((f, i) => {
    const o = (typeof f === 'object' && f !== null ? f : {}) as Record<string, unknown>;
    const name = o['name'];
    if (typeof name !== 'string' || name === '')
      throw new SiglumError('bad-input', `File ${i + 1} of the import has no name.`);
    const text = o['text'];
    const base64 = o['base64'];
    if (typeof text === 'string') return { name, text };
    if (typeof base64 === 'string') return { name, base64 };
    throw new SiglumError('bad-input', `${name}: the file has no content.`);
  });
}

/** Parses every file, then writes them all in one transaction. */
export async function importFiles(store: Store, parse: FileParser, files: ImportFile[]): Promise<ImportedDocument[]> {
  const parsed: Array<{ file: ImportFile; result: TeiImport | PlainImport }> = [];
  for (const file of files) parsed.push({ file, result: await parse(file) });

  // Checked before the transaction, so that no time is spent holding the write lock.
  type Prepared = { kind: 'tei'; tei: TeiImport } | { kind: 'plain'; plain: PlainImport };
  const prepared = parsed.map(({ file, result }): Prepared =>
    isTeiImport(result)
      ? {
          kind: 'tei',
          tei: {
            ...result,
            collection: result.collection,
            documents: result.documents.map((d) => ({ ...d, doc: checkedDoc(d.doc, file.name, d.title) })),
          },
        }
      : { kind: 'plain', plain: { ...result, doc: checkedDoc(result.doc, file.name, result.title) } },
  );

  // The witnesses a TEI file lists, with their texts read from its apparatus.
  const witnesses = new Map(prepared.map((p) => [p, p.kind === 'tei' ? witnessesFromTei(p.tei) : null]));

  return store.write((tx) => {
    const imported: ImportedDocument[] = [];
    for (const p of prepared) {
      if (p.kind === 'plain') {
        const info = insertDocument(tx, {
          collectionId: null,
          kind: 'document',
          title: p.plain.title,
          n: null,
          frameKey: null,
          meta: p.plain.meta,
        });
        putSnapshot(tx, Number(info.id), 0, p.plain.doc);
        imported.push({ id: info.id, title: info.title, collection: null });
        continue;
      }
      const { collection } = p.tei;
      const collectionId = insertCollection(tx, {
        title: collection.title,
        kind: 'volume',
        frame: collection.frame,
        meta: collection.meta,
      });
      // The volume's register, in the same transaction; its mentions then point at store ids.
      const refs = importRegister(tx, p.tei.register ?? [], collectionId);
      for (const d of p.tei.documents) {
        const info = insertDocument(tx, {
          collectionId,
          kind: d.kind,
          title: d.title,
          n: d.n,
          frameKey: d.key,
          meta: d.meta,
        });
        putSnapshot(tx, Number(info.id), 0, linkImportedMentions(d.doc, refs));
        storeImportedWitnesses(tx, Number(info.id), witnesses.get(p)?.get(d.key));
        imported.push({ id: info.id, title: info.title, collection: apiId(collectionId) });
      }
    }
    return imported;
  });
}
