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

/** Full-page screenshots under e2e/test-results/screenshots/, named for people to look at. */
export async function snap(page: Page, name: string): Promise<void> {
  const path = join(__dirname, '..', '..', 'test-results', 'screenshots', `${name}.png`);
  await page.screenshot({ path, fullPage: true });
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
