/**
 * The mini-program pays with the openid of its own sign-in (wx.login), so there is nothing to
 * authorise; the H5 build's version is wechat-web-auth.h5.ts.
 */
export function isWechatBrowser(): boolean {
  return false;
}

export async function ensureOfficialOpenid(): Promise<boolean> {
  return true;
}
