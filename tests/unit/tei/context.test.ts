/**
 * The TEI writer and reader keep what one export or import needs in a context passed
 * down (no module state): two at once, interleaved, do not see each other's register or
 * numbering. And the exporter writes a document with its witness list in one go.
 */
import { describe, expect, it } from 'vitest';
import type { DocumentMeta } from '../../../edition/api.ts';
import { schema } from '../../../edition/schema.ts';
import { addListWit } from '../../../edition/tei/apparatus.ts';
import { documentTeiTree, exportDocumentTei, type ExportRegister } from '../../../edition/tei/export.ts';
import { blockContent, readContext } from '../../../edition/tei/toDoc.ts';
import { parseXml } from '../../../edition/xml/parse.ts';
import { serializeXml } from '../../../edition/xml/serialize.ts';
import type { XmlElement } from '../../../edition/xml/tree.ts';

const meta: DocumentMeta = { title: 'Despatch', date: null, source: null, extra: {} };

/** "Grew met Hirota": two mentions, of register entries 1 and 2. */
const despatch = schema.node('doc', null, [
  schema.node('paragraph', null, [
    schema.text('Grew', [schema.marks.mention.create({ kind: 'person', ref: '1' })]),
    schema.text(' met '),
    schema.text('Hirota', [schema.marks.mention.create({ kind: 'person', ref: '2' })]),
  ]),
]);

const refsIn = (xml: string): string[] => [...xml.matchAll(/<persName ref="([^"]*)"/g)].map((m) => m[1]!);

describe('two exports at once', () => {
  it('each point mentions through their own register, even when one runs inside the other', () => {
    let inner = '';
    const b: ExportRegister = { xmlIdOf: (id) => `b-${id}`, standOff: null };
    const a: ExportRegister = {
      standOff: null,
      xmlIdOf: (id) => {
        // Export B starts while A is half written.
        if (inner === '') inner = exportDocumentTei(despatch, meta, { register: b });
        return `a-${id}`;
      },
    };
    const outer = exportDocumentTei(despatch, meta, { register: a });
    expect(refsIn(outer)).toEqual(['#a-1', '#a-2']);
    expect(refsIn(inner)).toEqual(['#b-1', '#b-2']);
    // And after both, an export without a register points at the ids as they are.
    expect(refsIn(exportDocumentTei(despatch, meta))).toEqual(['#1', '#2']);
  });

  it('as async tasks interleaved, give each its own pointers', async () => {
    const exportLater = async (prefix: string): Promise<string> => {
      await Promise.resolve();
      return exportDocumentTei(despatch, meta, { register: { xmlIdOf: (id) => `${prefix}${id}`, standOff: null } });
    };
    const [x, y] = await Promise.all([exportLater('x'), exportLater('y')]);
    expect(refsIn(x)).toEqual(['#x1', '#x2']);
    expect(refsIn(y)).toEqual(['#y1', '#y2']);
  });
});

describe('two imports at once', () => {
  const body = (xml: string): XmlElement => parseXml(`<body xmlns="http://www.tei-c.org/ns/1.0">${xml}</body>`).root;
  const app = (lemma: string) => `<app><lem>${lemma}</lem><rdg wit="#B">other</rdg></app>`;
  const ids = (nodes: ReturnType<typeof blockContent>): string[] => {
    const out: string[] = [];
    for (const n of nodes)
      n.descendants((c) => {
        for (const m of c.marks) if (m.type === schema.marks.app) out.push(String(m.attrs['id']));
      });
    return out;
  };

  it('number apparatus entries without ids each in their own context', () => {
    const first = readContext();
    const second = readContext();
    const a1 = blockContent(body(`<p>one ${app('two')}</p>`), false, first);
    const b1 = blockContent(body(`<p>${app('x')} ${app('y')}</p>`), false, second);
    const a2 = blockContent(body(`<p>three ${app('four')}</p>`), false, first);
    expect(ids(a1)).toEqual(['app-1']);
    expect(ids(b1)).toEqual(['app-1', 'app-2']);
    expect(ids(a2)).toEqual(['app-2']);
  });

  it('read mentions against their own register only', () => {
    const xml = '<p><persName ref="#p1">Grew</persName></p>';
    const withRegister = blockContent(body(xml), false, readContext(new Set(['p1'])));
    const without = blockContent(body(xml), false, readContext());
    const kinds = (nodes: typeof without) => nodes.flatMap((n) => n.firstChild?.marks.map((m) => m.type.name) ?? []);
    expect(kinds(withRegister)).toEqual(['mention']);
    expect(kinds(without)).toEqual(['teiMark']);
  });
});

describe('a document written with its witnesses', () => {
  it('is the file that listing them in the written file would give, written once', () => {
    const witnesses = [
      { siglum: 'Base', description: 'The text of this edition' },
      { siglum: 'B', description: 'The telegram as received' },
    ];
    const once = exportDocumentTei(despatch, meta, { witnesses });
    const parsed = parseXml(exportDocumentTei(despatch, meta));
    expect(once).toBe(serializeXml({ ...parsed, root: addListWit(parsed.root, witnesses) }));
    expect(once).toContain('<witness xml:id="B" n="B">The telegram as received</witness>');
    expect(serializeXml(documentTeiTree(despatch, meta, { witnesses }))).toBe(once);
  });

  it('lists none when there are none', () => {
    expect(exportDocumentTei(despatch, meta, { witnesses: [] })).toBe(exportDocumentTei(despatch, meta));
    expect(exportDocumentTei(despatch, meta)).not.toContain('listWit');
  });
});
