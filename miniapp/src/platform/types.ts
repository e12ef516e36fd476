/**
 * What differs between the mini-program and a browser, behind one small interface. Taro picks
 * `index.weapp.ts` or `index.h5.ts` at build time; nothing else in the app asks which one it is.
 */
export interface PlatformApi {
  readonly channel: 'weapp' | 'h5';
  /** how users sign in here: one tap with WeChat, or phone number + SMS code */
  readonly signInMethod: 'wechat' | 'sms';
  /**
   * weapp: wx.login → one-time code → POST /auth/wechat; resolves true when signed in (the caller
   * routes on). h5: a browser has no WeChat identity, so this goes to the SMS sign-in page and
   * resolves false.
   */
  login(): Promise<boolean>;
  /** whether the WeChat phone-number button (open-type="getPhoneNumber") exists here */
  readonly canBindPhoneWithWechat: boolean;
  /**
   * The code of a getPhoneNumber button event, to send to POST /me/phone; null when the user
   * declined or the platform has no such button.
   */
  phoneCodeFrom(event: { detail?: { code?: string; errMsg?: string } }): string | null;
  /** open-type for the privacy 同意 button, so WeChat records its own privacy authorisation */
  readonly privacyAgreeOpenType: 'agreePrivacyAuthorization' | undefined;
  /**
   * Called when WeChat holds back a privacy API (phone number, location) until the user agrees;
   * `onNeed` shows the policy, and the page settles the request with `settlePrivacyAuthorization`.
   */
  watchPrivacyAuthorization(onNeed: () => void): void;
  settlePrivacyAuthorization(agreed: boolean, agreeButtonId?: string): void;
  /** the mini-program shows a 返回首页 button on pages opened by reLaunch; sign-in pages hide it */
  hideHomeButton(): void;
  /**
   * Asks the user to accept WeChat subscribe messages (wx.requestSubscribeMessage, at most 3
   * template IDs, from a tap). Resolves with each template's answer; never rejects — a refusal or
   * an old base library leaves the passenger told by SMS. H5 has no such call: nothing is accepted.
   */
  requestSubscribe(templateIds: string[]): Promise<Record<string, SubscribeAnswer>>;
}

export type SubscribeAnswer = 'accept' | 'reject' | 'ban' | 'filter';
