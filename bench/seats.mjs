// `npm run bench:seats [-- --clients 200 --capacity 19 --presold 4 --mixed --keep]`
//
// Seat contention (decision 0012): many passengers book the last seats of one trip at the same
// moment. Starts the stack `npm start` starts (sandboxes + bff, scripts/lib/stack.mjs) on a fresh
// database — SQLite in a temporary folder, or MariaDB/MySQL with DB_URL=mysql://…/<fresh name> —
// prepares one trip through the admin API, signs passengers in through the real app API (WeChat
// sandbox) with a real-name rider each, sells `presold` seats, then fires one booking per client,
// all at once, and checks the database: counters and live tickets never above capacity, and equal.
// Exit 1 on any oversell, 5xx, network error or counter/ticket mismatch; 2 when it could not run.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { BUILDS, ROOT, buildNeed, killChildren, startStack } from '../scripts/lib/stack.mjs';

const say = (line = '') => process.stdout.write(`${line}\n`);
// the database drivers and the TOTP library bff itself uses
const fromBff = createRequire(join(ROOT, 'bff', 'package.json'));

const HELP = `npm run bench:seats [-- options]

  --clients N     concurrent passengers booking at once (default 200, env BENCH_CLIENTS)
  --capacity N    seats of the trip, 7–19 (default 19: the demo medium coach's approved seats)
  --presold N     seats sold before the burst (default 4)
  --mixed         half the clients book the whole route (1→3), half the last leg (2→3)
  --keep          keep the temporary folder (logs, SQLite file) or the MariaDB database
  --help

  DB_URL=mysql://root@127.0.0.1:3306/dzky_bench_seats   run on MariaDB/MySQL: the database is
                  created (it must not exist) and dropped at the end; never 'test' or a system one
  SKIP_BUILD=1    use the existing contracts, sandbox and bff builds
  BENCH_PORT_OFFSET  added to config/ports.cjs (default: the first free of 15000, 16000, 18000,
                  19000, 21000; 15000 puts bff on 22001)`;

class Usage extends Error {}

