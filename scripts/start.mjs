// `npm start`: the whole platform on this machine, from a fresh `npm install`.
// Builds what is missing or stale (SKIP_BUILD=1 skips), starts the sandboxes, migrates and seeds the
// bff's database, starts the bff and serves admin and both H5 builds with /api forwarded to it.
// Ctrl-C stops everything.
import { readFileSync } from 'node:fs';
import { buildAll, killChildren, SEED_FILE, startStack } from './lib/stack.mjs';

const say = (line) => process.stdout.write(`${line}\n`);
const started = Date.now();

let exiting = false;

async function main() {
  let stack = null;
  const shutdown = async (why, code) => {
    if (exiting) return;
    exiting = true;
    say(`\n${why}: stopping …`);
    if (stack) await stack.stop();
    else killChildren(); // still building or starting
    say('stopped');
    process.exit(code);
  };
  process.on('SIGINT', () => void shutdown('Ctrl-C', 0));
  process.on('SIGTERM', () => void shutdown('SIGTERM', 0));

  say('DZKY — starting the local platform (Ctrl-C stops it)');
  await buildAll({ say });
  stack = await startStack({ say });
  stack.unexpectedExit.then(({ name, code, signal }) => shutdown(`${name} exited (${signal ?? `code ${code}`})`, 1));

  const { urls } = stack;
  const seed = JSON.parse(readFileSync(SEED_FILE, 'utf8'));
  const width = Math.max(...seed.users.map((u) => u.username.length));
  say(
    [
      '',
      `ready in ${((Date.now() - started) / 1000).toFixed(0)} s`,
      '',
      `  admin                ${urls.admin}`,
      `  passenger H5         ${urls.passengerH5}   (a phone-sized window suits it)`,
      `  driver H5            ${urls.driverH5}`,
      `  API docs             ${urls.apiDocs}`,
      `  bff                  ${urls.bff}   (/health, /ready)`,
      `  sandbox WeChat       ${urls.sandboxWechat}   POST /__sandbox/wx/login {appid,user} · POST /__sandbox/wx/phone-code · GET /__sandbox/wx/messages?openid=`,
      `  sandbox Aliyun SMS   ${urls.sandboxSms}   GET /__sandbox/sms/messages?phone=   (the phone's inbox)`,
      `  sandbox OSS          ${urls.sandboxOss}   sandbox AMap ${urls.sandboxAmap}   licence registry ${urls.sandboxLicence}`,
      `  every sandbox        POST /__sandbox/reset   (see sandbox/README.md)`,
      '',
      'Admin sign-in (demo accounts from config/demo/seed.json; demo only):',
      ...seed.users.map((u) => `  ${u.username.padEnd(width)}  ${u.password}   ${u.displayName}`),
      '  At first sign-in each account enrols TOTP: scan the QR code with an authenticator app',
      '  (or type the secret shown under it), then enter the 6-digit code.',
      '',
      'Passenger / driver H5 sign-in: any mainland mobile number, tap 获取验证码, then read the code from',
      `  curl '${urls.sandboxSms}/__sandbox/sms/messages?phone=13800138000'`,
      '',
    ].join('\n'),
  );
}

main().catch((e) => {
  if (exiting) return; // a child ended because we are stopping
  console.error(`\nnpm start failed: ${e.message}`);
  process.exit(1);
});
