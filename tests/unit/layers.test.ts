/**
 * The lint rules that keep edition/ the model only: run ESLint with the project's own
 * configuration on small sources placed (in name only) where the rule applies.
 */
import { ESLint } from 'eslint';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function messages(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => `${m.ruleId ?? ''}: ${m.message}`);
}

describe('edition/ imports nothing of the transport', () => {
  it('refuses protocol.ts in a model module, at any depth', async () => {
    const code = "import type { WireReply } from '../protocol.ts';\nexport type Reply = WireReply;\n";
    const found = await messages('edition/tei/layer-probe.ts', code);
    expect(found.some((m) => m.startsWith('no-restricted-imports') && m.includes('transport'))).toBe(true);
  });

  it('lets the hosts and the API client import it', async () => {
    const code = "import type { WireReply } from '../../edition/protocol.ts';\nexport type Reply = WireReply;\n";
    expect(await messages('renderer/api/layer-probe.ts', code)).toEqual([]);
    expect(await messages('electron/host/layer-probe.ts', code)).toEqual([]);
  });
});

describe('edition/ touches no DOM outside print/browser/', () => {
  it('refuses a DOM global in a model module, and takes it in the paginator', async () => {
    const code = 'export function probe(): unknown {\n  return new DOMParser();\n}\n';
    const model = await messages('edition/print/layer-probe.ts', code);
    expect(model.some((m) => m.startsWith('no-restricted-globals') && m.includes('print/browser'))).toBe(true);
    expect(await messages('edition/print/browser/layer-probe.ts', code)).toEqual([]);
  });

  it('type-checks edition/ without the DOM library, so a DOM type in a model module does not compile', () => {
    const read = ts.readConfigFile('edition/tsconfig.json', (p) => ts.sys.readFile(p));
    const config = ts.parseJsonConfigFileContent(read.config, ts.sys, 'edition');
    expect(config.fileNames.some((f) => f.includes('/print/browser/'))).toBe(false);
    expect(config.fileNames.some((f) => f.endsWith('edition/schema.ts'))).toBe(true);
    const probe = 'edition/layer-probe.ts';
    const host = ts.createCompilerHost(config.options);
    const readFile = host.readFile.bind(host);
    host.fileExists = (
      (exists) => (f: string) =>
        f.endsWith(probe) || exists(f)
    )(host.fileExists.bind(host));
    host.readFile = (f) => (f.endsWith(probe) ? 'export const el: HTMLElement | null = null;\n' : readFile(f));
    const program = ts.createProgram([probe], config.options, host);
    const errors = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    expect(errors).toContain("Cannot find name 'HTMLElement'.");
  });
});

describe('SQL lives in db/', () => {
  const statement = "export const q = 'SELECT id FROM documents WHERE id = ?';\n";
  const template = 'export const q = `\n  UPDATE documents SET title = ? WHERE id = ?`;\n';

  it('refuses a statement in a string or template anywhere else', async () => {
    for (const file of ['electron/service/sql-probe.ts', 'edition/sql-probe.ts', 'renderer/sql-probe.ts']) {
      for (const code of [statement, template]) {
        const found = await messages(file, code);
        expect(found.some((m) => m.startsWith('no-restricted-syntax') && m.includes('db/'))).toBe(true);
      }
    }
  });

  it('takes it in db/, and leaves English that starts with the same words alone', async () => {
    expect(await messages('db/sql-probe.ts', statement)).toEqual([]);
    expect(await messages('electron/service/sql-probe.ts', "export const s = 'Select a document first.';\n")).toEqual(
      [],
    );
  });
});
