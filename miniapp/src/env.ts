/**
 * Build-time facts about this bundle, defined by config/index.ts (`env`). Jest reads the same
 * names from the real process.env.
 */
export type AppKind = 'passenger' | 'driver';

export const APP_KIND: AppKind = process.env.TARO_APP_KIND === 'driver' ? 'driver' : 'passenger';

/** '' in H5 behind the /api proxy; an absolute origin in the mini-program */
export const API_BASE: string = (process.env.TARO_APP_API_BASE ?? '').replace(/\/+$/, '');

/** Each app has its own API root and audience on the bff. */
export const API_ROOT = `${API_BASE}${APP_KIND === 'driver' ? '/api/driver' : '/api/app'}`;
