/**
 * One XML policy for everything that reads XML from outside: validation refuses what
 * the import refuses (a DOCTYPE with entities, an external DTD or an internal
 * subset) before jing or libxml2 sees the file, so nothing is fetched and nothing
 * is expanded. A local HTTP server stands in for the attacker's DTD host.
 */
import { spawnSync } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ParseError } from '../../../edition/errors.ts';
import { importTei } from '../../../edition/tei/index.ts';
import { checkXmlPolicy } from '../../../edition/xml/policy.ts';
import { validateTei } from '../../../electron/validate.ts';
import { tempDir } from '../service/helpers.ts';

const root = resolve(import.meta.dirname, '../../..');
const bin = join(root, 'electron/bin/siglum.mjs');
const TEI_BODY =
  '<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>t</title></titleStmt>' +
  '<publicationStmt><p>p</p></publicationStmt><sourceDesc><p>s</p></sourceDesc></fileDesc></teiHeader>' +
  '<text><body><p>&x;</p></body></text></TEI>';

const LAUGHS =
  '<?xml version="1.0"?>\n<!DOCTYPE TEI [\n' +
  '<!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">\n' +
  Array.from({ length: 9 }, (_, i) => `<!ENTITY ${'bcdefghij'[i]} "${`&${'abcdefghij'[i]};`.repeat(10)}">`).join('\n') +
  '\n<!ENTITY x "&j;">\n]>\n' +
  TEI_BODY;

let server: Server;
let requests: string[] = [];
let base = '';
const tmp = tempDir();

beforeAll(async () => {
  server = createServer((req, res) => {
    requests.push(req.url ?? '');
    res.writeHead(200, { 'Content-Type': 'application/xml-dtd' });
    res.end('<!ENTITY x "fetched">');
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((done) => server.close(() => done()));
  tmp.cleanup();
});

function hostile(): Array<[string, string, RegExp]> {
  return [
    ['billion laughs', LAUGHS, /declares entities/],
    ['an external DTD', `<!DOCTYPE TEI SYSTEM "${base}/external.dtd">\n${TEI_BODY}`, /external DTD/],
    [
      'a parameter entity fetching a DTD',
      `<!DOCTYPE TEI [<!ENTITY % remote SYSTEM "${base}/param.dtd"> %remote;]>\n${TEI_BODY}`,
      /declares entities/,
    ],
    [
      'a public identifier',
      `<!DOCTYPE TEI PUBLIC "-//X//DTD X//EN" "${base}/public.dtd">\n${TEI_BODY}`,
      /external DTD/,
    ],
    ['an internal subset', `<!DOCTYPE TEI [<!ELEMENT TEI ANY>]>\n${TEI_BODY}`, /internal subset/],
    [
      'a DOCTYPE after 100 KB of comments',
      `<!--${' '.repeat(100_000)}-->\n<!DOCTYPE TEI SYSTEM "${base}/late.dtd">\n${TEI_BODY}`,
      /external DTD/,
    ],
  ];
}

describe('validation under the import’s XML policy', () => {
  it('refuses each hostile DOCTYPE before jing runs: nothing fetched, nothing expanded', async () => {
    requests = [];
    for (const [name, xml, message] of hostile()) {
      const started = Date.now();
      const e = await validateTei(xml, { fileName: 'hostile.xml' }).then(
        () => null,
        (error: unknown) => error,
      );
      expect(e, name).toBeInstanceOf(ParseError);
      expect((e as ParseError).message, name).toMatch(message);
      expect((e as ParseError).message, name).toMatch(/^hostile\.xml:\d+:\d+: .*Remove the DOCTYPE/);
      expect(Date.now() - started, name).toBeLessThan(2000);
      // The import refuses the same files for the same reason.
      expect(() => importTei(xml, 'hostile.xml'), name).toThrow(message);
    }
    expect(requests).toEqual([]);
  });

  it('lets a plain DOCTYPE naming only the root through, and finds the root past a byte-order mark', () => {
    expect(() => checkXmlPolicy(`\ufeff<?xml version="1.0"?>\n<!DOCTYPE TEI>\n${TEI_BODY}`)).not.toThrow();
    expect(() => checkXmlPolicy('just some text')).toThrow(ParseError);
  });

  it('makes `siglum validate` answer in one line, exit 1, without fetching', () => {
    requests = [];
    const file = tmp.file('laughs.xml');
    writeFileSync(file, hostile()[2]![1]);
    const r = spawnSync(process.execPath, [bin, 'validate', file], { encoding: 'utf8', timeout: 60_000 });
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^siglum: laughs\.xml:1:1: a DOCTYPE that declares entities is refused/);
    expect(requests).toEqual([]);
  });
});
