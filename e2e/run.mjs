// `npm run e2e [-- <playwright args>]`: starts the whole stack — the same code as `npm start` — on a
// fresh temporary SQLite database and a fresh keys folder, runs Playwright with Debian's Chromium,
// stops everything, and ends with `N passed, N failed`. SKIP_BUILD=1 uses the existing builds.
// The stack listens on the port map shifted by E2E_PORT_OFFSET (default 10000: bff 17001, admin
// 17100, …), so a developer's `npm start` on the same machine keeps running; 0 uses the map as is.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildAll, killChildren, startStack } from '../scripts/lib/stack.mjs';

const CHROMIUM = '/usr/bin/chromium';
const here = dirname(fileURLToPath(import.meta.url));
const say = (line) => process.stdout.write(`${line}\n`);

if (!existsSync(CHROMIUM)) {
  console.error(`Chromium is missing: apt-get install -y chromium fonts-noto-cjk`);
  console.error(`(the browser tests use Debian's Chromium at ${CHROMIUM} and never download one)`);
  process.exit(1);
}

const work = mkdtempSync(join(tmpdir(), 'dzky-e2e-'));
const logs = join(work, 'logs');
const report = join(work, 'results.json');
let stack = null;
let playwright = null;
let exiting = false;

const finish = async (code) => {
  if (stack) await stack.stop();
  else killChildren();
  process.exit(code);
};
const interrupt = (signal) => {
  if (exiting) return;
  exiting = true;
  say(`\n${signal}: stopping …`);
  playwright?.kill(signal);
  void finish(130);
};
process.on('SIGINT', () => interrupt('SIGINT'));
process.on('SIGTERM', () => interrupt('SIGTERM'));

function counts() {
  if (!existsSync(report)) return null;
  const { stats } = JSON.parse(readFileSync(report, 'utf8'));
  return { passed: stats.expected + stats.flaky, failed: stats.unexpected, skipped: stats.skipped, flaky: stats.flaky };
}

async function main() {
  const started = Date.now();
  await buildAll({ say });
  say(`starting the stack on a fresh database (${work}) …`);
  // @booking lets a one-minute seat hold run out: sweep expired holds every 2 s instead of 15 s
  process.env.BOOKING_SWEEP_INTERVAL_MS ??= '2000';
  stack = await startStack({
    localDir: join(work, 'local'),
    dbUrl: `sqlite:${join(work, 'dzky.sqlite')}`,
    logDir: join(logs, 'bff'),
    output: logs,
    portOffset: Number(process.env.E2E_PORT_OFFSET ?? 10000),
    say,
  });
  say(`stack ready in ${((Date.now() - started) / 1000).toFixed(1)} s; running Playwright …`);

  const cli = join(dirname(createRequire(import.meta.url).resolve('@playwright/test/package.json')), 'cli.js');
  const env = {
    ...process.env,
    E2E_ADMIN_URL: stack.urls.admin,
    E2E_PASSENGER_URL: stack.urls.passengerH5,
    E2E_DRIVER_URL: stack.urls.driverH5,
    E2E_SANDBOX_SMS_URL: stack.urls.sandboxSms,
    E2E_SANDBOX_WECHATPAY_URL: stack.urls.sandboxWechatPay,
    E2E_JSON_REPORT: report,
    PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1',
  };
  const code = await new Promise((resolve) => {
    playwright = spawn(process.execPath, [cli, 'test', ...process.argv.slice(2)], { cwd: here, env, stdio: 'inherit' });
    playwright.on('exit', (c, signal) => resolve(c ?? (signal ? 1 : 0)));
  });
  playwright = null;

  const died = await Promise.race([stack.unexpectedExit, Promise.resolve(null)]);
  await stack.stop();
  stack = null;

  const c = counts() ?? { passed: 0, failed: 0, skipped: 0, flaky: 0 };
  if (code !== 0 && c.failed === 0) c.failed = 1; // no tests found, a config error, a crash
  if (died) say(`${died.name} died during the tests (${died.signal ?? `code ${died.code}`})`);
  if (code !== 0 || died) {
    say(`logs of the stack (sandbox, seed, bff) kept in ${logs}`);
  } else {
    rmSync(work, { recursive: true, force: true });
  }
  say('screenshots in e2e/test-results/screenshots/ (and traces of failed tests in e2e/test-results/)');
  say(`e2e total ${((Date.now() - started) / 1000).toFixed(1)} s${c.skipped ? `; ${c.skipped} skipped (not counted)` : ''}${c.flaky ? `; ${c.flaky} flaky` : ''}`);
  say(`${c.passed} passed, ${c.failed} failed`);
  return code !== 0 || died ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  async (e) => {
    if (exiting) return;
    console.error(`\ne2e failed before the tests ran: ${e.message}`);
    if (existsSync(logs)) console.error(`logs of the stack kept in ${logs}`);
    say('0 passed, 1 failed');
    await finish(1);
  },
);
