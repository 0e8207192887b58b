/**
 * The service over a message port: the desktop app runs the service in an Electron
 * utility process (off the main process, as Electron's security guidance asks for
 * anything that parses untrusted files or runs SQLite) and talks to it with these two
 * halves. `servePort` runs beside the service; `connectPort` gives the main process a
 * `call` and a `subscribe` over the port. Messages are plain objects, so the same code
 * runs over Electron's parentPort/UtilityProcess and over Node's MessagePort in tests.
 */
import type { ApiMethod, SiglumClient, SiglumEvent } from '../../edition/api.ts';
import type { WireReply } from '../../edition/protocol.ts';
import { toErrorPayload, type ErrorPayload } from '../../edition/errors.ts';
import { replyTo } from './dispatch.ts';

/** The little a port must do; adapters wrap Electron's and Node's ports in it. */
export interface Port {
  postMessage(message: unknown): void;
  onMessage(listener: (message: unknown) => void): void;
}

type Request = { id: number; method: unknown; args: unknown };
type Outgoing = { id: number; reply: WireReply } | { event: SiglumEvent } | { fatal: ErrorPayload };

function isRequest(m: unknown): m is Request {
  return typeof m === 'object' && m !== null && typeof (m as { id?: unknown }).id === 'number';
}

/** Tells the other end that the service could not start (the project was refused, say). */
export function reportFatal(port: Port, error: unknown): void {
  port.postMessage({ fatal: toErrorPayload(error) } satisfies Outgoing);
}

/** The message asking the service end to close the project and stop. */
export const SHUTDOWN = { shutdown: true } as const;

/**
 * Answers every request arriving on `port` from `service`, and forwards its events.
 * On SHUTDOWN it calls `onShutdown` (which closes the service and ends the process).
 */
export function servePort(service: SiglumClient, port: Port, onShutdown: () => void = () => undefined): () => void {
  const unsubscribe = service.subscribe((event) => port.postMessage({ event } satisfies Outgoing));
  port.onMessage((m) => {
    if (typeof m === 'object' && m !== null && (m as { shutdown?: unknown }).shutdown === true) {
      unsubscribe();
      onShutdown();
      return;
    }
    if (!isRequest(m)) return;
    void replyTo(service, m.method, m.args).then((reply) => port.postMessage({ id: m.id, reply } satisfies Outgoing));
  });
  return unsubscribe;
}

export interface PortLink {
  /** Sends one call; resolves with the service's reply (never rejects while connected). */
  call(method: ApiMethod, args: unknown): Promise<WireReply>;
  subscribe(listener: (event: SiglumEvent) => void): () => void;
  /**
   * Answers every pending and later call with `error`: the service process failed to
   * start or ended.
   */
  fail(error: ErrorPayload): void;
}

/**
 * The main process's end of the port. `onFatal` hears why the service could not start
 * (after which every call is answered with that error).
 */
export function connectPort(port: Port, onFatal: (error: ErrorPayload) => void = () => undefined): PortLink {
  let next = 1;
  let failed: ErrorPayload | null = null;
  const pending = new Map<number, (reply: WireReply) => void>();
  const listeners = new Set<(event: SiglumEvent) => void>();
  const fail = (error: ErrorPayload): void => {
    failed ??= error;
    for (const resolveReply of pending.values()) resolveReply({ ok: false, error });
    pending.clear();
  };
  port.onMessage((m) => {
    if (typeof m !== 'object' || m === null) return;
    const msg = m as Partial<{ id: number; reply: WireReply; event: SiglumEvent; fatal: ErrorPayload }>;
    if (msg.fatal) {
      fail(msg.fatal);
      onFatal(msg.fatal);
    } else if (msg.event) {
      for (const listener of [...listeners]) listener(msg.event);
    } else if (typeof msg.id === 'number' && msg.reply) {
      pending.get(msg.id)?.(msg.reply);
      pending.delete(msg.id);
    }
  });
  return {
    call(method, args) {
      if (failed) return Promise.resolve({ ok: false, error: failed });
      const id = next++;
      return new Promise((resolveReply) => {
        pending.set(id, resolveReply);
        port.postMessage({ id, method, args } satisfies Request);
      });
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    fail,
  };
}
