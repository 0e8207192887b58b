/**
 * The desktop app's path from the renderer to the service, without Electron itself
 * (which cannot run here): renderer/api's IPC client -> the preload's bridge -> the
 * main process's IPC handlers (with their sender check) -> a message port -> the
 * service-process end -> the real service on a temporary project. Only Electron's
 * ipcRenderer/ipcMain pair is stood in for, by a few lines that pass calls across.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { API_METHODS, type SiglumEvent } from '../../../edition/api.ts';
import { channelOf, EVENT_CHANNEL, type WireReply } from '../../../edition/protocol.ts';
import { SiglumError } from '../../../edition/errors.ts';
import { createBridge, registerIpc, type InvokeEvent } from '../../../electron/host/ipc.ts';
import { connectPort, reportFatal, servePort, type Port } from '../../../electron/host/port.ts';
import { openService, type SiglumService } from '../../../electron/service/index.ts';
import { ipcClient } from '../../../renderer/api/ipc.ts';

function nodePort(p: MessagePort): Port {
  return { postMessage: (m) => p.postMessage(m), onMessage: (listener) => p.on('message', listener) };
}

let dir: string;
let service: SiglumService;
let channel: MessageChannel;
let handlers: Map<string, (event: InvokeEvent, args: unknown) => Promise<WireReply>>;
let frameUrl: string | null;
let invoked: string[];
let sendEvent: (event: SiglumEvent) => void;

function wire() {
  channel = new MessageChannel();
  servePort(service, nodePort(channel.port1));
  const link = connectPort(nodePort(channel.port2));
  handlers = new Map();
  registerIpc({ handle: (ch, handler) => handlers.set(ch, handler) }, (method, args) => link.call(method, args));
  // What Electron's IPC does between the two processes, reduced to a function call.
  const eventListeners: Array<(e: unknown, payload: unknown) => void> = [];
  const ipcRenderer = {
    invoke: async (ch: string, args: unknown) => {
      invoked.push(ch);
      return handlers.get(ch)!({ senderFrame: frameUrl === null ? null : { url: frameUrl } }, structuredClone(args));
    },
    on: (ch: string, listener: (e: unknown, payload: unknown) => void) => {
      expect(ch).toBe(EVENT_CHANNEL);
      eventListeners.push(listener);
    },
  };
  link.subscribe((event) => sendEvent(event));
  sendEvent = (event) => eventListeners.forEach((l) => l({}, structuredClone(event)));
  const bridge = createBridge(ipcRenderer);
  return { bridge, client: ipcClient(bridge) };
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'siglum-ipc-'));
  service = openService(join(dir, 'p.siglum'), { create: true });
  frameUrl = 'app://siglum/index.html';
  invoked = [];
});

afterEach(() => {
  channel.port1.close();
  channel.port2.close();
  service.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('desktop IPC', () => {
  it('registers one handler per API method, on the channel derived from its name, and no other', () => {
    wire();
    expect([...handlers.keys()].sort()).toEqual(API_METHODS.map(channelOf).sort());
  });

  it('carries calls from the renderer client to the service and back', async () => {
    const { client } = wire();
    const made = await client.createDocument({ title: 'Over IPC' });
    expect(made.title).toBe('Over IPC');
    expect((await client.listDocuments({})).map((d) => d.id)).toEqual([made.id]);
    expect(invoked).toEqual([channelOf('createDocument'), channelOf('listDocuments')]);
  });

  it("rethrows the service's errors as SiglumError with their name, code and message", async () => {
    const { client } = wire();
    const error = await client.openDocument({ id: 'no-such-document' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SiglumError);
    expect(error).toMatchObject({ name: 'SiglumError', code: 'not-found' });
    expect((error as Error).message).toMatch(/\w+ \w+/);
  });

  it('forwards the service events to subscribers until they unsubscribe', async () => {
    const { client } = wire();
    const seen: SiglumEvent[] = [];
    const off = client.subscribe((e) => seen.push(e));
    await client.createDocument({ title: 'Announced' });
    await vi.waitFor(() => expect(seen).toContainEqual({ type: 'documents-changed' }));
    off();
    const count = seen.length;
    // A second subscriber hears the next event: by then the first would have too.
    const later: SiglumEvent[] = [];
    client.subscribe((e) => later.push(e));
    await client.createDocument({ title: 'Unheard' });
    await vi.waitFor(() => expect(later).toContainEqual({ type: 'documents-changed' }));
    expect(seen).toHaveLength(count);
  });

  it('answers calls only from frames showing the app itself', async () => {
    const { client } = wire();
    for (const url of [
      'https://evil.example/',
      'file:///home/user/page.html',
      'app://elsewhere/',
      'devtools://devtools/',
      null,
    ]) {
      frameUrl = url;
      const error = await client.createDocument({ title: `From ${url}` }).catch((e: unknown) => e);
      expect(error, String(url)).toMatchObject({ name: 'SiglumError', code: 'forbidden' });
    }
    expect(await service.listDocuments({})).toEqual([]);
  });

  it('gives the page one frozen object whose call refuses names outside the method list before IPC', async () => {
    const { bridge } = wire();
    expect(Object.isFrozen(bridge)).toBe(true);
    expect(Object.keys(bridge).sort()).toEqual(['call', 'subscribe']);
    const reply = await bridge.call('constructor' as never, {});
    expect(reply).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(invoked).toEqual([]);
  });

  it('answers every call with the reason when the service process could not open the project', async () => {
    const notAProject = join(dir, 'notes.siglum');
    writeFileSync(notAProject, 'just notes');
    const error = (() => {
      try {
        openService(notAProject, { create: true });
      } catch (e) {
        return e;
      }
    })();
    const ports = new MessageChannel();
    const fatal: unknown[] = [];
    const link = connectPort(nodePort(ports.port2), (e) => fatal.push(e));
    const reply = link.call('listDocuments', {});
    reportFatal(nodePort(ports.port1), error);
    expect(await reply).toMatchObject({ ok: false, error: { code: 'not-a-project' } });
    expect(await link.call('projectInfo', {})).toMatchObject({ ok: false, error: { code: 'not-a-project' } });
    expect(fatal).toHaveLength(1);
    ports.port1.close();
    ports.port2.close();
    channel = new MessageChannel();
  });
});
