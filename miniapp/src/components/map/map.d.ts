// Types for `import { TripMap } from './map'`; the build resolves map.h5.tsx or map.weapp.tsx.
import type { TripMapProps } from './types';

export declare function TripMap(props: TripMapProps): JSX.Element;
