import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { replyTo } from '../../../electron/host/dispatch.ts';
import { openService, type SiglumService } from '../../../electron/service/index.ts';

let dir: string;
let service: SiglumService;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'siglum-dispatch-'));
  service = openService(join(dir, 'p.siglum'), { create: true });
});
afterEach(() => {
  service.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Calls `method` through the wire's door and gives back the error it answers with. */
async function refusal(method: string, args: unknown): Promise<{ code: string; message: string }> {
  const reply = await replyTo(service, method, args);
  if (reply.ok) throw new Error(`${method} accepted ${JSON.stringify(args)}`);
  return { code: reply.error.code, message: reply.error.message };
}

describe('dispatch: the one place arguments are checked', () => {
  it('refuses a name that is no method, and an argument that is not one object', async () => {
    expect(await refusal('dropTables', {})).toEqual({
      code: 'bad-input',
      message: 'There is no API method called "dropTables".',
    });
    expect((await refusal('renameDocument', [1])).message).toBe('renameDocument takes one object as its argument.');
    expect((await refusal('renameDocument', null)).message).toBe('renameDocument takes one object as its argument.');
  });

  it("answers with each check's own sentence, the same in process and over the wire", async () => {
    const doc = await service.createDocument({ title: 'Despatch' });
    const cases: Array<[string, unknown, string, string]> = [
      ['renameDocument', { id: doc.id }, 'bad-input', 'renameDocument needs "title" as a string.'],
      [
        'renameDocument',
        { id: doc.id, title: '  ' },
        'bad-input',
        'A title cannot be empty. Type a title and try again.',
      ],
      [
        'renameDocument',
        { id: 'x1', title: 'A' },
        'not-found',
        'There is no document with id "x1". List the documents to find its id.',
      ],
      [
        'openDocument',
        { id: 'a'.repeat(10_001) },
        'bad-input',
        'The "id" of openDocument is longer than 10,000 characters. Shorten it and try again.',
      ],
      [
        'pushSteps',
        { documentId: doc.id, version: 0, clientID: '', steps: [] },
        'bad-input',
        'pushSteps needs "clientID" as a string of 1 to 200 characters.',
      ],
      [
        'stepsSince',
        { documentId: doc.id, version: -1 },
        'bad-input',
        'stepsSince needs "version" as a whole number of at least 0.',
      ],
      [
        'moveDocument',
        { id: doc.id, position: 1.5 },
        'bad-input',
        'moveDocument needs "position" as a whole number of at least 0.',
      ],
      ['exportTei', {}, 'bad-input', 'Say what to export: a documentId, a collectionId, or all: true.'],
      [
        'exportTei',
        { documentId: doc.id, at: 'soon' },
        'bad-input',
        'exportTei needs "at" as a version number or a date and time (ISO 8601).',
      ],
      ['importFiles', { files: [] }, 'bad-input', 'Choose at least one file to import.'],
      [
        'importFiles',
        { files: [{ name: 'a.txt', text: 'a' }], existing: 'merge' },
        'bad-input',
        'importFiles takes "existing" as one of "new", "replace", "update", or none.',
      ],
      ['updateMeta', { id: doc.id, meta: [] }, 'bad-input', 'updateMeta needs "meta" as an object.'],
      [
        'updateMeta',
        { id: doc.id, meta: { title: 'A', date: 3 } },
        'bad-input',
        'updateMeta needs "meta.date" as a string or null.',
      ],
      [
        'searchEntities',
        { query: 'Hull', limit: 0 },
        'bad-input',
        'searchEntities needs "limit", when given, as a whole number from 1 to 200.',
      ],
      [
        'deleteEntity',
        { id: '1', force: 'yes' },
        'bad-input',
        'deleteEntity needs "force", when given, as true or false.',
      ],
      [
        'acceptSuggestions',
        { entityId: '1', documentId: doc.id, contextHashes: [1] },
        'bad-input',
        'acceptSuggestions needs "contextHashes", when given, as a list of strings.',
      ],
      [
        'nameVersion',
        { name: '   ' },
        'bad-input',
        'A version needs a name of 1 to 200 characters. Type one and try again.',
      ],
      [
        'diffVersions',
        { documentId: doc.id, from: 0, to: 'now' },
        'bad-input',
        'diffVersions needs "to" as a whole number of at least 0.',
      ],
      [
        'restoreFromTrash',
        { id: 'none' },
        'not-found',
        'That document is no longer in the trash. List the trash to see what it holds.',
      ],
      [
        'purgeTrash',
        { id: 'none' },
        'not-found',
        'That document is no longer in the trash. List the trash to see what it holds.',
      ],
      [
        'updateWitness',
        { id: 'w' },
        'not-found',
        'There is no witness with id "w". List the document\'s witnesses to find it.',
      ],
      [
        'setBase',
        { documentId: doc.id, witnessId: 3 },
        'bad-input',
        'setBase needs "witnessId" as a witness id, or null for the document\'s own text.',
      ],
      [
        'exportEdition',
        { all: true, format: 'docx', outPath: '/tmp/x' },
        'bad-input',
        'exportEdition needs "format" as pdf, html or latex, not "docx".',
      ],
      [
        'exportEdition',
        { all: true, format: 'pdf', outPath: ' ' },
        'bad-input',
        'exportEdition needs "outPath": the file (PDF, LaTeX) or folder (HTML) to write.',
      ],
      [
        'exportEdition',
        { all: true, format: 'pdf', outPath: '/tmp/x.pdf', ifExists: 'keep' },
        'bad-input',
        'exportEdition\'s "ifExists" is "replace" or "rename", not "keep".',
      ],
      [
        'previewPages',
        { all: true, count: 13 },
        'bad-input',
        'previewPages needs "count" as a whole number from 1 to 12, not 13.',
      ],
      [
        'searchProject',
        { query: 'a', in: ['body'] },
        'bad-input',
        'searchProject searches in text, notes, apparatus, names, titles, meta; "body" is none of them.',
      ],
      [
        'searchProject',
        { query: 'a', dateFrom: '12 May' },
        'bad-input',
        'searchProject needs "dateFrom" as a date written YYYY, YYYY-MM or YYYY-MM-DD.',
      ],
      [
        'listDocumentsSorted',
        { sort: 'size' },
        'bad-input',
        'listDocumentsSorted sorts by position, date, title or edited; "size" is none of them.',
      ],
      ['previewReplace', { find: '', replace: 'b' }, 'bad-input', 'Type the text to find before replacing.'],
      [
        'applyReplace',
        { find: 'a', replace: 'b', documents: [{ documentId: doc.id, version: 0, indices: [0.5] }] },
        'bad-input',
        'applyReplace needs "indices", when given, as a list of whole numbers.',
      ],
      [
        'undoReplace',
        { documentId: doc.id, version: 0, changes: [{ from: 1, to: 2, original: 'a' }] },
        'bad-input',
        'undoReplace needs "replacement" as a string.',
      ],
    ];
    for (const [method, args, code, message] of cases) {
      expect(await refusal(method, args), method).toEqual({ code, message });
      const direct = (service as unknown as Record<string, (a: unknown) => Promise<unknown>>)[method]!;
      await expect(direct(args), method).rejects.toMatchObject({ code, message });
    }
  });

  it('hands the handler ids as numbers and metadata fields as own properties', async () => {
    const doc = await service.createDocument({ title: 'Despatch' });
    const extra = JSON.parse('{"__proto__": "kept", "frus:n": "12"}') as Record<string, string>;
    await service.updateMeta({ id: doc.id, meta: { title: ' Despatch 2 ', date: null, source: null, extra } });
    const opened = await service.openDocument({ id: doc.id });
    expect(opened.info.title).toBe('Despatch 2');
    expect(opened.meta.extra['frus:n']).toBe('12');
    expect(Object.getPrototypeOf(opened.meta.extra)).toBe(Object.prototype);
  });
});
