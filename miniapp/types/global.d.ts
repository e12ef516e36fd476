/// <reference types="@tarojs/taro" />

declare module '*.png';
declare module '*.svg';
declare module '*.scss';

declare namespace NodeJS {
  interface ProcessEnv {
    /** set by the Taro CLI: weapp | h5 */
    TARO_ENV: 'weapp' | 'h5' | string;
    /** build-time, from config/index.ts: which app this bundle is */
    TARO_APP_KIND?: 'passenger' | 'driver';
    /** build-time, from config/index.ts: '' (relative, H5) or an absolute URL (weapp) */
    TARO_APP_API_BASE?: string;
  }
}
