// Hands the one `window.aide` to every component, so tests can render the UI against a fake.
import { createContext, useContext, type ReactNode } from 'react';
import type { AideApi } from '../../common/contract';

const AideContext = createContext<AideApi | null>(null);

export function AideProvider({ api, children }: { api: AideApi; children: ReactNode }) {
  return <AideContext.Provider value={api}>{children}</AideContext.Provider>;
}

export function useAide(): AideApi {
  const api = useContext(AideContext);
  if (!api) throw new Error('useAide needs an <AideProvider>');
  return api;
}
