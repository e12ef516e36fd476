// The build defines these (config/index.ts); tests run as the passenger H5 app with relative URLs.
process.env.TARO_APP_KIND = 'passenger';
process.env.TARO_APP_API_BASE = '';
process.env.TARO_ENV = 'h5';