function options() {
  let parsed;
  try {
    parsed = parseArgs({
      options: {
        clients: { type: 'string', default: process.env.BENCH_CLIENTS ?? '200' },
        capacity: { type: 'string', default: '19' },
        presold: { type: 'string', default: '4' },
        mixed: { type: 'boolean', default: false },
        keep: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
    });
  } catch (e) {
    throw new Usage(`${e.message}\n\n${HELP}`);
  }
  const { values } = parsed;
  if (values.help) {
    say(HELP);
    process.exit(0);
  }
  const int = (name, min, max) => {
    const n = Number(values[name]);
    if (!Number.isInteger(n) || n < min || n > max) throw new Usage(`--${name} must be a whole number from ${min} to ${max}`);
    return n;
  };
  const capacity = int('capacity', 7, 19);
  return { clients: int('clients', 1, 5000), capacity, presold: int('presold', 0, capacity - 1), mixed: values.mixed, keep: values.keep };
}

// ───────────── database: a fresh one, and the checks read straight from it ─────────────

const RESERVED = new Set(['test', 'mysql', 'sys', 'information_schema', 'performance_schema']);

/** MariaDB/MySQL: creates the database named in DB_URL, refusing names that could hold someone's data. */
function mysqlName(url) {
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  if (!/^[A-Za-z0-9_]+$/.test(name)) throw new Usage(`DB_URL must name a database (letters, digits, _): got "${name}"`);
  if (RESERVED.has(name.toLowerCase())) throw new Usage(`refusing to use database "${name}": give the benchmark a name of its own, e.g. dzky_bench_seats`);
  return name;
}

async function freshMysql(url) {
  const name = mysqlName(url);
  const mysql = fromBff('mysql2/promise');
  const server = new URL(url);
  server.pathname = '/';
  const conn = await mysql.createConnection(server.toString());
  try {
    const [rows] = await conn.query('SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?', [name]);
    if (rows.length) throw new Usage(`database "${name}" exists already; the benchmark drops what it creates, so pick a new name (or drop it yourself)`);
    await conn.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  } finally {
    await conn.end();
  }
  return {
    label: `MariaDB/MySQL ${server.host}/${name}`,
    query: async (sql, params = []) => {
      const c = await mysql.createConnection(url);
      try {
        return (await c.query(sql, params))[0];
      } finally {
        await c.end();
      }
    },
    drop: async () => {
      const c = await mysql.createConnection(server.toString());
      try {
        await c.query(`DROP DATABASE IF EXISTS \`${name}\``);
      } finally {
        await c.end();
      }
    },
  };
}

function sqliteDb(file) {
  const sqlite3 = fromBff('sqlite3');
  return {
    label: `SQLite ${file}`,
    query: (sql, params = []) =>
      new Promise((resolve, reject) => {
        // read-only beside the running bff (WAL lets a reader in while it writes)
        const db = new sqlite3.Database(file, sqlite3.OPEN_READONLY, (err) => {
          if (err) return reject(err);
          db.all(sql, params, (e, rows) => db.close(() => (e ? reject(e) : resolve(rows))));
        });
      }),
    drop: async () => {},
  };
}

// ───────────── HTTP: one keep-alive connection per client ─────────────

function client(baseUrl, maxSockets) {
  const agent = new http.Agent({ keepAlive: true, maxSockets });
  const base = new URL(baseUrl);
  /** Sends one JSON request; never throws: a failure to connect answers status 0. */
  const call = (method, path, body, token) =>
    new Promise((resolve) => {
      const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
      const started = performance.now();
      const req = http.request(
        {
          agent,
          host: base.hostname,
          port: base.port,
          method,
          path,
          headers: {
            accept: 'application/json',
            ...(payload ? { 'content-type': 'application/json', 'content-length': payload.length } : {}),
            ...(token ? { authorization: `Bearer ${token}` } : {}),
          },
        },
        (res) => {
          const chunks = [];
          res.on('data', (c) => chunks.push(c));
          res.on('end', () => {
            const ms = performance.now() - started;
            let json = null;
            try {
              json = JSON.parse(Buffer.concat(chunks).toString('utf8'));
            } catch {
              // not JSON: kept as null, the status tells
            }
            resolve({ status: res.statusCode ?? 0, body: json, ms });
          });
        },
      );
      req.setTimeout(120_000, () => req.destroy(new Error('timed out after 120 s')));
      req.on('error', (e) => resolve({ status: 0, body: { errorCode: `NETWORK ${e.code ?? e.message}` }, ms: performance.now() - started }));
      if (payload) req.write(payload);
      req.end();
    });
  return { call, close: () => agent.destroy() };
}

/** The data of a successful envelope, or an error naming the call. */
async function must(promise, what) {
  const res = await promise;
  if (res.status !== 200 || !res.body?.success) throw new Error(`${what} answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body.data;
}

/** Runs `task` over `items` with at most `limit` at a time. */
async function pool(items, limit, task) {
  const results = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        results[i] = await task(items[i], i);
      }
    }),
  );
  return results;
}

// ───────────── set-up through the real APIs ─────────────

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
/** A resident ID number with a valid GB 11643 check character, unique per n. */
function idNumber(n) {
  const birth = new Date(Date.UTC(1960, 0, 1) + (n % 14000) * 86_400_000).toISOString().slice(0, 10).replace(/-/g, '');
  const body = `110105${birth}${String(100 + Math.floor(n / 14000)).slice(-3)}`;
  const sum = [...body].reduce((s, c, i) => s + Number(c) * WEIGHTS[i], 0);
  return body + '10X98765432'[sum % 11];
}
const SURNAMES = [...'赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕施张'];
const GIVEN = [...'一二三四五六七八九十'];
const riderName = (n) => `${SURNAMES[n % SURNAMES.length]}${GIVEN[Math.floor(n / SURNAMES.length) % GIVEN.length]}${GIVEN[Math.floor(n / 240) % GIVEN.length]}`;

/** The operator admin of the demo, signed in with password + TOTP (enrolled at this first sign-in). */
async function signInOperator(api) {
  const { Secret, TOTP } = fromBff('otpauth');
  const seed = JSON.parse(readFileSync(join(ROOT, 'config', 'demo', 'seed.json'), 'utf8'));
  const user = seed.users.find((u) => u.username === 'pc_admin');
  const login = await must(api.call('POST', '/api/admin/auth/login', { username: user.username, password: user.password }), 'admin login');
  if (!login.secret) throw new Error('the demo operator admin is enrolled already: the benchmark needs a fresh database');
  const code = new TOTP({ algorithm: 'SHA1', digits: 6, period: 30, secret: Secret.fromBase32(login.secret.replace(/\s+/g, '')) }).generate();
  const session = await must(api.call('POST', '/api/admin/auth/totp', { challengeToken: login.challengeToken, code }), 'admin TOTP');
  return session.accessToken;
}

/** Tomorrow in Asia/Shanghai, YYYY-MM-DD: inside the presale window, long before sales close. */
function tomorrowInShanghai() {
  return new Date(Date.now() + 8 * 3_600_000 + 86_400_000).toISOString().slice(0, 10);
}

async function prepareTrip(api, token, capacity) {
  const routes = await must(api.call('GET', '/api/admin/routes?keyword=SZ-GZ-01', undefined, token), 'route list');
  const listed = routes.items.find((r) => r.code === 'SZ-GZ-01');
  if (!listed) throw new Error('the demo route SZ-GZ-01 is missing (config/demo/basedata.json)');
  const route = await must(api.call('GET', `/api/admin/routes/${listed.id}`, undefined, token), 'route');
  const trip = await must(
    api.call('POST', '/api/admin/trips', {
      routeId: route.id,
      departDate: tomorrowInShanghai(),
      // not a time of the demo timetable (config/demo/trips.json)
      departTime: '10:47',
      vehicleType: 'medium',
      serviceLevel: 'standard',
      capacity,
      seatSelection: false,
      remark: 'bench:seats',
    }, token),
    'trip create',
  );
  const stops = [...route.stops].sort((a, b) => a.seq - b.seq);
  const boarding = stops.filter((s) => s.pickup).map((s) => s.seq);
  const last = stops.filter((s) => s.dropoff).map((s) => s.seq).at(-1);
  return { trip, whole: [boarding[0], last], lastLeg: [boarding.at(-1), last], segments: stops.length - 1 };
}

async function passenger(api, wechatUrl, appid, n) {
  const minted = await fetch(`${wechatUrl}/__sandbox/wx/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ appid, user: `bench-seats-${n}` }),
  });
  if (!minted.ok) throw new Error(`WeChat sandbox login answered ${minted.status}: ${await minted.text()}`);
  const { code } = await minted.json();
  const session = await must(api.call('POST', '/api/app/auth/wechat', { code }), 'passenger sign-in');
  const token = session.accessToken;
  const policy = session.profile.privacyConsentRequired;
  if (policy) await must(api.call('POST', '/api/app/me/privacy-consent', { policyVersion: policy }, token), 'privacy consent');
  const rider = await must(api.call('POST', '/api/app/riders', { name: riderName(n), idType: 'id_card', idNumber: idNumber(n) }, token), 'rider');
  return { token, riderId: rider.id };
}

