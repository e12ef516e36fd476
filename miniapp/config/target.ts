/**
 * Which app a build is for. One Taro project builds both mini-programs; the `APP` environment
 * variable (set by the package scripts) picks the app's pages, title, appid and API root.
 */
export type AppKind = 'passenger' | 'driver';

export function appKindFromEnv(value = process.env.APP): AppKind {
  if (value === 'passenger' || value === 'driver') return value;
  throw new Error(`APP must be "passenger" or "driver" (got ${JSON.stringify(value)}); use the build:*/dev:* scripts`);
}

/**
 * The appid of each mini-program comes from the environment; the default is WeChat's own
 * placeholder for development without an account, so nobody mistakes it for a real one.
 */
export function appIdFor(app: AppKind): string {
  const fromEnv = app === 'driver' ? process.env.TARO_APP_APPID_DRIVER : process.env.TARO_APP_APPID_PASSENGER;
  return fromEnv?.trim() || 'touristappid';
}

/**
 * weapp needs an absolute URL (no same-origin proxy in a mini-program); H5 is served behind a
 * proxy that forwards /api, so it calls relative paths unless told otherwise.
 */
export function apiBaseFor(platform: string | undefined): string {
  const fromEnv = process.env.TARO_APP_API_BASE?.trim();
  if (fromEnv) return fromEnv.replace(/\/+$/, '');
  return platform === 'h5' ? '' : 'http://localhost:7001';
}
