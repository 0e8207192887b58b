// @vitest-environment happy-dom
/**
 * Copy and paste inside the editor goes through the schema's toDOM and parseDOM:
 * every attribute of every node and mark must survive that trip, or a pasted page
 * break loses its facsimile and a pasted note its xml:id.
 */
import { describe, expect, it } from 'vitest';
import { DOMParser as PMDOMParser, DOMSerializer, type Node as PMNode } from 'prosemirror-model';
import { schema } from '../../edition/schema.ts';

function throughClipboard(doc: PMNode): PMNode {
  const fragment = DOMSerializer.fromSchema(schema).serializeFragment(doc.content);
  const host = document.createElement('div');
  host.appendChild(fragment);
  const html = host.innerHTML;
  const again = document.createElement('div');
  again.innerHTML = html;
  return PMDOMParser.fromSchema(schema).parse(again);
}

describe('the schema through HTML (copy and paste)', () => {
  it('keeps page break, note and generic attributes, including unmodelled XML attributes', () => {
    const xml = [['xml:id', 'pg_69']] as const;
    const doc = schema.node('doc', null, [
      schema.node('paragraph', { xml: [['rend', 'indent']] }, [
        schema.text('in '),
        schema.node('pageBreak', { n: '69', facs: '0073', xml }),
        schema.text('all official'),
        schema.node('note', { n: '89', type: 'source', id: 'd63fn89' }, [
          schema.node('teiText', { name: null }, [schema.text('Not printed.')]),
        ]),
        schema.text('seg', [schema.mark('teiMark', { name: 'persName', xml: [['corresp', '#p_GJC1']] })]),
      ]),
      schema.node('list', null, [
        schema.node('label', null, [schema.text('1.')]),
        schema.node('item', null, [schema.text('The success')]),
      ]),
      schema.node('teiBlock', { name: 'frus:attachment' }, [schema.node('paragraph', null, [schema.text('x')])]),
    ]);
    const back = throughClipboard(doc);
    expect(back.toJSON()).toEqual(doc.toJSON());
  });

  it('ignores carried attributes that are not of the declared shape', () => {
    const host = document.createElement('div');
    host.innerHTML = `<p data-pm-attrs='{"xml":[["a",1]]}'>text</p>`;
    const doc = PMDOMParser.fromSchema(schema).parse(host);
    expect(doc.firstChild?.attrs['xml']).toEqual([]);
    expect(doc.textContent).toBe('text');
  });
});

describe('pasted HTML from elsewhere', () => {
  it('cannot smuggle markup into a generic element name', () => {
    const host = document.createElement('div');
    host.innerHTML = `<div class="tei-text" data-tei="seg" data-pm-attrs='{"name":"seg onload=\\"x\\"","xml":[]}'>text</div>`;
    const doc = PMDOMParser.fromSchema(schema).parse(host);
    expect(doc.firstChild?.type.name).toBe('teiText');
    expect(doc.firstChild?.attrs['name']).toBe('seg');
  });
});