const orderBody = (tripId, p, [fromSeq, toSeq], key) => ({
  clientKey: key,
  tripId,
  mode: 'fixed',
  fromSeq,
  toSeq,
  riders: [{ riderId: p.riderId, ticketType: 'adult' }],
  contactPhone: '13800138000',
});

// ───────────── checks and report ─────────────

function percentile(sorted, p) {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

async function inventory(db, tripId, segmentCount) {
  const [trip] = await db.query('SELECT capacity FROM trip WHERE id = ?', [tripId]);
  const counters = (await db.query('SELECT seg_no, sold FROM trip_segment WHERE trip_id = ? ORDER BY seg_no', [tripId])).map((r) => Number(r.sold));
  const live = await db.query("SELECT from_seq, to_seq FROM ticket WHERE trip_id = ? AND live = 1 AND status IN ('held', 'issued', 'checked', 'refunding', 'used')", [tripId]);
  const tickets = Array.from({ length: segmentCount }, (_, i) => live.filter((t) => Number(t.from_seq) <= i + 1 && Number(t.to_seq) > i + 1).length);
  const [orders] = await db.query("SELECT COUNT(*) AS n FROM booking_order WHERE trip_id = ? AND status = 'pending_payment'", [tripId]);
  return { capacity: Number(trip.capacity), counters, tickets, liveOrders: Number(orders.n) };
}

// ───────────── main ─────────────

let stack = null;
let db = null;
let work = null;
let keep = false;
/** set when the run failed: the logs stay for a look, the database still goes (unless --keep) */
let keepLogs = false;

async function main() {
  const opts = options();
  keep = opts.keep;
  const started = Date.now();
  const dbUrl = process.env.DB_URL;
  if (dbUrl && !dbUrl.startsWith('mysql:')) throw new Usage('DB_URL must be mysql://… (leave it out for a fresh SQLite file)');
  if (dbUrl) mysqlName(dbUrl);

  // 1. what the stack runs: contracts, sandbox and bff (the admin and H5 builds are not needed)
  for (const b of BUILDS.filter((x) => ['contracts', 'sandbox', 'bff'].includes(x.name))) {
    if (process.env.SKIP_BUILD === '1') {
      if (!existsSync(join(ROOT, b.output))) throw new Usage(`SKIP_BUILD=1 but ${b.output} is missing`);
      continue;
    }
    const need = buildNeed(b);
    if (!need) continue;
    say(`building ${b.name} (${need}) …`);
    await new Promise((resolve, reject) => {
      const child = spawn('npm', ['run', ...b.script], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
      child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`build of ${b.name} failed (exit ${code})`))));
    });
  }

  // 2. a fresh database and the stack on it
  work = mkdtempSync(join(tmpdir(), 'dzky-bench-seats-'));
  db = dbUrl ? await freshMysql(dbUrl) : sqliteDb(join(work, 'bench.sqlite'));
  say(`database: ${db.label}`);
  // a port map of its own, beside a developer's `npm start` (offset 0) and the browser tests (10000),
  // and below Linux's ephemeral ports (32768+), which outgoing connections may hold at any moment;
  // the next offset when another stack holds one of its ports
  const offsets = process.env.BENCH_PORT_OFFSET ? [Number(process.env.BENCH_PORT_OFFSET)] : [15000, 16000, 18000, 19000, 21000];
  for (const [i, portOffset] of offsets.entries()) {
    try {
      stack = await startStack({
        localDir: join(work, 'local'),
        dbUrl: dbUrl ?? `sqlite:${join(work, 'bench.sqlite')}`,
        logDir: join(work, 'logs', 'bff'),
        output: join(work, 'logs'),
        portOffset,
        say,
      });
      break;
    } catch (e) {
      if (!/ports already in use/.test(e.message) || i === offsets.length - 1) throw e;
    }
  }
  say(`stack ready in ${((Date.now() - started) / 1000).toFixed(1)} s (logs in ${join(work, 'logs')})`);

  // 3. the trip, the passengers, the seats sold before
  const setup = client(stack.urls.bff, 32);
  const operator = await signInOperator(setup);
  const { trip, whole, lastLeg, segments } = await prepareTrip(setup, operator, opts.capacity);
  const appid = process.env.WECHAT_PASSENGER_APPID ?? 'wx00000000passenger';
  const t0 = Date.now();
  const people = await pool(Array.from({ length: opts.presold + opts.clients }, (_, i) => i), 16, (n) => passenger(setup, stack.urls.sandboxWechat, appid, n));
  say(`${people.length} passengers signed in with a rider each in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  for (const [i, p] of people.slice(0, opts.presold).entries()) {
    await must(setup.call('POST', '/api/app/orders', orderBody(trip.id, p, whole, `bench-presold-${i}`), p.token), 'pre-sale booking');
  }
  const before = await inventory(db, trip.id, segments);
  setup.close();

  // 4. the burst: every client's booking sent at once, each on a connection of its own
  const crowd = people.slice(opts.presold);
  const journeys = crowd.map((_, i) => (opts.mixed && i % 2 ? lastLeg : whole));
  const burst = client(stack.urls.bff, opts.clients);
  const bodies = crowd.map((p, i) => orderBody(trip.id, p, journeys[i], `bench-burst-${i}-${trip.id}`));
  const fired = performance.now();
  const answers = await Promise.all(crowd.map((p, i) => burst.call('POST', '/api/app/orders', bodies[i], p.token)));
  const wall = (performance.now() - fired) / 1000;
  burst.close();
  const after = await inventory(db, trip.id, segments);

  // 5. what happened
  const byAnswer = new Map();
  for (const a of answers) {
    const key = a.status === 200 ? '200 booked' : `${a.status} ${a.body?.errorCode ?? '?'}`;
    byAnswer.set(key, (byAnswer.get(key) ?? 0) + 1);
  }
  const booked = answers.filter((a) => a.status === 200);
  const serverErrors = answers.filter((a) => a.status >= 500).length;
  const networkErrors = answers.filter((a) => a.status === 0).length;
  const latencies = answers.map((a) => a.ms).sort((x, y) => x - y);
  const over = (list) => Math.max(0, ...list.map((n) => n - after.capacity));
  const oversoldCounters = over(after.counters);
  const oversoldTickets = over(after.tickets);
  const agree = after.counters.join() === after.tickets.join();
  const seatsSold = Math.max(...after.counters) - Math.max(...before.counters);
  const left = after.capacity - Math.max(...before.counters);
  const fmt = (n) => (Number.isFinite(n) ? n.toFixed(1) : '-');

  say('');
  say(`bench:seats on ${dbUrl ? 'MariaDB/MySQL' : 'SQLite'}: trip ${trip.id}, capacity ${after.capacity}, ${Math.max(...before.counters)} sold before, ${left} left; ${opts.clients} clients at once, journeys ${opts.mixed ? `${whole.join('→')} and ${lastLeg.join('→')}` : whole.join('→')}`);
  say(`  seats sold            ${seatsSold} of ${left} left (${booked.length} orders of 1 rider)`);
  say(`  sold per segment      counters [${after.counters.join(', ')}] · live tickets [${after.tickets.join(', ')}] · capacity ${after.capacity}`);
  say(`  oversold              ${Math.max(oversoldCounters, oversoldTickets)} (counters ${oversoldCounters}, live tickets ${oversoldTickets})`);
  say(`  counters = tickets    ${agree ? 'yes' : 'NO'}`);
  say(`  answers               ${[...byAnswer].sort().map(([k, v]) => `${k}: ${v}`).join(' · ')}`);
  say(`  5xx                   ${serverErrors}${networkErrors ? ` · network errors ${networkErrors}` : ''}`);
  const lastSeat = booked.length ? Math.max(...booked.map((a) => a.ms)) / 1000 : NaN;
  say(`  orders per second     ${fmt(booked.length / wall)} over the burst (${fmt(answers.length / wall)} answers per second); last seat sold after ${Number.isFinite(lastSeat) ? lastSeat.toFixed(2) : '-'} s`);
  say(`  latency ms            p50 ${fmt(percentile(latencies, 50))} · p90 ${fmt(percentile(latencies, 90))} · p99 ${fmt(percentile(latencies, 99))} · max ${fmt(latencies.at(-1))}`);
  say(`  burst wall time       ${wall.toFixed(2)} s`);

  const problems = [];
  if (oversoldCounters || oversoldTickets) problems.push('oversold');
  if (serverErrors) problems.push(`${serverErrors} answers 5xx`);
  if (networkErrors) problems.push(`${networkErrors} network errors`);
  if (!agree) problems.push('seat counters and live tickets disagree');
  if (after.liveOrders !== opts.presold + booked.length) problems.push(`${after.liveOrders} live orders in the database, ${opts.presold + booked.length} answered`);
  say(problems.length ? `FAILED: ${problems.join('; ')}` : 'OK: no oversell, no 5xx');
  return problems.length ? 1 : 0;
}

async function cleanUp() {
  if (stack) await stack.stop();
  else killChildren();
  stack = null;
  if (db && !keep) await db.drop().catch((e) => say(`could not drop the benchmark database: ${e.message}`));
  db = null;
  if (work && !keep && !keepLogs) rmSync(work, { recursive: true, force: true });
  else if (work) say(`kept ${work}`);
  work = null;
}

process.on('SIGINT', () => void cleanUp().finally(() => process.exit(130)));

main().then(
  async (code) => {
    keepLogs = code !== 0;
    await cleanUp();
    process.exit(code);
  },
  async (e) => {
    say(e instanceof Usage ? e.message : `bench:seats could not run: ${e.stack ?? e.message}`);
    keepLogs = !(e instanceof Usage);
    await cleanUp().catch(() => {});
    process.exit(2);
  },
);
