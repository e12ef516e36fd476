// Taro's builds pick wechat-web-auth.h5.ts or wechat-web-auth.weapp.ts for
// `import … from './wechat-web-auth'`; TypeScript and Jest, which know no platform, see the
// browser's version, as the platform module does.
export { ensureOfficialOpenid, isWechatBrowser } from './wechat-web-auth.h5';
