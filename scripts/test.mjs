// `npm test`: every workspace's tests, one after the other (2 cores: bff's jest uses both), then
// `N passed, N failed` counted from each runner's JSON report. The environment passes through,
// so `TEST_DB_URL=mysql://… REDIS_URL=redis://… npm test` runs bff's tests on MariaDB and Redis.
//
// A step that fails without a failing test to show for it (a build, a suite that does not load,
// a runner that crashes) counts as one failed test, so the last line never reads 0 failed then.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { ROOT } from './lib/stack.mjs';

const out = mkdtempSync(join(tmpdir(), 'dzky-test-report-'));
const report = (name) => join(out, `${name}.json`);

const jest = (name, ws) => ({ name, kind: 'test', cmd: ['npm', 'run', 'test', '-w', ws, '--', '--json', `--outputFile=${report(name)}`], report: report(name) });

const STEPS = [
  jest('contracts', '@dzky/contracts'),
  { name: 'sandbox build', kind: 'build', cmd: ['npm', 'run', 'build', '-w', '@dzky/sandbox'] }, // bff's tests use sandbox/dist
  jest('sandbox', '@dzky/sandbox'),
  jest('bff', '@dzky/bff'),
  {
    name: 'admin',
    kind: 'test',
    // the default reporter for people, the JSON one (jest's shape) for the count
    cmd: ['npm', 'run', 'test', '-w', '@dzky/admin', '--', '--reporter=default', '--reporter=json', `--outputFile.json=${report('admin')}`],
    report: report('admin'),
  },
  jest('miniapp', '@dzky/miniapp'),
];

const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

function run(cmd) {
  return new Promise((resolve) => {
    const child = spawn(cmd[0], cmd.slice(1), { cwd: ROOT, env: process.env, stdio: 'inherit' });
    child.on('error', () => resolve(127));
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}

/** Passed and failed tests from a jest (or vitest json) report; files that did not run count as failed. */
function count(file) {
  if (!existsSync(file)) return null;
  const r = JSON.parse(readFileSync(file, 'utf8'));
  let failed = r.numFailedTests ?? 0;
  const names = [];
  for (const suite of r.testResults ?? []) {
    const tests = suite.assertionResults ?? [];
    const file = relative(ROOT, suite.name ?? '');
    for (const t of tests) if (t.status === 'failed') names.push([file, ...(t.ancestorTitles ?? []), t.title].join(' › '));
    if (suite.status === 'failed' && !tests.some((t) => t.status === 'failed')) {
      failed += 1;
      names.push(`${file} (did not run)`);
    }
  }
  return { passed: r.numPassedTests ?? 0, failed, skipped: (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0), names };
}

let interrupted = false;
process.on('SIGINT', () => (interrupted = true)); // the runner in front gets it too and stops

const results = [];
const started = Date.now();
for (const step of STEPS) {
  if (interrupted) break;
  process.stdout.write(`\n━━ ${step.name} ━━ ${step.cmd.join(' ')}\n`);
  const t0 = Date.now();
  const code = await run(step.cmd);
  const ms = Date.now() - t0;
  let c = step.report ? count(step.report) : null;
  if (!c) c = { passed: 0, failed: code === 0 ? 0 : 1, skipped: 0 };
  else if (code !== 0 && c.failed === 0) c.failed = 1; // e.g. a crash after the report was written
  const ok = code === 0 && c.failed === 0;
  results.push({ ...step, code, ms, ...c, ok });
  const what = step.kind === 'test' ? `${c.passed} passed, ${c.failed} failed${c.skipped ? `, ${c.skipped} skipped` : ''}` : ok ? 'ok' : `exit ${code}`;
  process.stdout.write(`${ok ? '✔' : '✘'} ${step.name}: ${what} (${seconds(ms)})\n`);
}
rmSync(out, { recursive: true, force: true });

const total = results.reduce((a, r) => ({ passed: a.passed + r.passed, failed: a.failed + r.failed, skipped: a.skipped + r.skipped }), { passed: 0, failed: 0, skipped: 0 });
const notRun = STEPS.length - results.length;
if (notRun) total.failed += notRun; // interrupted: what did not run is not passed

process.stdout.write('\n── summary ──\n');
for (const r of results) {
  process.stdout.write(`  ${r.ok ? '✔' : '✘'} ${r.name.padEnd(14)} ${seconds(r.ms).padStart(8)}   ${r.kind === 'test' ? `${r.passed} passed, ${r.failed} failed` : r.ok ? 'ok' : 'FAILED'}\n`);
}
if (notRun) process.stdout.write(`  ✘ interrupted: ${notRun} step(s) not run\n`);
// the names of what failed, so the end of a long log is enough to know where to look
for (const r of results) for (const name of r.names ?? []) process.stdout.write(`  ✘ failed test: ${name}\n`);
process.stdout.write(`  total ${seconds(Date.now() - started)}${total.skipped ? `; ${total.skipped} skipped (not counted)` : ''}\n`);
process.stdout.write(`${total.passed} passed, ${total.failed} failed\n`);
process.exit(total.failed || results.some((r) => !r.ok) || notRun ? 1 : 0);
