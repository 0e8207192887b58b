/** The facsimile store, shared with renderer/facsimile's components through context; `facsimileOpen` says whether its panel shows. */
import { createContext, createSignal, useContext } from 'solid-js';
import type { FacsimileStore } from './store.ts';

export const FacsimileContext = createContext<FacsimileStore>();

export function useFacsimile(): FacsimileStore {
  const store = useContext(FacsimileContext);
  if (!store) throw new Error('useFacsimile() outside <FacsimileContext.Provider>');
  return store;
}

/** Whether the page-image panel is open: one per window, so a module signal (as the variants panel's). */
const [facsimileOpen, setFacsimileOpen] = createSignal(false);

export { facsimileOpen, setFacsimileOpen };
