/**
 * The one place where a call received over a wire (Electron IPC, the utility-process
 * port, HTTP) meets the service. Every host funnels through `replyTo`, so the checks
 * on the method name and the argument's shape, and the way errors are turned into
 * payloads, are the same everywhere.
 */
import { isApiMethod, type SiglumApi } from '../../edition/api.ts';
import type { WireReply } from '../../edition/protocol.ts';
import { SiglumError, toErrorPayload } from '../../edition/errors.ts';

/**
 * Calls `method` on `service` with `args` as received from a client. Rejects with a
 * SiglumError ('bad-input') for a name that is not an API method or an argument that
 * is not a plain object; the service validates the object's fields.
 */
export async function dispatch(service: SiglumApi, method: unknown, args: unknown): Promise<unknown> {
  if (!isApiMethod(method)) {
    throw new SiglumError('bad-input', `There is no API method called ${JSON.stringify(method)}.`);
  }
  if (typeof args !== 'object' || args === null || Array.isArray(args)) {
    throw new SiglumError('bad-input', `${method} takes one object as its argument.`);
  }
  const fn = service[method] as (this: SiglumApi, a: unknown) => Promise<unknown>;
  return fn.call(service, args);
}

/** Like `dispatch`, but never rejects: the outcome comes back as a WireReply. */
export async function replyTo(service: SiglumApi, method: unknown, args: unknown): Promise<WireReply> {
  try {
    return { ok: true, value: await dispatch(service, method, args) };
  } catch (e) {
    if (!(e instanceof SiglumError)) console.error(e);
    return { ok: false, error: toErrorPayload(e) };
  }
}
