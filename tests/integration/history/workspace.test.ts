import { Node } from 'prosemirror-model';
import { afterAll, describe, expect, it } from 'vitest';
import type { SiglumEvent } from '../../../edition/api.ts';
import { schema } from '../../../edition/schema.ts';
import { openWorkspace } from '../../../electron/service/workspace.ts';
import { CollabClient, tempDir } from '../service/helpers.ts';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

describe('the workspace', () => {
  it('answers only project calls until a project is open, then switches projects and lists them as recent', async () => {
    const w = openWorkspace({ configDir: tmp.file('config'), defaultPath: tmp.file('default.siglum') });
    const events: SiglumEvent[] = [];
    w.subscribe((e) => events.push(e));
    try {
      expect((await w.listProjects({})).current).toBeNull();
      await expect(w.listDocuments({})).rejects.toMatchObject({ code: 'not-found' });
      await expect(w.openProject({ path: tmp.file('missing.siglum') })).rejects.toMatchObject({ code: 'not-found' });

      const a = await w.openProject({ path: tmp.file('a'), create: true });
      expect(a.path).toBe(tmp.file('a.siglum'));
      await w.createDocument({ title: 'In A' });
      await w.openProject({ path: tmp.file('b.siglum'), create: true });
      expect(await w.listDocuments({})).toEqual([]);
      await expect(w.openProject({ path: tmp.file('b.siglum'), create: true })).rejects.toMatchObject({
        code: 'bad-input',
      });
      await w.openProject({ path: tmp.file('a.siglum') });
      expect((await w.listDocuments({})).map((d) => d.title)).toEqual(['In A']);

      const list = await w.listProjects({});
      expect(list.current?.path).toBe(tmp.file('a.siglum'));
      expect(list.recent.map((r) => r.path)).toEqual([tmp.file('a.siglum'), tmp.file('b.siglum')]);
      expect(events.filter((e) => e.type === 'project-changed')).toHaveLength(3);
    } finally {
      w.close();
    }
  });

  it('restores a backup in place of the open project, keeping the state it replaces', async () => {
    const w = openWorkspace({ configDir: tmp.file('config2'), defaultPath: tmp.file('default2.siglum') });
    try {
      await w.openProject({ path: tmp.file('r.siglum'), create: true });
      const { id } = await w.createDocument({ title: 'Despatch' });
      const c = await CollabClient.open(w, id, 'editor');
      c.type('before', 1);
      await c.sync();
      const backup = await w.backupNow({});
      c.type(' after', c.state.doc.content.size - 1);
      await c.sync();

      const r = await w.restoreBackup({ path: backup.path });
      expect(r.safety.reason).toBe('before-restore');
      const text = (await w.openDocument({ id })).doc;
      expect(Node.fromJSON(schema, text).textContent).toBe('before');
      // The replaced state is one click away.
      await w.restoreBackup({ path: r.safety.path });
      expect(Node.fromJSON(schema, (await w.openDocument({ id })).doc).textContent).toBe('before after');
    } finally {
      w.close();
    }
  });
});
