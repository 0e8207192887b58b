/**
 * A writer for the kill tests, killed with SIGKILL at some moment by the test.
 *
 *   node --import tsx writer-child.ts steps PROJECT DOCUMENT_ID
 *     pushes one typed word after another, printing each version as soon as the
 *     service has acknowledged (committed) it;
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

const [mode, path, arg] = process.argv.slice(2);
if (path === undefined || arg === undefined) throw new Error('usage: writer-child.ts steps|import PROJECT ARG');

if (mode === 'import') {
  const parsed = JSON.parse(readFileSync(arg, 'utf8')) as TeiImport;
  const service = openService(path, {
    parseFile: async () => {
      writeSync(1, 'parsed\n');
      return parsed;
    },
  });
  await service.importFiles({ files: [{ name: 'volume.xml', text: '' }] });
  writeSync(1, 'done\n');
  service.close();
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
    if (version % 5 === 0) await new Promise((r) => setTimeout(r, 6)); // let idle snapshots run too
  }
}
