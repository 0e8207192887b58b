/** The entity store, shared with the components of renderer/entities and renderer/notes through context. */
import { createContext, useContext } from 'solid-js';
import type { EntityStore } from './store.ts';

export const EntitiesContext = createContext<EntityStore>();

export function useEntities(): EntityStore {
  const store = useContext(EntitiesContext);
  if (!store) throw new Error('useEntities() outside <EntitiesContext.Provider>');
  return store;
}
