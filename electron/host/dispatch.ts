/**
 * The one place where a call meets the service's table, and the one place arguments
 * are checked: `dispatch` applies the method's schema (edition/api.ts `API_ARGS`) and
 * hands the handler what it outputs. Every host funnels through `replyTo`, which
 * passes a call received over a wire (Electron IPC, the utility-process port, HTTP) to
 * the service, whose methods all go through `dispatch`; the command line and tests
 * calling `openService(...)` methods directly go through it too.
 */
import { API_ARGS, isApiMethod, type ApiArgSchemas, type SiglumApi } from '../../edition/api.ts';
import { checkArgs, type ArgsOut, type ArgsSchema } from '../../edition/args.ts';
import type { WireReply } from '../../edition/protocol.ts';
import { SiglumError, toErrorPayload } from '../../edition/errors.ts';
import type { RowMethod, ServiceContext, Table } from '../service/table.ts';

/**
 * `args` checked against `method`'s schema (edition/api.ts `API_ARGS`): what its
 * handler receives. Throws a SiglumError ('bad-input', or 'not-found' for an id that
 * names nothing) when they do not pass; no argument at all counts as `{}`.
 */
export function checkedArgs<M extends RowMethod>(method: M, args: unknown): ArgsOut<ApiArgSchemas[M]> {
  const given = args === undefined ? {} : args;
  if (typeof given !== 'object' || given === null || Array.isArray(given)) {
    throw new SiglumError('bad-input', `${method} takes one object as its argument.`);
  }
  return checkArgs(API_ARGS[method] as ArgsSchema, given) as ArgsOut<ApiArgSchemas[M]>;
}

/** Runs `method`'s handler in `table` over `ctx` with `args` checked (`checkedArgs`). */
export function dispatch(table: Table, ctx: ServiceContext, method: RowMethod, args: unknown): unknown {
  const row = table[method] as unknown as { run(ctx: ServiceContext, args: unknown): unknown };
  return row.run(ctx, checkedArgs(method, args));
}

/**
 * Calls `method` on `service` with `args` as received from a client, as a WireReply
 * (never rejects). A name that is not an API method is 'bad-input'.
 */
export async function replyTo(service: SiglumApi, method: unknown, args: unknown): Promise<WireReply> {
  try {
    if (!isApiMethod(method)) {
      throw new SiglumError('bad-input', `There is no API method called ${JSON.stringify(method)}.`);
    }
    const fn = service[method] as (this: SiglumApi, a: unknown) => Promise<unknown>;
    return { ok: true, value: await fn.call(service, args) };
  } catch (e) {
    if (!(e instanceof SiglumError)) console.error(e);
    return { ok: false, error: toErrorPayload(e) };
  }
}
