/**
 * renderer/api's HTTP client in Chromium against the serve host and a real service:
 * the client is bundled into a page the host serves (under its CSP), so calls, errors
 * and events cross exactly what they cross in the app.
 */
import { build } from 'esbuild';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page, type Route } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { API_METHODS, type SiglumClient } from '../../../edition/api.ts';
import { startServer, type ServeHandle } from '../../../electron/serve/server.ts';
import { openService, type SiglumService } from '../../../electron/service/index.ts';
import playwrightConfig from '../../../playwright.config.ts';

const root = resolve(import.meta.dirname, '../../..');

let dir: string;
let browser: Browser;
let service: SiglumService;
let server: ServeHandle;
let page: Page;
/** The service as this test's host sees it, and the event streams that host holds. */
let hosted: Counted;

type PageErr = { name: string; code: string; message: string } | null;

/** Runs `method` with `args` on the page's client; gives back its value or its error's fields. */
function callInPage(method: string, args: unknown): Promise<{ value?: unknown; error?: PageErr }> {
  return page.evaluate(
    async ([m, a]) => {
      const client = (window as unknown as { client: Record<string, (x: unknown) => Promise<unknown>> }).client;
      try {
        return { value: await client[m as string]!(a) };
      } catch (e) {
        const err = e as { name: string; code: string; message: string };
        return { error: { name: err.name, code: err.code, message: err.message } };
      }
    },
    [method, args] as const,
  );
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'siglum-http-client-'));
  const renderer = join(dir, 'renderer');
  mkdirSync(renderer);
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>client</title><script src="/client.js"></script>');
  await build({
    stdin: {
      contents: `import { httpClient } from './renderer/api/http.ts';
        const events = [];
        window.client = httpClient({ retryMs: 100 });
        window.events = events;
        window.unsubscribe = window.client.subscribe((e) => events.push(e));`,
      resolveDir: root,
      loader: 'ts',
    },
    bundle: true,
    format: 'iife',
    outfile: join(renderer, 'client.js'),
    logLevel: 'warning',
  });
  const launch = playwrightConfig.use?.launchOptions ?? {};
  browser = await chromium.launch(launch);
});

afterAll(async () => {
  await browser?.close();
  rmSync(dir, { recursive: true, force: true });
});

interface Counted {
  client: SiglumClient;
  /** How many event streams the host has subscribed to the service and not yet let go. */
  streams(): number;
}

/**
 * `inner` as one host sees it, counting that host's event streams. The count is per
 * host: a stream of the previous test's host lets go of the service as its socket
 * closes, which can be after the next test has begun.
 */
function counted(inner: SiglumService): Counted {
  let streams = 0;
  const client: SiglumClient = {
    ...inner,
    subscribe(listener) {
      streams += 1;
      const unsubscribe = inner.subscribe(listener);
      return () => {
        streams -= 1;
        unsubscribe();
      };
    },
  };
  return { client, streams: () => streams };
}

beforeEach(async () => {
  service = openService(join(dir, `p-${Date.now()}.siglum`), { create: true });
  hosted = counted(service);
  server = await startServer({ service: hosted.client, rendererDir: join(dir, 'renderer') });
  page = await browser.newPage();
  await page.goto(server.url);
  // The page's client opens its event stream as the page loads, but the answer can come
  // after the load event: each test starts once the host has subscribed that stream.
  // (The bound is Playwright's own default wait, for a loaded machine.)
  await vi.waitFor(() => expect(hosted.streams()).toBe(1), { timeout: 30_000 });
  // The stream's opening tells the page to catch up; a test sees only the events after it.
  await page.waitForFunction(() => (window as unknown as { events: unknown[] }).events.length > 0);
  await page.evaluate(() => {
    (window as unknown as { events: unknown[] }).events.length = 0;
  });
});

afterEach(async () => {
  await page.close();
  await server.close();
  service.close();
});

describe('the HTTP client in a browser', () => {
  it('has every API method, derived from the method list, and carries calls to the service', async () => {
    const keys = await page.evaluate(() => Object.keys((window as unknown as { client: object }).client).sort());
    expect(keys).toEqual([...API_METHODS, 'subscribe'].sort());
    const made = await callInPage('createDocument', { title: 'Typed in a browser' });
    expect(made.value).toMatchObject({ title: 'Typed in a browser' });
    expect((await service.listDocuments({})).map((d) => d.title)).toEqual(['Typed in a browser']);
  });

  it("rethrows the service's errors with their name, code and message", async () => {
    const { error } = await callInPage('openDocument', { id: 'no-such-document' });
    expect(error).toMatchObject({ name: 'SiglumError', code: 'not-found' });
    expect(error?.message).toContain('no-such-document');
  });

  it('reports a refusal by the host as a forbidden SiglumError', async () => {
    await page.context().clearCookies();
    const { error } = await callInPage('listDocuments', {});
    expect(error).toMatchObject({ name: 'SiglumError', code: 'forbidden' });
    expect(error?.message).toContain('siglum serve');
  });

  it('reports a server that has gone away as an io SiglumError telling what to do', async () => {
    await server.close();
    const { error } = await callInPage('listDocuments', {});
    expect(error).toMatchObject({ name: 'SiglumError', code: 'io' });
    expect(error?.message).toContain('siglum serve');
  });

  it('delivers the service events over Server-Sent Events', async () => {
    await service.createDocument({ title: 'Made elsewhere' });
    await page.waitForFunction(() =>
      (window as unknown as { events: Array<{ type: string }> }).events.some((e) => e.type === 'documents-changed'),
    );
  });

  it('tells subscribers to catch up when the stream first opens, for a change made while it was connecting', async () => {
    // Another tab, signed in with the first page's cookie (the printed address works once).
    const context = await browser.newContext();
    await context.addCookies(await page.context().cookies());
    const late = await context.newPage();
    try {
      let held!: (route: Route) => void;
      const asked = new Promise<Route>((resolve) => (held = resolve));
      await late.route('**/events', (route) => held(route));
      await late.goto(new URL('/', server.url).href);
      const stream = await asked;
      await service.createDocument({ title: 'Made before the stream opened' });
      await stream.continue();
      await late.waitForFunction(() =>
        (window as unknown as { events: Array<{ type: string }> }).events.some((e) => e.type === 'documents-changed'),
      );
    } finally {
      await context.close();
    }
  });

  it('reopens a refused event stream and tells subscribers to catch up once it is back', async () => {
    const context = page.context();
    const session = await context.cookies();
    await context.clearCookies();
    const refused = page.waitForResponse((r) => r.url().endsWith('/events') && r.status() === 401);
    await page.evaluate(() => {
      const w = window as unknown as {
        unsubscribe: () => void;
        client: { subscribe(l: (e: unknown) => void): () => void };
        events: unknown[];
      };
      w.unsubscribe();
      w.events.length = 0;
      w.unsubscribe = w.client.subscribe((e) => w.events.push(e));
    });
    await refused;
    await context.addCookies(session);
    await page.waitForFunction(() =>
      (window as unknown as { events: Array<{ type: string }> }).events.some((e) => e.type === 'documents-changed'),
    );
    await service.createDocument({ title: 'After the reconnection' });
    await page.waitForFunction(() => (window as unknown as { events: unknown[] }).events.length >= 2);
  });
});
