/**
 * `validateDocument`: the seed despatch's TEI export is valid against tei_all; a
 * heading after a paragraph (what Enter used to make) is a problem located at that
 * heading's block, both in the editor's unsaved document and in the stored one. A
 * letter imported from a file of its own is checked as export writes it, with the
 * file's own header, so a problem's line and column are those of the written file.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Node } from 'prosemirror-model';
import { describe, expect, it } from 'vitest';
import type { DocJSON } from '../../../edition/api.ts';
import { schema } from '../../../edition/schema.ts';
import { columnWithoutMarkers, positionOfMessage, withPositionMarkers } from '../../../edition/tei/positions.ts';
import { runCli } from '../../../electron/cli/main.ts';
import { parseInProcess } from '../../../electron/service/formats.ts';
import { serviceFixture } from './helpers.ts';

const shared = resolve(import.meta.dirname, '../../../../shared');
const seedText = readFileSync(join(shared, 'corpus/seed/frus1933v03-d63-grew-256.txt'), 'utf8');
const { service, tmp } = serviceFixture();

describe('validating a document as it is edited', () => {
  it('finds the seed valid and locates a heading after a paragraph at its block', async () => {
    const s = service('validate.siglum', { create: true, parseFile: parseInProcess });
    const { documents } = await s.importFiles({ files: [{ name: 'grew-256.txt', text: seedText }] });
    const id = documents[0]!.id;
    const stored = await s.validateDocument({ documentId: id });
    expect(stored).toMatchObject({ documentId: id, schema: 'tei_all', valid: true, problems: [] });

    const opened = await s.openDocument({ id });
    const doc = Node.fromJSON(schema, opened.doc);
    // A heading after the last paragraph, as Enter used to make.
    const at = doc.content.size;
    const broken = doc
      .replace(at, at, doc.slice(0, 0))
      .copy(
        doc.content.append(
          schema.nodes.doc.create(null, schema.nodes.heading.create(null, schema.text('Oops'))).content,
        ),
      );
    const result = await s.validateDocument({ documentId: id, doc: broken.toJSON() as DocJSON });
    expect(result.valid).toBe(false);
    expect(result.problems.length).toBeGreaterThan(0);
    const first = result.problems[0]!;
    expect(first.message).toMatch(/head/);
    expect(first.pos).toBe(at + 1);
    expect(broken.resolve(first.pos!).parent.type.name).toBe('heading');
    // The stored document is untouched by a check of the window's.
    expect((await s.validateDocument({ documentId: id })).valid).toBe(true);
  });

  it('refuses a document that does not fit the model in one sentence', async () => {
    const s = service('validate-bad.siglum', { create: true, parseFile: parseInProcess });
    const { documents } = await s.importFiles({ files: [{ name: 'grew-256.txt', text: seedText }] });
    await expect(
      s.validateDocument({
        documentId: documents[0]!.id,
        doc: { type: 'doc', content: [{ type: 'text', text: 'x' }] },
      }),
    ).rejects.toMatchObject({ code: 'bad-input' });
  });
});

describe('position markers', () => {
  it('point a message inside a block at that block, and one on a block’s start tag at it', () => {
    const xml = '<body>\n<p><?siglum-pos 1?>one <hi rend="x">two</hi></p>\n<head><?siglum-pos 9?>Late</head>\n</body>';
    expect(positionOfMessage(xml, 2, 20)).toBe(1);
    expect(positionOfMessage(xml, 3, 1)).toBe(9);
    expect(positionOfMessage(xml, 1, 1)).toBe(1);
    expect(positionOfMessage(xml, 0, 0)).toBeNull();
  });

  it('leave a column as the written file has it, without the markers before it on its line', () => {
    const xml = '<body>\n<p><?siglum-pos 1?>one <bad/></p>\n</body>';
    // The end of <bad/>: column 29 with the marker, 13 in <p>one <bad/></p>.
    expect(columnWithoutMarkers(xml, 2, 29)).toBe(13);
    expect(columnWithoutMarkers(xml, 2, 3)).toBe(3);
    expect(columnWithoutMarkers(xml, 1, 5)).toBe(5);
  });

  it('mark every text block of a document at its own position', () => {
    const doc = schema.nodes.doc.create(null, [
      schema.nodes.paragraph.create(null, schema.text('ab')),
      schema.nodes.heading.create(null, schema.text('c')),
    ]);
    const marked = withPositionMarkers(doc);
    const texts: string[] = [];
    marked.descendants((n) => {
      if (n.type.name === 'teiInline') texts.push(String(n.attrs['text']));
    });
    expect(texts).toEqual(['siglum-pos 1', 'siglum-pos 5']);
  });
});

describe('siglum export of a document whose TEI does not validate', () => {
  it('writes it and names the problems on stderr', async () => {
    const s = service('cli-invalid.siglum', { create: true, parseFile: parseInProcess });
    const doc = await s.createDocument({ title: 'Misplaced' });
    const opened = await s.openDocument({ id: doc.id });
    const end = Node.fromJSON(schema, opened.doc).content.size;
    // A paragraph, then a heading after it: invalid in TEI.
    const steps = [
      {
        stepType: 'replace',
        from: end,
        to: end,
        slice: {
          content: [
            { type: 'paragraph', content: [{ type: 'text', text: 'Text.' }] },
            { type: 'heading', content: [{ type: 'text', text: 'Late' }] },
          ],
        },
      },
    ];
    expect(await s.pushSteps({ documentId: doc.id, version: opened.version, clientID: 't', steps })).toMatchObject({
      ok: true,
    });
    s.close();
    let err = '';
    const out = join(tmp.dir, 'misplaced.xml');
    const status = await runCli(
      ['export', doc.id, '--format', 'tei', '--out', out, '--project', tmp.file('cli-invalid.siglum')],
      {
        out: () => undefined,
        err: (t) => void (err += `${t}\n`),
      },
    );
    expect(status).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain('<head>Late</head>');
    expect(err).toMatch(/does not validate against tei_all: \d+ problems?\./);
    expect(err).toMatch(/line \d+:\d+: .*head/);
  });
});

/** A letter in a file of its own, its header longer than the one Siglum writes for a document. */
const letter = readFileSync(resolve(import.meta.dirname, '../../fixtures/tei/letter.xml'), 'utf8');

