/**
 * The browser host (`siglum serve`) over a real service on a temporary project: who it
 * answers, who it refuses, and what it serves.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { connect } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../../electron/host/policy.ts';
import { startServer, type ServeHandle } from '../../../electron/serve/server.ts';
import { openService, type SiglumService } from '../../../electron/service/index.ts';

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

let dir: string;
let service: SiglumService;
let server: ServeHandle;

function send(options: {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string;
  host?: string;
}): Promise<Answer> {
  return new Promise((resolveAnswer, reject) => {
    const req = httpRequest(
      {
        host: options.host ?? '127.0.0.1',
        port: server.port,
        method: options.method ?? 'GET',
        path: options.path ?? '/',
        headers: { Host: `127.0.0.1:${server.port}`, ...options.headers },
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => resolveAnswer({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

/** The session the token was exchanged for in beforeEach, as a Cookie header. */
let session = '';
/** The answer to that exchange. */
let exchange: Answer;
const cookie = () => `${server.cookieName}=${session}`;

function api(method: string, args: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  return send({
    method: 'POST',
    path: `/api/${method}`,
    headers: { 'Content-Type': 'application/json', Cookie: cookie(), ...headers },
    body: JSON.stringify(args),
  });
}

async function documentTitles(): Promise<string[]> {
  return (await service.listDocuments({})).map((d) => d.title);
}

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'siglum-serve-'));
  const renderer = join(dir, 'renderer');
  mkdirSync(join(renderer, 'assets'), { recursive: true });
  writeFileSync(
    join(renderer, 'index.html'),
    '<!doctype html><title>Siglum</title><script type="module" src="/assets/app.js"></script>',
  );
  writeFileSync(join(renderer, 'assets', 'app.js'), 'export {};\n');
  writeFileSync(join(dir, 'secret.txt'), 'outside the renderer');
  symlinkSync(join(dir, 'secret.txt'), join(renderer, 'assets', 'linked.txt'));
  service = openService(join(dir, 'p.siglum'), { create: true });
  server = await startServer({ service, rendererDir: renderer });
  exchange = await send({ path: `/?token=${server.token}` });
  session = /=([^;]*)/.exec(exchange.headers['set-cookie']?.[0] ?? '')?.[1] ?? '';
});

