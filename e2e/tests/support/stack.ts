import { readFileSync } from 'fs';
import { join } from 'path';
import type { Page } from '@playwright/test';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const ports: Record<string, number> = require('../../../config/ports.cjs');

/** Where run.mjs started the stack (the port map's defaults when the tests run against `npm start`). */
export const urls = {
  admin: process.env.E2E_ADMIN_URL ?? `http://localhost:${ports.admin}`,
  passengerH5: process.env.E2E_PASSENGER_URL ?? `http://localhost:${ports.passengerH5}`,
  driverH5: process.env.E2E_DRIVER_URL ?? `http://localhost:${ports.driverH5}`,
  sandboxSms: process.env.E2E_SANDBOX_SMS_URL ?? `http://localhost:${ports.sandboxSms}`,
  sandboxWechatPay: process.env.E2E_SANDBOX_WECHATPAY_URL ?? `http://localhost:${ports.sandboxWechatPay}`,
};

interface DemoSeed {
  users: { username: string; password: string; displayName: string }[];
}

/** A demo account from config/demo/seed.json, which run.mjs loaded into the fresh database. */
export function demoUser(username: string) {
  const seed: DemoSeed = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'config', 'demo', 'seed.json'), 'utf8'));
  const user = seed.users.find((u) => u.username === username);
  if (!user) throw new Error(`${username} is not in config/demo/seed.json`);
  return user;
}

/** The newest SMS code the sandbox delivered to `phone` (its /__sandbox inbox), or null. */
export async function latestSmsCode(phone: string): Promise<string | null> {
  const res = await fetch(`${urls.sandboxSms}/__sandbox/sms/messages?phone=${encodeURIComponent(phone)}`);
  if (!res.ok) throw new Error(`sandbox SMS inbox answered ${res.status}`);
  const body = (await res.json()) as { messages: { TemplateParam?: { code?: string } }[] };
  return body.messages[0]?.TemplateParam?.code ?? null;
}

/** A mainland mobile number no other test uses. */
export function freshPhone(): string {
  return `139${String(Date.now() % 1e8).padStart(8, '0')}`;
}

/**
 * Full-page screenshots under e2e/test-results/screenshots/, named for people to look at. The H5
 * apps scroll inside the shown Taro page (`.taro_page`), not the document, so Playwright's full
 * page would be the viewport only: the viewport grows to the page's content for the shot, keeping
 * fixed bars at the bottom, and is put back afterwards.
 */
export async function snap(page: Page, name: string): Promise<void> {
  const path = join(__dirname, '..', '..', 'test-results', 'screenshots', `${name}.png`);
  const viewport = page.viewportSize();
  const hidden = await page.evaluate(() => {
    const shown = Array.from(document.querySelectorAll('.taro_page')).filter((el) => el.getClientRects().length > 0);
    return Math.max(0, ...shown.map((el) => el.scrollHeight - el.clientHeight));
  });
  if (!viewport || hidden === 0) {
    await page.screenshot({ path, fullPage: true });
    return;
  }
  const scrolls = await page.evaluate(() => Array.from(document.querySelectorAll('.taro_page')).map((el) => el.scrollTop));
  await page.setViewportSize({ width: viewport.width, height: viewport.height + hidden });
  try {
    await page.waitForTimeout(300); // maps and fixed bars settle into the taller window
    await page.screenshot({ path, fullPage: true });
  } finally {
    await page.setViewportSize(viewport);
    await page.evaluate((tops) => document.querySelectorAll('.taro_page').forEach((el, i) => (el.scrollTop = tops[i] ?? 0)), scrolls);
  }
}

/** TOTP secrets enrolled during this run (run.mjs starts each run on a fresh database). */
const enrolled = new Map<string, string>();
/** the last code each user signed in with: the bff refuses a code twice, so the next sign-in waits for a new one */
const lastCode = new Map<string, string>();

/**
 * Signs a demo admin in through the real login page: password, then the authenticator — enrolling
 * it on the first sign-in of the run and typing the current code afterwards. Ends on the dashboard.
 */
