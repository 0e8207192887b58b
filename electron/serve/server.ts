/**
 * `siglum serve`: the same renderer and API as the desktop app, for a browser on this
 * machine. It listens on 127.0.0.1 only and answers only requests that
 *   - name this server in `Host` (127.0.0.1:PORT or localhost:PORT), which stops DNS
 *     rebinding: a hostile page whose name resolves to 127.0.0.1 sends its own name;
 *   - carry no `Origin`, or this server's own origin, which stops other sites (and other
 *     local servers' pages) from posting to the API;
 *   - carry a session cookie. The printed URL holds a random token, good once: the first
 *     request with it gets a new random session id as an HttpOnly, SameSite=Strict
 *     cookie and is redirected to the same address without the token (which leaves it
 *     out of the history of the tab's later pages). The token is then dead: a second
 *     use from a browser without the session gets a page saying to use the open tab or
 *     restart `siglum serve`. The `__Host-` cookie prefix needs https, so a page on
 *     another 127.0.0.1 port can set ("toss") a cookie of the same name, even one with a
 *     longer Path that the browser sends first: every cookie of the name is read and
 *     the request passes when any of them is a live session.
 * Routes (edition/protocol.ts): `routeOf(method)` = POST /api/<method> with a JSON body for
 * each name in API_METHODS, EVENTS_ROUTE = GET /events (Server-Sent Events), and the built
 * renderer for everything else, always with the strict CSP.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isApiMethod, type SiglumClient } from '../../edition/api.ts';
import { API_ROUTE_PREFIX, EVENTS_ROUTE, type WireReply } from '../../edition/protocol.ts';
import { SiglumError, type ErrorCode } from '../../edition/errors.ts';
import { replyTo } from '../host/dispatch.ts';
import { SECURITY_HEADERS } from '../host/policy.ts';
import { readAsset } from '../host/static.ts';

/** The largest API request body accepted (an import of several volumes fits). */
const MAX_BODY_BYTES = 256 * 1024 * 1024;
/** How often an idle event stream gets a comment line, so proxies and browsers keep it. */
const HEARTBEAT_MS = 20_000;

export interface ServeOptions {
  service: SiglumClient;
  /** The built renderer (dist/renderer). */
  rendererDir: string;
  /** 0 or absent: a free port chosen by the system. */
  port?: number;
}

export interface ServeHandle {
  /** The address to open, with the token (good once): http://127.0.0.1:PORT/?token=... */
  url: string;
  /** http://127.0.0.1:PORT */
  origin: string;
  port: number;
  token: string;
  /** The cookie's name (per port: browsers share cookies across a host's ports). */
  cookieName: string;
  /** Stops listening and ends every open connection, event streams included. */
  close(): Promise<void>;
}

const STATUS: Readonly<Record<ErrorCode, number>> = {
  'bad-input': 400,
  'not-found': 404,
  'parse-error': 422,
  'invalid-tei': 422,
  'not-a-project': 422,
  'newer-version': 422,
  'too-large': 413,
  timeout: 504,
  forbidden: 403,
  io: 500,
  internal: 500,
  damaged: 422,
};

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Every value of the cookies called `name` in the request, in the order sent. */
export function cookieValues(header: string | undefined, name: string): string[] {
  const values: string[] = [];
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) values.push(part.slice(eq + 1).trim());
  }
  return values;
}

function send(
  res: ServerResponse,
  status: number,
  type: string,
  body: string | Buffer,
  extra: Record<string, string> = {},
): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': type, 'Cache-Control': 'no-store', ...extra });
  res.end(body);
}

function refuse(res: ServerResponse, status: number, message: string): void {
  send(res, status, 'text/plain; charset=utf-8', `${message}\n`);
}

function sendReply(res: ServerResponse, reply: WireReply): void {
  const status = reply.ok ? 200 : (STATUS[reply.error.code] ?? 500);
  send(res, status, 'application/json; charset=utf-8', JSON.stringify(reply));
}