afterEach(async () => {
  await server.close();
  service.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('siglum serve: access', () => {
  it('prints an address on 127.0.0.1 that carries a long random token', () => {
    expect(server.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${server.port}/\\?token=[A-Za-z0-9_-]{43}$`));
  });

  it('says which port is taken and what to do when asked for a busy one', async () => {
    const error = await startServer({ service, rendererDir: join(dir, 'renderer'), port: server.port }).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ name: 'SiglumError', code: 'io' });
    expect((error as Error).message).toContain(`Port ${server.port} is already in use`);
    expect((error as Error).message).toContain('--port');
  });

  it('listens on the loopback interface only', async () => {
    const others = Object.values(networkInterfaces())
      .flat()
      .filter((a) => a !== undefined && !a.internal && a.family === 'IPv4')
      .map((a) => a!.address);
    const reach = (host: string) =>
      new Promise<boolean>((res) => {
        const socket = connect({ host, port: server.port }, () => {
          socket.destroy();
          res(true);
        });
        socket.on('error', () => res(false));
      });
    expect(await reach('127.0.0.1')).toBe(true);
    for (const address of others) expect(await reach(address)).toBe(false);
  });

  it('exchanges the right token for an HttpOnly, SameSite=Strict session cookie and drops it from the address', async () => {
    const a = exchange;
    expect(a.status).toBe(303);
    expect(a.headers.location).toBe('/');
    const setCookie = a.headers['set-cookie']?.[0] ?? '';
    expect(setCookie).toMatch(new RegExp(`^${server.cookieName}=[A-Za-z0-9_-]{43};`));
    // The cookie is a session of its own, not the token from the address.
    expect(setCookie).not.toContain(server.token);
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Strict');

    const page = await send({ headers: { Cookie: cookie() } });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>Siglum</title>');
  });

  it('refuses a wrong token and sets no cookie', async () => {
    const wrong = server.token.slice(0, -1) + (server.token.endsWith('A') ? 'B' : 'A');
    const a = await send({ path: `/?token=${wrong}` });
    expect(a.status).toBe(403);
    expect(a.headers['set-cookie']).toBeUndefined();
    expect((await send({ path: '/?token=' })).status).toBe(403);
  });

  it('refuses pages, API calls and events without the cookie', async () => {
    expect((await send({})).status).toBe(401);
    expect((await send({ path: '/events' })).status).toBe(401);
    expect((await api('createDocument', { title: 'Intruder' }, { Cookie: `${server.cookieName}=guess` })).status).toBe(
      401,
    );
    expect(await documentTitles()).toEqual([]);
  });

  it('refuses a Host header other than 127.0.0.1 or localhost on its own port, even with the cookie', async () => {
    for (const host of ['evil.example', `evil.example:${server.port}`, `127.0.0.1:${server.port + 1}`, '127.0.0.1']) {
      const a = await send({ headers: { Host: host, Cookie: cookie() } });
      expect(a.status, host).toBe(421);
    }
    expect((await api('createDocument', { title: 'Rebound' }, { Host: `attacker.test:${server.port}` })).status).toBe(
      421,
    );
    expect((await send({ headers: { Host: `localhost:${server.port}`, Cookie: cookie() } })).status).toBe(200);
    expect(await documentTitles()).toEqual([]);
  });

  it('refuses an API call from a foreign Origin and leaves the project unchanged', async () => {
    for (const origin of [
      'http://evil.example',
      `http://127.0.0.1:${server.port + 1}`,
      `https://127.0.0.1:${server.port}`,
      'null',
    ]) {
      expect((await api('createDocument', { title: 'Forged' }, { Origin: origin })).status, origin).toBe(403);
    }
    expect(await documentTitles()).toEqual([]);
    expect((await api('createDocument', { title: 'Mine' }, { Origin: server.origin })).status).toBe(200);
    expect(await documentTitles()).toEqual(['Mine']);
  });

  it('refuses API calls that are not JSON, which a plain HTML form could send', async () => {
    const a = await send({
      method: 'POST',
      path: '/api/createDocument',
      headers: { Cookie: cookie(), 'Content-Type': 'text/plain' },
      body: JSON.stringify({ title: 'Form post' }),
    });
    expect(a.status).toBe(415);
    expect(await documentTitles()).toEqual([]);
  });
});

describe('siglum serve: API and events', () => {
  it('answers an API call with the service value as a reply', async () => {
    const made = await api('createDocument', { title: 'A despatch' });
    expect(made.status).toBe(200);
    const reply = JSON.parse(made.body) as { ok: boolean; value: { id: string; title: string } };
    expect(reply.ok).toBe(true);
    expect(reply.value.title).toBe('A despatch');
    const listed = JSON.parse((await api('listDocuments', {})).body) as { value: Array<{ id: string }> };
    expect(listed.value.map((d) => d.id)).toEqual([reply.value.id]);
  });

  it("carries the service's errors with their name, code and message", async () => {
    const a = await api('openDocument', { id: 'no-such-document' });
    expect(a.status).toBe(404);
    const reply = JSON.parse(a.body) as { ok: boolean; error: { name: string; code: string; message: string } };
    expect(reply).toMatchObject({ ok: false, error: { name: 'SiglumError', code: 'not-found' } });
    expect(reply.error.message.length).toBeGreaterThan(10);

    const bad = await api('renameDocument', []);
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body)).toMatchObject({ ok: false, error: { code: 'bad-input' } });

    const notJson = await send({
      method: 'POST',
      path: '/api/listDocuments',
      headers: { Cookie: cookie(), 'Content-Type': 'application/json' },
      body: '{',
    });
    expect(JSON.parse(notJson.body)).toMatchObject({ ok: false, error: { code: 'bad-input' } });
  });

  it('has a route for each API method and none for other names', async () => {
    expect((await api('projectInfo', {})).status).toBe(200);
    expect((await api('dropTables', {})).status).toBe(404);
    expect((await api('__proto__', {})).status).toBe(404);
    expect((await send({ path: '/api/listDocuments', headers: { Cookie: cookie() } })).status).toBe(405);
  });

  it('streams the service events as Server-Sent Events', async () => {
    const received = new Promise<string>((resolveEvent, reject) => {
      const req = httpRequest(
        {
          host: '127.0.0.1',
          port: server.port,
          path: '/events',
          headers: { Host: `127.0.0.1:${server.port}`, Cookie: cookie() },
        },
        (res) => {
          expect(res.headers['content-type']).toContain('text/event-stream');
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => {
            text += chunk;
            if (text.includes('data: ')) {
              req.destroy();
              resolveEvent(text);
            } else if (text.includes('retry:')) {
              void api('createDocument', { title: 'Announced' });
            }
          });
        },
      );
      req.on('error', reject);
      req.end();
    });
    const text = await received;
    const data = text.split('\n').find((l) => l.startsWith('data: '))!;
    expect(JSON.parse(data.slice('data: '.length))).toEqual({ type: 'documents-changed' });
  });
});

