/**
 * A SiglumClient built from any transport that can carry one call and answer with a
 * WireReply. The methods are derived from API_METHODS, so no method name is written
 * here; errors come back as SiglumError with the name, code and message the Node side
 * gave them, and are always rethrown, never swallowed.
 */
import { API_METHODS, type ApiMethod, type SiglumClient } from '../../edition/api.ts';
import { isErrorPayload, SiglumError } from '../../edition/errors.ts';

/** Carries one call to the Node side and resolves with its reply, unchecked. */
export type Transport = (method: ApiMethod, args: unknown) => Promise<unknown>;

/** The value a reply carries; throws the error it carries, or a SiglumError if it is not a reply. */
export function unwrap(reply: unknown, method: ApiMethod): unknown {
  if (typeof reply === 'object' && reply !== null) {
    const r = reply as { ok?: unknown; value?: unknown; error?: unknown };
    if (r.ok === true) return r.value;
    if (r.ok === false && isErrorPayload(r.error)) throw SiglumError.fromPayload(r.error);
  }
  throw new SiglumError('internal', `Siglum could not understand the answer to ${method}. Reload the window.`);
}

/** A client whose every API method goes through `transport`. */
export function createClient(transport: Transport, subscribe: SiglumClient['subscribe']): SiglumClient {
  const client: Record<string, unknown> = { subscribe };
  for (const method of API_METHODS) {
    client[method] = async (args: unknown) => unwrap(await transport(method, args ?? {}), method);
  }
  return Object.freeze(client) as unknown as SiglumClient;
}