export async function signInAdmin(page: Page, username: string): Promise<void> {
  const { Secret, TOTP } = await import('otpauth');
  const user = demoUser(username);
  await page.goto('/login');
  await page.getByPlaceholder('请输入用户名').fill(user.username);
  await page.getByPlaceholder('请输入密码').fill(user.password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  const secretView = page.getByTestId('totp-secret');
  const otp = page.locator('.ant-otp input').first();
  await otp.waitFor();
  if (!enrolled.has(username)) {
    const secret = (await secretView.innerText()).replace(/\s+/g, '');
    enrolled.set(username, secret);
  }
  const totp = new TOTP({ algorithm: 'SHA1', digits: 6, period: 30, secret: Secret.fromBase32(enrolled.get(username)!) });
  let code = totp.generate();
  while (code === lastCode.get(username)) {
    await page.waitForTimeout(1000);
    code = totp.generate();
  }
  lastCode.set(username, code);
  await otp.click();
  await page.keyboard.type(code); // the sixth digit submits
  await page.waitForURL(/\/dashboard$/);
}

/** The newest TOTP code for `username` that was not used yet (the bff accepts each code once). */
async function freshTotpCode(username: string): Promise<string> {
  const { Secret, TOTP } = await import('otpauth');
  const secret = enrolled.get(username);
  if (!secret) throw new Error(`${username} has no authenticator enrolled in this test process`);
  const totp = new TOTP({ algorithm: 'SHA1', digits: 6, period: 30, secret: Secret.fromBase32(secret) });
  let code = totp.generate();
  while (code === lastCode.get(username)) {
    await new Promise((r) => setTimeout(r, 1000));
    code = totp.generate();
  }
  lastCode.set(username, code);
  return code;
}

export interface AdminApi {
  get<T>(path: string): Promise<T>;
  put<T>(path: string, body: unknown): Promise<T>;
  del<T>(path: string): Promise<T>;
}

/**
 * A demo admin signed in through the API (/api/admin/auth/login, then /auth/totp), for test set-up
 * the UI would only slow down. Shares the enrolment and last-code book with signInAdmin, so one
 * user may sign in both ways in a run. Calls go through the admin app's proxy to the bff.
 */
export async function adminApi(username: string): Promise<AdminApi> {
  const user = demoUser(username);
  const call = async <T>(method: string, path: string, body?: unknown, token?: string): Promise<T> => {
    const res = await fetch(`${urls.admin}/api/admin${path}`, {
      method,
      headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const envelope = (await res.json()) as { success: boolean; data: T };
    if (!res.ok || !envelope.success) throw new Error(`${method} /api/admin${path} answered ${res.status}: ${JSON.stringify(envelope)}`);
    return envelope.data;
  };
  const login = await call<{ step: string; challengeToken: string; secret?: string }>('POST', '/auth/login', {
    username: user.username,
    password: user.password,
  });
  if (login.step === 'totp_enrol' && login.secret) enrolled.set(username, login.secret.replace(/\s+/g, ''));
  const session = await call<{ accessToken: string }>('POST', '/auth/totp', { challengeToken: login.challengeToken, code: await freshTotpCode(username) });
  const token = session.accessToken;
  return {
    get: (path) => call('GET', path, undefined, token),
    put: (path, body) => call('PUT', path, body, token),
    del: (path) => call('DELETE', path, undefined, token),
  };
}

/** GET on the passenger API (the public trip queries need no token). */
export async function passengerApiGet<T>(path: string): Promise<T> {
  const res = await fetch(`${urls.passengerH5}/api/app${path}`);
  const envelope = (await res.json()) as { success: boolean; data: T };
  if (!res.ok || !envelope.success) throw new Error(`GET /api/app${path} answered ${res.status}: ${JSON.stringify(envelope)}`);
  return envelope.data;
}

/**
 * A new passenger signs in on the H5 app with a fresh phone number and the SMS code from the
 * sandbox, and accepts the privacy policy (as foundation.spec shows step by step). Ends on home.
 */
export async function signInPassenger(page: Page): Promise<string> {
  const phone = freshPhone();
  await page.goto('/');
  await page.locator('#login-page').waitFor();
  await page.click('#login-agree');
  await page.fill('#login-phone input', phone);
  await page.click('#login-send-code');
  let code: string | null = null;
  for (let i = 0; i < 50 && !code; i++) {
    code = await latestSmsCode(phone);
    if (!code) await page.waitForTimeout(200);
  }
  if (!code) throw new Error(`no SMS code reached the sandbox inbox for ${phone}`);
  await page.fill('#login-code input', code);
  await page.click('#login-submit');
  await page.locator('#privacy-page').waitFor();
  await page.click('#privacy-agree');
  await page.locator('#home-page').waitFor();
  return phone;
}
