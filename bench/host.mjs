// The exam host with many agents connected: `host session` processes, each in its own 80x24
// pseudo-terminal, every one inside a running test (the clock ticking), as sshd would run them.
// - memory: resident set size (VmRSS) per session;
// - CPU while idle: what 50 sessions use over 10 s with no key pressed (only the clock);
// - keypress-to-frame with 50 sessions open: a key written to one terminal until the frame
//   showing its effect arrives (the highlight moves between options 1 and 2).
// Reproduce: npm run build && node bench/host.mjs [sessions]   (npm run bench:host)
import { generateKeyPairSync } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnPty, waitFor as waitForOutput } from './pty.mjs';
import { bin, cleanEnv, median, root } from './lib.mjs';

const SESSIONS = Number(process.argv[2] ?? 50);
const BATCH = 10;
const IDLE_S = 10;
const PRESSES = 40;
const CLOCK_TICKS = 100; // USER_HZ on Linux: /proc/<pid>/stat counts CPU in these

function cli(args) {
  const result = spawnSync(process.execPath, [bin, ...args], { env: cleanEnv(), cwd: root, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`frontline ${args.join(' ')}: exit ${result.status}: ${result.stderr}`);
  return result.stdout;
}

function sshPublicKey(comment) {
  const raw = Buffer.from(generateKeyPairSync('ed25519').publicKey.export({ format: 'jwk' }).x, 'base64url');
  const field = (b) => Buffer.concat([Buffer.from([0, 0, 0, b.length]), b]);
  return `ssh-ed25519 ${Buffer.concat([field(Buffer.from('ssh-ed25519')), field(raw)]).toString('base64')} ${comment}`;
}

const waitFor = (child, pattern, since) => waitForOutput(child, pattern, since, 120_000);

/** utime + stime of a process, in clock ticks. */
function cpuTicks(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

const rssKiB = (pid) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);

const work = mkdtempSync(join(tmpdir(), 'frontline-bench-host-'));
const hostDir = join(work, 'host');
const children = [];
try {
  cli(['host', 'init', hostDir, '--org', 'Bench']);
  copyFileSync(join(root, 'tests/fixtures/banks/host-two.yaml'), join(hostDir, 'banks', 'host-two.yaml'));
  mkdirSync(join(hostDir, 'assignments'));
  const ids = Array.from({ length: SESSIONS }, (_, i) => `B${String(i + 1).padStart(3, '0')}`);
  for (const id of ids) {
    writeFileSync(join(work, `${id}.pub`), `${sshPublicKey(id)}\n`);
    cli(['--data-dir', hostDir, 'host', 'agent', 'add', '--employee', id, '--name', `Agent ${id}`, '--key', join(work, `${id}.pub`)]);
  }
  writeFileSync(join(work, 'roster.csv'), `employeeId,name\n${ids.map((id) => `${id},Agent ${id}`).join('\n')}\n`);
  cli(['--data-dir', hostDir, 'assign', join(hostDir, 'banks', 'host-two.yaml'), '--key', join(hostDir, 'keys', 'issuer-key.pem'), '--roster', join(work, 'roster.csv'), '--out', join(hostDir, 'assignments')]);

  const open = async (id) => {
    const child = spawnPty([bin, '--data-dir', hostDir, 'host', 'session', '--employee', id], { FRONTLINE_HOME: join(work, 'home') });
    children.push(child);
    await waitFor(child, /Your tests:/, performance.now());
    const start = waitFor(child, /clock starts now/, performance.now());
    child.write('\r');
    await start;
    const running = waitFor(child, /Question 1 of 2/, performance.now());
    child.write('\r');
    await running;
    return child;
  };
  const sessions = [];
  for (let i = 0; i < ids.length; i += BATCH) sessions.push(...(await Promise.all(ids.slice(i, i + BATCH).map(open))));
  await new Promise((resolve) => setTimeout(resolve, 3_000));

  const rss = sessions.map((s) => rssKiB(s.pid) / 1024);
  const before = sessions.map((s) => cpuTicks(s.pid));
  await new Promise((resolve) => setTimeout(resolve, IDLE_S * 1000));
  const cpuPercent = sessions.map((s, i) => ((cpuTicks(s.pid) - before[i]) / CLOCK_TICKS / IDLE_S) * 100);

  const probe = sessions[0];
  const times = [];
  for (let i = 0; i < PRESSES; i += 1) {
    const down = i % 2 === 0;
    const shown = waitFor(probe, down ? /> 2\. / : /> 1\. /, performance.now());
    probe.write(down ? 'j' : 'k');
    times.push(await shown);
  }
  const sorted = [...times].sort((a, b) => a - b);
  const total = cpuPercent.reduce((a, b) => a + b, 0);
  console.log(`host session, ${SESSIONS} open in ptys, each in a running test (clock ticking)`);
  console.log(`memory per session (VmRSS)        median ${median(rss).toFixed(1).padStart(6)} MiB  max ${Math.max(...rss).toFixed(1)} MiB  all ${rss.reduce((a, b) => a + b, 0).toFixed(0)} MiB`);
  console.log(`CPU while idle, ${IDLE_S} s              median ${median(cpuPercent).toFixed(2).padStart(6)} %    all ${SESSIONS} together ${total.toFixed(1)} % of one CPU`);
  console.log(`keypress to frame                 median ${median(times).toFixed(1).padStart(6)} ms   p95 ${sorted[Math.floor(sorted.length * 0.95) - 1].toFixed(1)} ms  (${PRESSES} presses, ${SESSIONS} sessions open)`);
  console.log('reproduce: npm run build && node bench/host.mjs 50');
} finally {
  for (const child of children) child.kill('SIGKILL');
  rmSync(work, { recursive: true, force: true });
}
