import { createContext, useContext } from 'react';
import type { Api } from './api/client';
import type { AppConfig } from './config';

export interface Services {
  config: AppConfig;
  api: Api;
}

export const ServicesContext = createContext<Services | null>(null);

export function useServices(): Services {
  const s = useContext(ServicesContext);
  if (!s) throw new Error('useServices outside ServicesContext');
  return s;
}

export const useApi = (): Api => useServices().api;
