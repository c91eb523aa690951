import { createContext, useContext, type ReactNode } from 'react';
import { Provider } from 'urql';
import type { YilianClient } from './client';

const YilianContext = createContext<YilianClient | null>(null);

/** urql's Provider plus the session client's connection state and subscription cursors. */
export function YilianProvider({ value, children }: { value: YilianClient; children: ReactNode }) {
  return (
    <YilianContext.Provider value={value}>
      <Provider value={value.client}>{children}</Provider>
    </YilianContext.Provider>
  );
}

export function useYilianClient(): YilianClient {
  const value = useContext(YilianContext);
  if (!value) throw new Error('useYilianClient() must be used inside <YilianProvider>');
  return value;
}
