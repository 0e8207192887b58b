/** Shared helpers for the service tests: temporary projects and collab clients. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openService, type ServiceOptions, type SiglumService } from '../../../electron/service/index.ts';
import { afterAll, afterEach } from 'vitest';

/** A fresh folder for project files; `cleanup` removes it. */
export function tempDir(): { dir: string; file: (name: string) => string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'siglum-test-'));
  return { dir, file: (name) => join(dir, name), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export { CollabClient } from './collab-client.ts';

/**
 * Services on projects in a fresh folder, closed after each test and removed after
 * the file's tests: `const { service, tmp } = serviceFixture();`.
 */
export function serviceFixture(): {
  tmp: ReturnType<typeof tempDir>;
  service: (name: string, options?: ServiceOptions) => SiglumService;
} {
  const tmp = tempDir();
  const open: SiglumService[] = [];
  afterEach(() => {
    for (const s of open.splice(0)) s.close();
  });
  afterAll(() => tmp.cleanup());
  return {
    tmp,
    service(name, options = { create: true }) {
      const s = openService(tmp.file(name), options);
      open.push(s);
      return s;
    },
  };
}
