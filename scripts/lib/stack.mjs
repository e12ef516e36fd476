// The whole local stack — sandbox servers, bff (migrated and seeded), admin and the two H5 builds
// behind static servers that forward /api to the bff — shared by `npm start` (scripts/start.mjs)
// and the browser tests (e2e/run.mjs), so the tests run exactly what a developer starts.
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { startStaticProxy } from './static-proxy.mjs';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** The port map of config/ports.cjs (as shifted by DZKY_PORT_OFFSET in this process, if set). */
export const PORTS = { ...createRequire(import.meta.url)(join(ROOT, 'config', 'ports.cjs')) };
export const SEED_FILE = join(ROOT, 'config', 'demo', 'seed.json');

const CONTRACTS = ['contracts/src', 'contracts/tsconfig.json', 'contracts/package.json'];
const MINIAPP = ['miniapp/src', 'miniapp/config', 'miniapp/package.json', 'miniapp/babel.config.js', 'miniapp/tsconfig.json', ...CONTRACTS];

/** What `npm start` serves, in build order; `output` is a file every build writes anew. */
export const BUILDS = [
  { name: 'contracts', inputs: CONTRACTS, output: 'contracts/dist/index.js', script: ['build', '-w', '@dzky/contracts'], about: '~5 s' },
  {
    name: 'sandbox',
    inputs: ['sandbox/src', 'sandbox/tsconfig.json', 'sandbox/tsconfig.build.json', 'sandbox/package.json'],
    output: 'sandbox/dist/cli.js',
    script: ['build', '-w', '@dzky/sandbox'],
    about: '~5 s',
  },
  {
    name: 'bff',
    inputs: ['bff/src', 'bff/tsconfig.json', 'bff/tsconfig.build.json', 'bff/package.json', ...CONTRACTS],
    output: 'bff/dist/configuration.js',
    script: ['build', '-w', '@dzky/bff'],
    about: '~10 s',
  },
  {
    name: 'admin',
    inputs: ['admin/src', 'admin/public', 'admin/index.html', 'admin/vite.config.ts', 'admin/package.json', ...CONTRACTS],
    output: 'admin/dist/index.html',
    script: ['build', '-w', '@dzky/admin'],
    about: '~5 s',
  },
  { name: 'passenger H5', inputs: MINIAPP, output: 'miniapp/dist/passenger/h5/index.html', script: ['build:passenger:h5', '-w', '@dzky/miniapp'], about: '~25-45 s' },
  { name: 'driver H5', inputs: MINIAPP, output: 'miniapp/dist/driver/h5/index.html', script: ['build:driver:h5', '-w', '@dzky/miniapp'], about: '~25-45 s' },
];

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs; // a deleted file changes its folder
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist') continue;
    newest = Math.max(newest, newestMtime(join(path, entry.name)));
  }
  return newest;
}

/** Why a build is needed ('missing' or 'stale'), or null when its output is newer than every input. */
export function buildNeed(build) {
  const out = join(ROOT, build.output);
  if (!existsSync(out)) return 'missing';
  const built = statSync(out).mtimeMs;
  return build.inputs.some((i) => newestMtime(join(ROOT, i)) > built) ? 'stale' : null;
}

/** Every child process started here and still running, so an early Ctrl-C can end them too. */
const LIVE = new Set();
function track(child) {
  LIVE.add(child);
  child.once('exit', () => LIVE.delete(child));
  return child;
}

/** Ends every child still running (for a signal that arrives before startStack returned). */
export function killChildren(signal = 'SIGTERM') {
  for (const child of LIVE) child.kill(signal);
}

const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

/** Runs a command; its output goes to `log` (a writable stream) or is collected and shown on failure. */
function run(cmd, args, { env = process.env, cwd = ROOT, log } = {}) {
  return new Promise((resolveRun, reject) => {
    const child = track(spawn(cmd, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] }));
    const chunks = [];
    const take = (d) => (log ? log.write(d) : chunks.push(d));
    child.stdout.on('data', take);
    child.stderr.on('data', take);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (code === 0) return resolveRun(Buffer.concat(chunks).toString());
      const output = Buffer.concat(chunks).toString();
      const err = new Error(`${cmd} ${args.join(' ')} failed (${signal ?? `exit ${code}`})`);
      err.output = output;
      reject(err);
    });
  });
}

/**
 * Builds what is missing or older than its sources (or only checks that it exists, with
 * SKIP_BUILD=1). One build at a time: the H5 builds alone fill two cores.
 */
