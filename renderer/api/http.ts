/**
 * The browser transport, for `siglum serve`: POST /api/<method> with a JSON body, and
 * the events as Server-Sent Events from /events. The access token travels as the
 * HttpOnly cookie the server set, so nothing here ever sees it.
 */
import type { ApiMethod, SiglumClient, SiglumEvent } from '../../edition/api.ts';
import { EVENTS_ROUTE, routeOf } from '../../edition/protocol.ts';
import { SiglumError } from '../../edition/errors.ts';
import { createClient } from './client.ts';

export interface HttpClientOptions {
  /** Where the server is; '' (the default) means this page's own origin. */
  baseUrl?: string;
  /** The first wait before reopening a closed event stream; it doubles up to 30 s. */
  retryMs?: number;
}

const MAX_RETRY_MS = 30_000;

async function post(base: string, method: ApiMethod, args: unknown): Promise<unknown> {
  let res: Response;
  try {
    res = await fetch(`${base}${routeOf(method)}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(args),
      credentials: 'same-origin',
    });
  } catch {
    throw new SiglumError(
      'io',
      'Siglum cannot reach its server. Check that `siglum serve` is still running, then reload.',
    );
  }
  const text = await res.text();
  try {
    return JSON.parse(text);
  } catch {
    // Not a reply: the host itself refused the request (token, Host, Origin).
    const code = res.status === 401 || res.status === 403 || res.status === 421 ? 'forbidden' : 'internal';
    throw new SiglumError(code, text.trim() || `Siglum's server answered ${res.status} to ${method}.`);
  }
}

function isEvent(v: unknown): v is SiglumEvent {
  return typeof v === 'object' && v !== null && typeof (v as { type?: unknown }).type === 'string';
}

/**
 * One EventSource shared by every subscriber, opened with the first and closed with
 * the last. EventSource retries a dropped connection by itself, but gives up for good
 * when the server refuses it or restarts; then it is reopened here with a growing
 * delay. Each time the stream opens, the first time included, subscribers get a
 * 'documents-changed' event: a subscriber reads what it shows and subscribes in one
 * go, but the stream carries only what happens once the server has it, so a change
 * made in between (by another tab, or the command line) would otherwise never reach
 * it. Subscribers reload in place (keyed reconciliation, the editor pulls missing
 * steps), so the one extra reload at start-up changes nothing on screen.
 */
function eventFeed(url: string, firstRetryMs: number): SiglumClient['subscribe'] {
  const listeners = new Set<(event: SiglumEvent) => void>();
  let source: EventSource | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let delay = firstRetryMs;

  const deliver = (event: SiglumEvent): void => {
    for (const listener of [...listeners]) {
      try {
        listener(event);
      } catch (e) {
        // One listener's bug must not stop the others; it still surfaces as uncaught.
        queueMicrotask(() => {
          throw e;
        });
      }
    }
  };

  const open = (): void => {
    timer = null;
    const es = new EventSource(url);
    source = es;
    es.onopen = () => {
      delay = firstRetryMs;
      deliver({ type: 'documents-changed' });
    };
    es.onmessage = (message: MessageEvent<string>) => {
      let event: unknown;
      try {
        event = JSON.parse(message.data);
      } catch {
        return; // not an event of ours (a proxy's line): nothing to deliver
      }
      if (isEvent(event)) deliver(event);
    };
    es.onerror = () => {
      if (es.readyState !== EventSource.CLOSED) return; // the browser retries by itself
      es.close();
      if (source === es && listeners.size > 0) {
        source = null;
        timer = setTimeout(open, delay);
        delay = Math.min(delay * 2, MAX_RETRY_MS);
      }
    };
  };

  const close = (): void => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    source?.close();
    source = null;
  };

  return (listener) => {
    listeners.add(listener);
    if (source === null && timer === null) open();
    return () => {
      listeners.delete(listener);
      if (listeners.size === 0) close();
    };
  };
}

/** A client for the serve host at `baseUrl` (default: this page's origin). */
export function httpClient(options: HttpClientOptions = {}): SiglumClient {
  const base = options.baseUrl ?? '';
  return createClient(
    (method, args) => post(base, method, args),
    eventFeed(`${base}${EVENTS_ROUTE}`, options.retryMs ?? 1000),
  );
}
