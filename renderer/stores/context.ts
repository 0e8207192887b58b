/**
 * The window's stores, created once in App and read by components through
 * context (so no component needs them threaded through its props).
 */
import { createContext, useContext } from 'solid-js';
import type { SiglumClient } from '../../edition/api.ts';
import type { EditorStore } from './editor.ts';
import type { NoticeStore } from './notices.ts';
import type { ProjectStore } from './project.ts';

export interface Stores {
  client: SiglumClient;
  project: ProjectStore;
  editor: EditorStore;
  notices: NoticeStore;
}

export const StoresContext = createContext<Stores>();

export function useStores(): Stores {
  const stores = useContext(StoresContext);
  if (!stores) throw new Error('useStores() outside <StoresContext.Provider>');
  return stores;
}
