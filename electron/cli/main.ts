/**
 * `siglum`, the command line (started by electron/bin/siglum.mjs through run.ts).
 * Every failure ends here: one line on stderr (what went wrong, what to do), a
 * non-zero exit status, never a stack trace.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { SiglumError } from '../../edition/errors.ts';
import type { Output } from './commands.ts';
import type { GitOptions } from './git.ts';
import { commandHelp, USAGE, UsageError } from './usage.ts';

const project = { type: 'string' } as const;
const json = { type: 'boolean' } as const;
const help = { type: 'boolean', short: 'h' } as const;

/** Each command's options, for node:util parseArgs (strict: unknown options are errors). */
const OPTIONS = {
  import: {
    project,
    json,
    help,
    'as-new': { type: 'boolean' },
    replace: { type: 'boolean' },
    update: { type: 'boolean' },
  },
  list: { project, json, help },
  export: {
    project,
    help,
    collection: { type: 'string' },
    all: { type: 'boolean' },
    format: { type: 'string' },
    out: { type: 'string' },
    at: { type: 'string' },
  },
  validate: { help, schema: { type: 'string' } },
  serve: { project, help, port: { type: 'string' }, exports: { type: 'string' } },
  entities: { project, json, help, type: { type: 'string' } },
  mentions: { project, json, help },
  collate: {
    project,
    help,
    document: { type: 'string' },
    format: { type: 'string' },
    'near-match': { type: 'boolean' },
  },
  search: {
    project,
    json,
    help,
    regex: { type: 'boolean' },
    in: { type: 'string', multiple: true },
    limit: { type: 'string' },
  },
  history: { project, json, help },
  backup: { project, help, out: { type: 'string' } },
  restore: { help, to: { type: 'string' } },
  git: {
    project,
    json,
    help,
    remote: { type: 'string' },
    'work-tree': { type: 'string' },
    ci: { type: 'string' },
    message: { type: 'string', short: 'm' },
    name: { type: 'string' },
    email: { type: 'string' },
  },
} as const satisfies Record<string, ParseArgsConfig['options']>;

type Command = keyof typeof OPTIONS;

function isCommand(name: string | undefined): name is Command {
  return name !== undefined && Object.hasOwn(OPTIONS, name);
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}

/** Runs the command line `argv` (without node and the script); resolves with the exit status. */
export async function runCli(argv: string[], io: Output): Promise<number> {
  const [name, ...rest] = argv;
  try {
    if (name === 'help' && rest.length > 0) {
      const topic = rest[0];
      if (!isCommand(topic)) throw new UsageError(`"${topic}" is not a siglum command.`);
      io.out(commandHelp(topic));
      return 0;
    }
    if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
      io.out(USAGE);
      return name === undefined ? 2 : 0;
    }
    if (!isCommand(name)) throw new UsageError(`"${name}" is not a siglum command.`);
    let parsed;
    try {
      parsed = parseArgs({ args: rest, options: OPTIONS[name], allowPositionals: true, strict: true });
    } catch (e) {
      // parseArgs adds a long hint after its first sentence; the first sentence is the point.
      const message = e instanceof Error ? e.message : String(e);
      throw new UsageError(message.split(/(?<=\.) /)[0] ?? message);
    }
    const { values, positionals } = parsed as {
      values: Record<string, string | boolean | undefined>;
      positionals: string[];
    };
    if (values['help']) {
      io.out(commandHelp(name));
      return 0;
    }
    const v = values as {
      project?: string;
      json?: boolean;
      collection?: string;
      all?: boolean;
      format?: string;
      out?: string;
      port?: string;
      schema?: string;
      type?: string;
      document?: string;
      exports?: string;
      'as-new'?: boolean;
      replace?: boolean;
      update?: boolean;
      regex?: boolean;
      in?: string[];
      limit?: string;
      at?: string;
      to?: string;
    } & GitOptions;
    if (
      name !== 'import' &&
      name !== 'export' &&
      name !== 'validate' &&
      name !== 'mentions' &&
      name !== 'collate' &&
      name !== 'search' &&
      name !== 'history' &&
      name !== 'restore' &&
      name !== 'git' &&
      positionals.length > 0
    ) {
      throw new UsageError(`${name} takes no arguments besides its options (got "${positionals[0]}").`);
    }
    // Each command's module is loaded when it runs, so that `siglum --help` loads none of them.
    switch (name) {
      case 'import': {
        // The files are parsed while the service loads and the project opens.
        const drop = await (await import('./import-ahead.ts')).parseTeiAhead(positionals);
        try {
          return await (await import('./commands.ts')).importCommand(positionals, v, io);
        } finally {
          drop();
        }
      }
      case 'list':
        return await (await import('./commands.ts')).listCommand(v, io);
      case 'export':
        return await (await import('./commands.ts')).exportCommand(positionals, v, io);
      case 'validate':
        return await (await import('./commands.ts')).validateCommand(positionals, v, io);
      case 'serve':
        return await (await import('./commands.ts')).serveCommand(v, io);
      case 'entities':
        return await (await import('./entities.ts')).entitiesCommand(v, io);
      case 'mentions':
        return await (await import('./entities.ts')).mentionsCommand(positionals, v, io);
      case 'collate':
        return await (await import('./collate.ts')).collateCommand(positionals, v, io);
      case 'search':
        return await (await import('./search.ts')).searchCommand(positionals, v, io);
      case 'history':
        return await (await import('./history.ts')).historyCommand(positionals, v, io);
      case 'backup':
        return await (await import('./history.ts')).backupCommand(v, io);
      case 'restore':
        return await (await import('./history.ts')).restoreCommand(positionals, v, io);
      case 'git':
        return await (await import('./git.ts')).gitCommand(positionals, v, io);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      const pointer = isCommand(name) ? `siglum help ${name}` : 'siglum --help';
      io.err(`siglum: ${oneLine(e.message)} Run \`${pointer}\` for usage.`);
      return 2;
    }
    if (e instanceof SiglumError) {
      io.err(`siglum: ${oneLine(e.message)}`);
      return 1;
    }
    const message = e instanceof Error ? e.message : String(e);
    io.err(`siglum: internal error (${oneLine(message)}). Please report it; SIGLUM_DEBUG=1 shows the details.`);
    if (process.env['SIGLUM_DEBUG']) console.error(e);
    return 1;
  }
}