async function readBody(req: IncomingMessage): Promise<string> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > MAX_BODY_BYTES) throw new SiglumError('too-large', 'The request is too large.');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new SiglumError('too-large', 'The request is too large.');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Starts the host; resolves once it listens. */
export async function startServer(options: ServeOptions): Promise<ServeHandle> {
  const token = randomBytes(32).toString('base64url');
  /** Set once the token has been exchanged; it is never accepted again. */
  let tokenUsed = false;
  /** Session ids handed out for the token (one per exchange; 256 random bits each). */
  const sessions = new Set<string>();
  const streams = new Set<ServerResponse>();
  let port = 0;
  let cookieName = '';

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const host = req.headers.host ?? '';
    if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) {
      refuse(res, 421, `This server answers only to 127.0.0.1:${port}.`);
      return;
    }
    const origin = req.headers.origin;
    if (origin !== undefined && origin !== `http://${host}`) {
      refuse(res, 403, 'Requests from other sites are refused.');
      return;
    }
    const url = new URL(req.url ?? '/', `http://${host}`);

    const signedIn = cookieValues(req.headers.cookie, cookieName).some((v) => sessions.has(v));
    const offered = url.searchParams.get('token');
    if (offered !== null) {
      if (req.method !== 'GET' || !sameSecret(offered, token)) {
        refuse(res, 403, 'This link has the wrong token. Open the address that `siglum serve` printed.');
        return;
      }
      if (!signedIn && tokenUsed) {
        refuse(
          res,
          403,
          'This address has already been used to open Siglum, and works only once. Go back to the tab where Siglum is open, or stop `siglum serve` and start it again for a new address.',
        );
        return;
      }
      url.searchParams.delete('token');
      const headers: Record<string, string> = {
        ...SECURITY_HEADERS,
        'Cache-Control': 'no-store',
        Location: `${url.pathname}${url.search}`,
      };
      if (!signedIn) {
        tokenUsed = true;
        const session = randomBytes(32).toString('base64url');
        sessions.add(session);
        headers['Set-Cookie'] = `${cookieName}=${session}; HttpOnly; SameSite=Strict; Path=/`;
      }
      res.writeHead(303, headers);
      res.end();
      return;
    }
    if (!signedIn) {
      refuse(res, 401, 'Open the address that `siglum serve` printed: it carries the access token.');
      return;
    }

    if (url.pathname.startsWith(API_ROUTE_PREFIX)) {
      const method = url.pathname.slice(API_ROUTE_PREFIX.length);
      if (!isApiMethod(method)) {
        sendReply(res, {
          ok: false,
          error: new SiglumError('not-found', `There is no API method called "${method}".`).toPayload(),
        });
        return;
      }
      if (req.method !== 'POST') {
        refuse(res, 405, 'API methods take POST.');
        return;
      }
      if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
        refuse(res, 415, 'API requests must be application/json.');
        return;
      }
      let args: unknown;
      try {
        args = JSON.parse(await readBody(req));
      } catch (e) {
        const error =
          e instanceof SiglumError ? e : new SiglumError('bad-input', 'The request body is not valid JSON.');
        sendReply(res, { ok: false, error: error.toPayload() });
        return;
      }
      sendReply(res, await replyTo(options.service, method, args));
      return;
    }

    if (req.method !== 'GET' && req.method !== 'HEAD') {
      refuse(res, 405, 'Only GET is allowed here.');
      return;
    }
    if (url.pathname === EVENTS_ROUTE) {
      openEventStream(res);
      return;
    }
    const asset = await readAsset(options.rendererDir, url.pathname);
    if (!asset) {
      refuse(
        res,
        404,
        `Nothing at ${url.pathname}. If this is the first run, build the UI with \`npm run build:renderer\`.`,
      );
      return;
    }
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': asset.contentType,
      'Content-Length': String(asset.body.length),
      'Cache-Control': asset.isPage ? 'no-store' : 'no-cache',
    });
    res.end(req.method === 'HEAD' ? undefined : asset.body);
  };

  const openEventStream = (res: ServerResponse): void => {
    // The headers and the subscription happen in one synchronous turn: no event can be
    // published between the stream opening for the page and the stream being subscribed.
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
    });
    res.write('retry: 2000\n\n');
    streams.add(res);
    const unsubscribe = options.service.subscribe((event) => {
      res.write(`data: ${JSON.stringify(event)}\n\n`);
    });
    const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
    res.on('close', () => {
      clearInterval(heartbeat);
      unsubscribe();
      streams.delete(res);
    });
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      console.error(e);
      if (!res.headersSent) refuse(res, 500, 'Siglum hit an internal error; see the terminal running `siglum serve`.');
      else res.destroy();
    });
  });

  await new Promise<void>((resolveListen, rejectListen) => {
    server.once('error', (e: NodeJS.ErrnoException) => {
      rejectListen(
        e.code === 'EADDRINUSE'
          ? new SiglumError(
              'io',
              `Port ${options.port} is already in use: choose another with --port, or leave --port out.`,
            )
          : e.code === 'EACCES'
            ? new SiglumError('forbidden', `Port ${options.port} needs privileges: choose a port above 1023.`)
            : e,
      );
    });
    server.listen(options.port ?? 0, '127.0.0.1', () => resolveListen());
  });
  port = (server.address() as AddressInfo).port;
  cookieName = `siglum-${port}`;
  const origin = `http://127.0.0.1:${port}`;

  return {
    url: `${origin}/?token=${token}`,
    origin,
    port,
    token,
    cookieName,
    close: () =>
      new Promise<void>((resolveClose) => {
        for (const s of streams) s.end();
        server.close(() => resolveClose());
        server.closeAllConnections();
      }),
  };
}
