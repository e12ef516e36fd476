import type { MapProviderFactory, ProviderKind } from './types';

/**
 * The one place that maps a provider kind to its implementation. Each is a separate chunk,
 * loaded the first time a map is shown, so pages without a map never download Leaflet or AMap.
 */
export const PROVIDER_LOADERS: Record<ProviderKind, () => Promise<MapProviderFactory>> = {
  selfhosted: () => import('./leaflet-provider').then((m) => m.createLeafletProvider),
  amap: () => import('./amap-provider').then((m) => m.createAmapProvider),
};

export function loadProvider(kind: ProviderKind): Promise<MapProviderFactory> {
  return PROVIDER_LOADERS[kind]();
}
