/**
 * `siglum`, the command line (started by electron/bin/siglum.mjs through run.ts).
 * Every failure ends here: one line on stderr (what went wrong, what to do), a
 * non-zero exit status, never a stack trace.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { SiglumError } from '../../edition/errors.ts';
import { exportCommand, importCommand, listCommand, serveCommand, validateCommand, type Output } from './commands.ts';
import { collateCommand } from './collate.ts';
import { entitiesCommand, mentionsCommand } from './entities.ts';
import { backupCommand, historyCommand, restoreCommand } from './history.ts';
import { USAGE, UsageError } from './usage.ts';

const project = { type: 'string' } as const;
const json = { type: 'boolean' } as const;
const help = { type: 'boolean', short: 'h' } as const;

/** Each command's options, for node:util parseArgs (strict: unknown options are errors). */
const OPTIONS = {
  import: { project, json, help },
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
  serve: { project, help, port: { type: 'string' } },
  entities: { project, json, help, type: { type: 'string' } },
  mentions: { project, json, help },
  collate: { project, help, document: { type: 'string' }, format: { type: 'string' } },
  history: { project, json, help },
  backup: { project, help, out: { type: 'string' } },
  restore: { help, to: { type: 'string' } },
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
      io.out(USAGE);
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
      at?: string;
      to?: string;
    };
    if (
      name !== 'import' &&
      name !== 'export' &&
      name !== 'validate' &&
      name !== 'mentions' &&
      name !== 'collate' &&
      name !== 'history' &&
      name !== 'restore' &&
      positionals.length > 0
    ) {
      throw new UsageError(`${name} takes no arguments besides its options (got "${positionals[0]}").`);
    }
    switch (name) {
      case 'import':
        return await importCommand(positionals, v, io);
      case 'list':
        return await listCommand(v, io);
      case 'export':
        return await exportCommand(positionals, v, io);
      case 'validate':
        return await validateCommand(positionals, v, io);
      case 'serve':
        return await serveCommand(v, io);
      case 'entities':
        return await entitiesCommand(v, io);
      case 'mentions':
        return await mentionsCommand(positionals, v, io);
      case 'collate':
        return await collateCommand(positionals, v, io);
      case 'history':
        return await historyCommand(positionals, v, io);
      case 'backup':
        return await backupCommand(v, io);
      case 'restore':
        return await restoreCommand(positionals, v, io);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`siglum: ${oneLine(e.message)} Run \`siglum --help\` for usage.`);
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
