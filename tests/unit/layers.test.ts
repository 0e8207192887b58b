/**
 * The lint rules that keep edition/ the model only: run ESLint with the project's own
 * configuration on small sources placed (in name only) where the rule applies.
 */
import { ESLint } from 'eslint';
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
