/**
 * `siglum search QUERY [--regex] [--in PART] [--project P] [--json]`: searches the
 * whole project (words, "phrases", prefix*, or a regular expression) and prints each
 * hit with its document and context.
 */
import { SEARCH_SCOPES, type SearchScope } from '../../edition/search/api.ts';
import { chooseProject } from '../paths.ts';
import { projectMustExist, withService, type Output } from './commands.ts';
import { UsageError } from './usage.ts';

/** The most hits the command prints (the total counts them all). */
const DEFAULT_LIMIT = 1000;

export async function searchCommand(
  positionals: string[],
  opts: { project?: string; json?: boolean; regex?: boolean; in?: string[]; limit?: string },
  io: Output,
): Promise<number> {
  if (positionals.length !== 1) {
    throw new UsageError('search takes exactly one QUERY (quote it when it has several words).');
  }
  const query = positionals[0]!;
  const scopes = (opts.in ?? []).flatMap((s) => s.split(',')).filter((s) => s !== '');
  for (const s of scopes) {
    if (!(SEARCH_SCOPES as readonly string[]).includes(s)) {
      throw new UsageError(`--in takes ${SEARCH_SCOPES.join(', ')}; "${s}" is none of them.`);
    }
  }
  let limit = DEFAULT_LIMIT;
  if (opts.limit !== undefined) {
    limit = Number(opts.limit);
    if (!Number.isSafeInteger(limit) || limit < 0 || limit > DEFAULT_LIMIT) {
      throw new UsageError(`--limit takes a whole number from 0 to ${DEFAULT_LIMIT}.`);
    }
  }
  const project = chooseProject(opts.project);
  if (!project.isDefault) projectMustExist(project);
  const result = await withService(project, project.isDefault, (s) =>
    s.searchProject({
      query,
      // No one to show partial results to: the whole index, however long it takes to build.
      complete: true,
      regex: opts.regex ?? false,
      limit,
      ...(scopes.length > 0 ? { in: scopes as SearchScope[] } : {}),
    }),
  );
  if (opts.json) {
    io.out(
      JSON.stringify({
        total: result.total,
        hits: result.hits.map((h) => ({
          document: h.documentId,
          title: h.title,
          field: h.field,
          context: h.context,
        })),
      }),
    );
    return 0;
  }
  io.out(
    `${result.total} passage${result.total === 1 ? '' : 's'} in ${result.documents} document${result.documents === 1 ? '' : 's'}` +
      (result.hits.length < result.total ? ` (the first ${result.hits.length} shown)` : ''),
  );
  let last: string | null = null;
  for (const h of result.hits) {
    const heading = h.documentId === null ? `Register: ${h.title}` : `${h.documentId}  ${h.title}`;
    if (heading !== last) io.out(heading);
    last = heading;
    io.out(`    ${h.field.padEnd(9)} …${h.before}[${h.match}]${h.after}…`);
  }
  return 0;
}
