// Types for `import { platform } from '../platform'`; the build resolves index.weapp.ts or index.h5.ts.
import type { PlatformApi } from './types';

export declare const platform: PlatformApi;
export type { PlatformApi, SubscribeAnswer } from './types';
