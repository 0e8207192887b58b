/**
 * A writer for the kill test: pushes one typed word after another to a document and
 * prints each version as soon as the service has acknowledged it (that is, committed
 * it). The test kills it with SIGKILL at a random moment.
 *
 *   node --import tsx writer-child.ts PROJECT DOCUMENT_ID
 */
import { writeSync } from 'node:fs';
import { Node } from 'prosemirror-model';
import { Transform } from 'prosemirror-transform';
import { schema } from '../../../edition/schema.ts';
import { openService } from '../../../electron/service/index.ts';

const [path, id] = process.argv.slice(2);
if (path === undefined || id === undefined) throw new Error('usage: writer-child.ts PROJECT DOCUMENT_ID');

const service = openService(path, { snapshots: { everySteps: 7, idleMs: 5 } });
const opened = await service.openDocument({ id });
let doc = Node.fromJSON(schema, opened.doc);
let version = opened.version;
for (;;) {
  const tr = new Transform(doc).insert(doc.content.size - 1, schema.text(`w${version} `));
  const result = await service.pushSteps({ documentId: id, version, clientID: 'writer', steps: tr.steps.map((s) => s.toJSON()) });
  if (!result.ok) throw new Error('the writer is alone: it cannot be behind');
  doc = tr.doc;
  version = result.version;
  writeSync(1, `${version}\n`);
  if (version % 5 === 0) await new Promise((r) => setTimeout(r, 6)); // let idle snapshots run too
}
