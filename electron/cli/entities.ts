/**
 * The register's commands: `siglum entities` lists the register with each entry's
 * number of mentions; `siglum mentions ENTITY_ID` lists where one entry is
 * mentioned, with the printed page and a few words of context.
 */
import { chooseProject } from '../paths.ts';
import { projectMustExist, withService, type Output } from './commands.ts';
import { UsageError } from './usage.ts';

function authorityText(authority: Record<string, string | undefined>): string {
  return Object.entries(authority)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}:${v}`)
    .join(' ');
}

export async function entitiesCommand(
  opts: { project?: string; json?: boolean; type?: string },
  io: Output,
): Promise<number> {
  const project = chooseProject(opts.project);
  if (!project.isDefault) projectMustExist(project);
  const list = await withService(project, project.isDefault, (s) =>
    s.listEntities(opts.type === undefined ? {} : { type: opts.type }),
  );
  if (opts.json) {
    io.out(
      JSON.stringify(
        list.map((e) => ({ id: e.id, type: e.type, name: e.name, authority: e.authority, mentions: e.mentions })),
      ),
    );
    return 0;
  }
  if (list.length === 0) io.out('The register is empty.');
  for (const e of list) {
    const authority = authorityText(e.authority as Record<string, string | undefined>);
    io.out(
      `${e.id.padStart(6)}  ${e.type.padEnd(7)} ${e.name}  (${e.mentions} mention${e.mentions === 1 ? '' : 's'})${authority ? `  ${authority}` : ''}`,
    );
  }
  return 0;
}

export async function mentionsCommand(
  positionals: string[],
  opts: { project?: string; json?: boolean },
  io: Output,
): Promise<number> {
  if (positionals.length !== 1) throw new UsageError('mentions takes exactly one ENTITY_ID (see `siglum entities`).');
  const id = positionals[0]!;
  const project = chooseProject(opts.project);
  if (!project.isDefault) projectMustExist(project);
  const mentions = await withService(project, project.isDefault, (s) => s.entityMentions({ id }));
  if (opts.json) {
    io.out(
      JSON.stringify(mentions.map((m) => ({ document: m.documentId, page: m.page, text: m.text, context: m.context }))),
    );
    return 0;
  }
  if (mentions.length === 0) io.out(`Entity ${id} is not mentioned anywhere in the project.`);
  for (const m of mentions) io.out(`${m.documentId.padStart(6)}  p. ${m.page ?? '-'}  ${m.document}: …${m.context}…`);
  return 0;
}
