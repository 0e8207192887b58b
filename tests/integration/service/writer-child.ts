/**
 * A writer for the kill tests, killed with SIGKILL at some moment by the test.
 *
 *   node --import tsx writer-child.ts steps PROJECT DOCUMENT_ID
 *     pushes one typed word after another, printing each version as soon as the
 *     service has acknowledged (committed) it;
 *   node --import tsx writer-child.ts collab PROJECT DOCUMENT_ID NAME
 *     one of several writers on one document: types "NAME-n " words at the end as an
 *     editor does (prosemirror-collab: when behind, fetches, rebases and pushes again),
 *     printing each word's n once the store has committed it;
 *   node --import tsx writer-child.ts import PROJECT PARSED_JSON
 *     imports a parsed volume (TeiImport as JSON), printing "parsed" before the
 *     import checks and writes it, and "done" once it has committed.
 */
import { readFileSync, writeSync } from 'node:fs';
import { Node } from 'prosemirror-model';
import { Transform } from 'prosemirror-transform';
import { schema } from '../../../edition/schema.ts';
import { openService } from '../../../electron/service/index.ts';
import type { TeiImport } from '../../../electron/service/formats.ts';
import { importFiles } from '../../../electron/service/importer.ts';
import { wireFile } from '../../../electron/service/import-source.ts';
import { CollabAuthority } from '../../../electron/service/authority.ts';
import { Store } from '../../../db/store.ts';
import { CollabClient } from './collab-client.ts';

const [mode, path, arg] = process.argv.slice(2);
if (path === undefined || arg === undefined) throw new Error('usage: writer-child.ts steps|import PROJECT ARG');

if (mode === 'import') {
  const parsed = JSON.parse(readFileSync(arg, 'utf8')) as TeiImport;
  const store = Store.open(path);
  // A small page cache makes the transaction spill pages into the WAL long before it
  // commits, so that the test can kill it in the middle.
  store.db.pragma('cache_size = 20');
  const parse = async (): Promise<TeiImport> => {
    writeSync(1, 'parsed\n');
    return parsed;
  };
  await importFiles(store, new CollabAuthority(store), parse, [wireFile({ name: 'volume.xml', text: '' })], 'new');
  writeSync(1, 'done\n');
  store.close();
} else if (mode === 'collab') {
  const name = process.argv[5] ?? 'writer';
  const service = openService(path, { snapshots: { everySteps: 7, idleMs: 5 } });
  const client = await CollabClient.open(service, arg, name);
  for (let n = 0; ; n++) {
    client.type(`${name}-${n} `, client.state.doc.content.size - 1);
    const mine = await client.sync();
    writeSync(1, `${n}\n`);
    // Wait until the other writer has written since this word: the two take turns, as
    // two people typing into one document do. Without it the writer whose copy is
    // current wins every race on an idle machine and the other never gets a word in.
    // The wait counts from the version this word was committed at, not the version the
    // client is at: the pull after a push may already hold the other's next word, and
    // waiting past it would leave both writers waiting for each other.
    while ((await service.stepsSince({ documentId: arg, version: mine })).steps.length === 0) {
      await new Promise((r) => setImmediate(r));
    }
  }
} else {
  const service = openService(path, { snapshots: { everySteps: 7, idleMs: 5 } });
  const opened = await service.openDocument({ id: arg });
  let doc = Node.fromJSON(schema, opened.doc);
  let version = opened.version;
  for (;;) {
    const tr = new Transform(doc).insert(doc.content.size - 1, schema.text(`w${version} `));
    const steps = tr.steps.map((s) => s.toJSON());
    const result = await service.pushSteps({ documentId: arg, version, clientID: 'writer', steps });
    if (!result.ok) throw new Error('the writer is alone: it cannot be behind');
    doc = tr.doc;
    version = result.version;
    writeSync(1, `${version}\n`);
    // A pause longer than idleMs, so that idle snapshots are taken too: the pause is the
    // load this writer makes, nothing waits on it.
    if (version % 5 === 0) await new Promise((r) => setTimeout(r, 6));
  }
}
