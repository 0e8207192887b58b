/** The facsimile store, shared with renderer/facsimile's components through context. */
import { createContext, useContext } from 'solid-js';
import type { FacsimileStore } from './store.ts';

export const FacsimileContext = createContext<FacsimileStore>();

export function useFacsimile(): FacsimileStore {
  const store = useContext(FacsimileContext);
  if (!store) throw new Error('useFacsimile() outside <FacsimileContext.Provider>');
  return store;
}