describe('validating a letter imported from a file of its own', () => {
  it('checks the file export writes, and names a problem at its line and column there', async () => {
    const s = service('validate-letter.siglum', { create: true, parseFile: parseInProcess });
    const { documents } = await s.importFiles({ files: [{ name: 'letter.xml', text: letter }] });
    const id = documents[0]!.id;
    expect(await s.validateDocument({ documentId: id })).toMatchObject({ valid: true, problems: [] });

    const opened = await s.openDocument({ id });
    const end = Node.fromJSON(schema, opened.doc).content.size;
    // A heading after the letter's div: invalid in TEI.
    const steps = [
      {
        stepType: 'replace',
        from: end,
        to: end,
        slice: { content: [{ type: 'heading', content: [{ type: 'text', text: 'Late' }] }] },
      },
    ];
    expect(await s.pushSteps({ documentId: id, version: opened.version, clientID: 't', steps })).toMatchObject({
      ok: true,
    });
    const { xml } = await s.exportTei({ documentId: id });
    expect(xml).toContain('<repository>Deutsches Paul-Tillich-Archiv</repository>');
    const result = await s.validateDocument({ documentId: id });
    expect(result.valid).toBe(false);
    const first = result.problems[0]!;
    expect(first.message).toMatch(/head/);
    const line = xml.split('\n')[first.line - 1]!;
    expect(line).toContain('<head>Late</head>');
    // The column falls within the heading's start tag, as in the written file.
    const tag = line.indexOf('<head>');
    expect(first.column).toBeGreaterThan(tag);
    expect(first.column).toBeLessThanOrEqual(tag + '<head>'.length + 1);
  });
});
