import { describe, expect, it } from 'vitest';
import { schema } from '../../../edition/schema.ts';
import { editorActions, formatKey, tooltipOf } from '../../../renderer/editor/actions.ts';
import { actionKeymap } from '../../../renderer/editor/setup.ts';

describe('the action table', () => {
  it('gives every shortcut to one action only', () => {
    const keys = editorActions.flatMap((a) => a.keys);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('binds in the keymap exactly the shortcuts the tooltips show', () => {
    const keymap = actionKeymap({ askPageBreak: () => Promise.resolve(null) });
    const bound = Object.keys(keymap).sort();
    expect(bound).toEqual(editorActions.flatMap((a) => [...a.keys]).sort());
    for (const action of editorActions) {
      for (const key of action.keys) expect(tooltipOf(action)).toContain(formatKey(key));
    }
  });

  it('offers a way to every structure and highlight of the schema', () => {
    const ids = new Set(editorActions.map((a) => a.id));
    for (const name of ['heading', 'paragraph', 'sourceNote', 'opener', 'closer', 'dateline', 'salute', 'signed']) {
      expect(ids.has(name), name).toBe(true);
    }
    for (const name of ['italic', 'bold', 'smallcaps', 'superscript']) {
      expect(schema.marks[name], name).toBeDefined();
      expect(ids.has(name), name).toBe(true);
    }
    for (const id of ['listEntry', 'pageBreak', 'lineBreak', 'note', 'undo', 'redo'])
      expect(ids.has(id), id).toBe(true);
  });

  it('writes shortcuts the way the platform does', () => {
    expect(formatKey('Mod-Alt-p')).toBe('Ctrl+Alt+P');
    expect(formatKey('Shift-Enter')).toBe('Shift+Enter');
  });
});