export async function buildAll({ skip = process.env.SKIP_BUILD === '1', say = console.log } = {}) {
  if (skip) {
    const missing = BUILDS.filter((b) => !existsSync(join(ROOT, b.output)));
    if (missing.length) {
      throw new Error(`SKIP_BUILD=1 but these builds are missing: ${missing.map((b) => `${b.name} (${b.output})`).join(', ')} — run without SKIP_BUILD`);
    }
    say('SKIP_BUILD=1: using the existing builds');
    return;
  }
  const todo = BUILDS.map((b) => ({ ...b, need: buildNeed(b) })).filter((b) => b.need);
  if (!todo.length) {
    say('builds are up to date');
    return;
  }
  // a build of contracts or of the H5 app makes later ones newer than their inputs only if run in order
  for (const [i, b] of todo.entries()) {
    const started = Date.now();
    say(`[${i + 1}/${todo.length}] building ${b.name} (${b.need}, ${b.about}) …`);
    try {
      await run('npm', ['run', ...b.script]);
    } catch (e) {
      say(e.output ?? '');
      throw new Error(`build of ${b.name} failed: ${e.message}`);
    }
    say(`[${i + 1}/${todo.length}] built ${b.name} in ${seconds(Date.now() - started)}`);
  }
}

function portInUse(port) {
  return new Promise((resolvePort) => {
    const socket = net.connect({ port, host: '127.0.0.1' });
    socket.setTimeout(1000);
    socket.once('connect', () => {
      socket.destroy();
      resolvePort(true);
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolvePort(false);
    });
    socket.once('error', () => resolvePort(false));
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Starts everything. `output`: 'console' prefixes each child's lines with its name; a folder
 * path writes <name>.log files there instead (the browser tests keep their own output clean).
 *
 * @param {object} [opts]
 * @param {string} [opts.localDir] generated keys and credentials; default $DZKY_LOCAL_DIR or .local/
 * @param {string} [opts.dbUrl]    DB_URL for bff; default: bff's own (DB_URL from the environment or
 *                                 the SQLite file under bff/data/)
 * @param {string} [opts.logDir]   LOG_DIR for bff's own log files
 * @param {string} [opts.output]   'console' or a folder for child output
 * @param {number} [opts.portOffset] added to every port of config/ports.cjs (0: the port map as is)
 * @param {(line: string) => void} [opts.say]
 */
export async function startStack({ localDir = process.env.DZKY_LOCAL_DIR ?? join(ROOT, '.local'), dbUrl, logDir, output = 'console', portOffset = 0, say = console.log } = {}) {
  const ports = Object.fromEntries(Object.entries(PORTS).map(([k, v]) => [k, v + portOffset]));
  const wanted = ['sandboxWechat', 'sandboxSms', 'sandboxOss', 'sandboxAmap', 'sandboxLicence', 'sandboxWechatPay', 'sandboxInvoice', 'bff', 'admin', 'passengerH5', 'driverH5'];
  const busy = [];
  for (const name of wanted) if (await portInUse(ports[name])) busy.push(`${name} ${ports[name]}`);
  if (busy.length) {
    throw new Error(`ports already in use: ${busy.join(', ')} — is another \`npm start\` or e2e run going? Stop it first.`);
  }

  const children = new Map();
  const servers = [];
  let stopping = false;
  let onUnexpectedExit = () => {};
  const unexpectedExit = new Promise((r) => (onUnexpectedExit = r));

  const env = { ...process.env, DZKY_LOCAL_DIR: localDir };
  // the sandbox CLI and bff read the same port map, shifted by this variable
  if (portOffset) {
    env.DZKY_PORT_OFFSET = String(portOffset);
  }
  if (dbUrl) env.DB_URL = dbUrl;
  if (logDir) env.LOG_DIR = logDir;
  mkdirSync(localDir, { recursive: true });
  if (output !== 'console') mkdirSync(output, { recursive: true });

  const pipeOutput = (name, child) => {
    if (output === 'console') {
      for (const stream of [child.stdout, child.stderr]) {
        createInterface({ input: stream }).on('line', (line) => process.stdout.write(`[${name}] ${line}\n`));
      }
    } else {
      const file = createWriteStream(join(output, `${name}.log`), { flags: 'a' });
      child.stdout.pipe(file);
      child.stderr.pipe(file);
    }
  };

  const startChild = (name, args, childEnv) => {
    const child = track(spawn(process.execPath, args, { cwd: ROOT, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] }));
    pipeOutput(name, child);
    const exited = new Promise((r) => child.once('exit', (code, signal) => r({ code, signal })));
    children.set(name, { child, exited });
    exited.then(({ code, signal }) => {
      children.delete(name);
      if (!stopping) onUnexpectedExit({ name, code, signal });
    });
    return exited;
  };

  let stopped = null;
  const stop = () => (stopped ??= stopAll());
  const stopAll = async () => {
    stopping = true;
    await Promise.all(servers.map((s) => s.close()));
    // bff first (it finishes requests in flight), then the sandboxes it may still be calling
    for (const name of ['bff', 'sandbox']) {
      const entry = children.get(name);
      if (!entry) continue;
      entry.child.kill('SIGTERM');
      const done = await Promise.race([entry.exited, sleep(10_000).then(() => null)]);
      if (!done) entry.child.kill('SIGKILL');
    }
  };

  const waitFor = async (what, check, timeoutMs) => {
    const deadline = Date.now() + timeoutMs;
    let lastExit = null;
    unexpectedExit.then((e) => (lastExit = e));
    while (Date.now() < deadline) {
      if (lastExit) throw new Error(`${lastExit.name} exited (${lastExit.signal ?? `code ${lastExit.code}`}) while waiting for ${what}`);
      if (await check().catch(() => false)) return;
      await sleep(250);
    }
    throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
  };

  try {
    // 1. sandboxes: they generate the credentials missing from the environment on first start
    say('starting the sandbox servers …');
    startChild('sandbox', [join(ROOT, 'sandbox', 'dist', 'cli.js')], env);
    await waitFor('the sandbox servers', async () => (await portInUse(ports.sandboxWechat)) && (await portInUse(ports.sandboxSms)) && (await portInUse(ports.sandboxOss)) && (await portInUse(ports.sandboxAmap)) && (await portInUse(ports.sandboxLicence)) && (await portInUse(ports.sandboxWechatPay)) && (await portInUse(ports.sandboxInvoice)), 30_000);

    // 2. bff gets the same credentials; the environment wins over the generated file, as in the sandbox
    const credsFile = join(localDir, 'sandbox-credentials.json');
    const creds = existsSync(credsFile) ? JSON.parse(readFileSync(credsFile, 'utf8')) : {};
    const bffEnv = { ...env, PORT: String(ports.bff) };
    // where bff finds the sandboxes (explicit, so a caller's own settings win)
    bffEnv.WECHAT_BASE_URL ??= `http://localhost:${ports.sandboxWechat}`;
    bffEnv.ALIYUN_SMS_BASE_URL ??= `http://localhost:${ports.sandboxSms}`;
    // localhost, not 127.0.0.1: ali-oss will not sign URLs for an IP endpoint. The OSS and registry
    // keys are the development defaults both sides share (or the caller's own, inherited by both)
    bffEnv.OSS_ENDPOINT ??= `http://localhost:${ports.sandboxOss}`;
    bffEnv.LICENCE_REGISTRY_BASE_URL ??= `http://localhost:${ports.sandboxLicence}`;
    bffEnv.AMAP_BASE_URL ??= `http://localhost:${ports.sandboxAmap}`;
    bffEnv.WECHATPAY_BASE_URL ??= `http://localhost:${ports.sandboxWechatPay}`;
    bffEnv.EINVOICE_BASE_URL ??= `http://localhost:${ports.sandboxInvoice}`;
    for (const [k, v] of Object.entries(creds)) if (!process.env[k]) bffEnv[k] = v;

    // 3. migrations + demo data (seed.js migrates first); idempotent, so every start may run it
    say('migrating the database and loading the demo data …');
    const seed = await new Promise((r) => {
      const c = track(spawn(process.execPath, [join(ROOT, 'bff', 'dist', 'cli', 'seed.js')], { cwd: ROOT, env: bffEnv, stdio: ['ignore', 'pipe', 'pipe'] }));
      pipeOutput('seed', c);
      c.on('exit', (code, signal) => r({ code, signal }));
    });
    if (seed.code !== 0) throw new Error(`bff seed failed (${seed.signal ?? `exit ${seed.code}`})${output === 'console' ? '' : `; see ${join(output, 'seed.log')}`}`);

    // 4. bff and the static servers in front of it
    say('starting bff …');
    startChild('bff', [join(ROOT, 'bff', 'bootstrap.js')], bffEnv);
    const bffUrl = `http://127.0.0.1:${ports.bff}`;
    const apps = [
      { name: 'admin', root: 'admin/dist', port: ports.admin, proxy: ['/api', '/api-docs'], spaFallback: true },
      { name: 'passenger H5', root: 'miniapp/dist/passenger/h5', port: ports.passengerH5, proxy: ['/api'] },
      { name: 'driver H5', root: 'miniapp/dist/driver/h5', port: ports.driverH5, proxy: ['/api'] },
    ];
    for (const a of apps) servers.push(await startStaticProxy({ root: join(ROOT, a.root), port: a.port, proxy: a.proxy, target: bffUrl, spaFallback: a.spaFallback }));

    await waitFor('bff /ready', async () => (await fetch(`${bffUrl}/ready`)).ok, 90_000);
  } catch (e) {
    await stop();
    throw e;
  }

  return {
    urls: {
      admin: `http://localhost:${ports.admin}`,
      passengerH5: `http://localhost:${ports.passengerH5}`,
      driverH5: `http://localhost:${ports.driverH5}`,
      bff: `http://localhost:${ports.bff}`,
      apiDocs: `http://localhost:${ports.bff}/api-docs/index.html`,
      sandboxWechat: `http://localhost:${ports.sandboxWechat}`,
      sandboxSms: `http://localhost:${ports.sandboxSms}`,
      sandboxOss: `http://localhost:${ports.sandboxOss}`,
      sandboxAmap: `http://localhost:${ports.sandboxAmap}`,
      sandboxLicence: `http://localhost:${ports.sandboxLicence}`,
      sandboxWechatPay: `http://localhost:${ports.sandboxWechatPay}`,
      sandboxInvoice: `http://localhost:${ports.sandboxInvoice}`,
    },
    /** resolves with { name, code, signal } when a child dies while the stack should be running */
    unexpectedExit,
    stop,
  };
}
