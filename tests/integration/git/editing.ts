/** Edits as an editor makes them, for the Git tests: steps through the service, found by text. */
import { Node } from 'prosemirror-model';
import { Transform } from 'prosemirror-transform';
import { expect } from 'vitest';
import { schema } from '../../../edition/schema.ts';
import type { SiglumService } from '../../../electron/service/index.ts';

/** Applies `edit` to the document as steps, like an editor would. */
export async function edit(s: SiglumService, id: string, change: (tr: Transform) => void): Promise<void> {
  const opened = await s.openDocument({ id });
  const tr = new Transform(Node.fromJSON(schema, opened.doc));
  change(tr);
  const result = await s.pushSteps({
    documentId: id,
    version: opened.version,
    clientID: 'test',
    steps: tr.steps.map((st) => st.toJSON()),
  });
  expect(result.ok).toBe(true);
}

/** Replaces the first occurrence of `from` in the document's text by `to`. */
export function replaceText(from: string, to: string) {
  return (tr: Transform): void => {
    let at = -1;
    let marks: Node['marks'] = [];
    tr.doc.descendants((node, pos) => {
      if (at >= 0 || !node.isText) return at < 0;
      const i = node.text!.indexOf(from);
      if (i >= 0) [at, marks] = [pos + i, node.marks];
      return false;
    });
    if (at < 0) throw new Error(`"${from}" is not in the document`);
    tr.replaceWith(at, at + from.length, schema.text(to, marks));
  };
}

/** The id of the document titled `title`. */
export async function documentId(s: SiglumService, title: string): Promise<string> {
  const d = (await s.listDocuments({})).find((x) => x.title === title);
  if (d === undefined) throw new Error(`no document "${title}"`);
  return d.id;
}

/** The text of the document titled `title`. */
export async function text(s: SiglumService, title: string): Promise<string> {
  return Node.fromJSON(schema, (await s.openDocument({ id: await documentId(s, title) })).doc).textContent;
}

/** The project's named versions, as a document's history lists them. */
export async function namedVersions(s: SiglumService, title: string): Promise<Array<{ name: string }>> {
  return (await s.documentHistory({ documentId: await documentId(s, title) })).named;
}