describe('siglum serve: files', () => {
  it('sends the strict Content-Security-Policy and no-sniff with pages, assets and refusals', async () => {
    for (const answer of [
      await send({ headers: { Cookie: cookie() } }),
      await send({ path: '/assets/app.js', headers: { Cookie: cookie() } }),
      await send({}),
    ]) {
      expect(answer.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
      expect(answer.headers['x-content-type-options']).toBe('nosniff');
    }
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).toContain("frame-ancestors 'none'");
    expect((await send({ path: '/assets/app.js', headers: { Cookie: cookie() } })).headers['content-type']).toContain(
      'text/javascript',
    );
  });

  it('serves index.html for the app routes but nothing outside the renderer folder', async () => {
    expect((await send({ path: '/documents/7', headers: { Cookie: cookie() } })).body).toContain(
      '<title>Siglum</title>',
    );
    for (const path of [
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/%2e%2e%5csecret.txt',
      '/assets/linked.txt',
      '/missing.js',
    ]) {
      const a = await send({ path, headers: { Cookie: cookie() } });
      expect(a.status, path).toBe(404);
      expect(a.body).not.toContain('outside the renderer');
    }
  });
});

describe('siglum serve: the token is good once, and tossed cookies do not lock the user out', () => {
  it('refuses the token a second time, without a session, with a page saying what to do', async () => {
    const again = await send({ path: `/?token=${server.token}` });
    expect(again.status).toBe(403);
    expect(again.headers['set-cookie']).toBeUndefined();
    expect(again.body).toMatch(/already been used .* Go back to the tab where Siglum is open, or stop `siglum serve`/);
    // The token alone is no cookie either.
    expect((await send({ headers: { Cookie: `${server.cookieName}=${server.token}` } })).status).toBe(401);
  });

  it('lets the signed-in browser reopen the address (a second tab), dropping the token without a new session', async () => {
    const again = await send({ path: `/documents/7?token=${server.token}`, headers: { Cookie: cookie() } });
    expect(again.status).toBe(303);
    expect(again.headers.location).toBe('/documents/7');
    expect(again.headers['set-cookie']).toBeUndefined();
  });

  it('accepts the live session among tossed cookies of the same name, in any order', async () => {
    const tossed = `${server.cookieName}=garbage`;
    for (const header of [`${tossed}; ${cookie()}`, `${cookie()}; ${tossed}`, `other=1; ${tossed}; ${cookie()}`]) {
      expect((await send({ headers: { Cookie: header } })).status, header).toBe(200);
      const made = await api('createDocument', { title: `with ${header.length}` }, { Cookie: header });
      expect(made.status, header).toBe(200);
    }
    expect((await send({ headers: { Cookie: `${tossed}; ${server.cookieName}=also-garbage` } })).status).toBe(401);
  });
});
