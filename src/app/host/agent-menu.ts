import { readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { checkAssignment, type Assignment } from '../../core/assignment/assignment.js';
import { resolvePolicy } from '../../core/bank/defaults.js';
import { readAssignmentRegistry, type AssignmentEntry } from '../../store/assignments.js';
import { readRegistry } from '../../store/certificates.js';
import { hostPaths } from '../../store/host-files.js';
import { loadPrivateKey } from '../../store/keys.js';
import { checkBankFile, type LoadedBank } from '../load-bank.js';
import { signingKeyOf } from './init-host.js';
import { readUnfinished, type Unfinished } from '../take/unfinished.js';

/** One assignment of the agent, as the session's menu lists it. */
export interface MenuEntry {
  assignmentId: string;
  /** The bank's title, or its id when the host has no copy of the bank. */
  title: string;
  bankVersion: string;
  opens: string;
  closes: string;
  /** Which attempt this is, and of how many, when the attempts are capped. */
  attempt: { number: number; of?: number };
  /** Attempts after this one, when capped. */
  attemptsLeftAfter?: number;
  /** What the agent can do with it now. */
  state:
    | { kind: 'ready' }
    | { kind: 'resume'; deadline: number }
    | { kind: 'not-yet'; opens: string }
    | { kind: 'cooldown'; until: string }
    | { kind: 'unavailable'; why: string };
}

/** What a chosen entry needs to run: the bank, the signed assignment, the journal to resume. */
export interface Takeable {
  loaded: LoadedBank;
  assignment: Assignment;
  unfinished?: Unfinished;
}

export interface AgentMenu {
  entries: MenuEntry[];
  /** For entries whose state is ready or resume. */
  takeable: Map<string, Takeable>;
}

/**
 * The agent's assignments on this host that are still to be taken: signed by
 * the host key, for this employee id, not closed, not used (no certificate,
 * no recorded failure, no saved attempt under it). Each says whether it can
 * start now, resumes an unfinished attempt, waits (window, cooldown), or
 * cannot run (the host has no copy of its bank, its file is missing).
 */
export async function agentMenu(hostDir: string, employeeId: string, now: Date): Promise<AgentMenu> {
  const registry = await readAssignmentRegistry(hostDir);
  const mine = registry.assignments.filter((a) => a.employeeId === employeeId && Date.parse(a.closes) > now.getTime());
  const entries: MenuEntry[] = [];
  const takeable = new Map<string, Takeable>();
  if (mine.length === 0) return { entries, takeable };
  const { did } = await loadPrivateKey(signingKeyOf(hostDir));
  const certificates = await readRegistry(hostDir);
  const { attempts } = await (await import('../../store/attempts.js')).listAttempts(hostDir);
  const used = new Set<string>([
    ...certificates.flatMap((c) => (c.assignment ? [c.assignment] : [])),
    ...registry.failures.map((f) => f.assignment),
    ...attempts.flatMap((a) => (a.record.assignment ? [a.record.assignment.id] : [])),
  ]);
  const banks = await hostBanks(hostDir);
  const { found: unfinished } = await readUnfinished(hostDir);
  for (const entry of mine.sort((a, b) => a.opens.localeCompare(b.opens))) {
    if (used.has(entry.id)) continue;
    const loaded = banks.get(entry.bank.hash);
    const base = {
      assignmentId: entry.id,
      title: loaded?.bank.title ?? entry.bank.id,
      bankVersion: entry.bank.version,
      opens: entry.opens,
      closes: entry.closes,
      attempt: { number: entry.number, ...(entry.attempts !== undefined ? { of: entry.attempts } : {}) },
      ...(entry.attempts !== undefined ? { attemptsLeftAfter: Math.max(0, entry.attempts - entry.number) } : {}),
    };
    const state = await entryState(hostDir, entry, { did, loaded, now, failures: registry.failures, unfinished, takeable });
    entries.push({ ...base, state });
  }
  return { entries, takeable };
}

async function entryState(
  hostDir: string,
  entry: AssignmentEntry,
  context: { did: string; loaded: LoadedBank | undefined; now: Date; failures: ReadonlyArray<{ employeeId: string; bank: string; endedAt: string }>; unfinished: Unfinished[]; takeable: Map<string, Takeable> },
): Promise<MenuEntry['state']> {
  const { loaded, now } = context;
  if (!loaded) return { kind: 'unavailable', why: 'this host has no copy of its bank; tell your trainer' };
  const assignment = await readSignedAssignment(hostDir, entry, context.did);
  if (!assignment) return { kind: 'unavailable', why: 'its assignment file is missing or altered; tell your trainer' };
  const open = context.unfinished.find((u) => u.header.assignment?.id === entry.id);
  if (open) {
    context.takeable.set(entry.id, { loaded, assignment, unfinished: open });
    return { kind: 'resume', deadline: open.header.deadline };
  }
  if (Date.parse(entry.opens) > now.getTime()) return { kind: 'not-yet', opens: entry.opens };
  const hours = resolvePolicy(loaded.bank.policy).cooldownHours;
  const lastFail = context.failures
    .filter((f) => f.employeeId === entry.employeeId && f.bank === entry.bank.id)
    .reduce((max, f) => Math.max(max, Date.parse(f.endedAt)), Number.NEGATIVE_INFINITY);
  const until = lastFail + hours * 3_600_000;
  if (until > now.getTime()) return { kind: 'cooldown', until: new Date(until).toISOString() };
  context.takeable.set(entry.id, { loaded, assignment });
  return { kind: 'ready' };
}

/** The signed assignment the registry entry points at, checked against the host key and the entry. */
async function readSignedAssignment(hostDir: string, entry: AssignmentEntry, did: string): Promise<Assignment | undefined> {
  const candidates = [...(entry.file ? [resolve(hostDir, entry.file)] : []), join(hostDir, 'assignments', `${entry.id.replace(/^urn:uuid:/, '')}.json`)];
  for (const path of candidates) {
    const text = await readFile(path, 'utf8').catch(() => undefined);
    if (text === undefined) continue;
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      continue;
    }
    const checked = checkAssignment(data, { issuer: did, bankHash: entry.bank.hash });
    if (checked.ok && checked.assignment.id === entry.id && checked.assignment.candidate.employeeId === entry.employeeId) return checked.assignment;
  }
  return undefined;
}

/** The valid banks in the host's banks/ folder, by hash. A file that is not a valid bank is left out. */
export async function hostBanks(hostDir: string): Promise<Map<string, LoadedBank>> {
  const dir = hostPaths(hostDir).banks;
  const names = await readdir(dir).catch(() => [] as string[]);
  const banks = new Map<string, LoadedBank>();
  for (const name of names.filter((n) => /\.(ya?ml|json)$/i.test(n)).sort()) {
    const file = join(dir, name);
    const checked = await checkBankFile(file);
    if (checked.kind !== 'parsed' || !checked.result.ok) continue;
    banks.set(checked.result.hash, { bank: checked.result.bank, hash: checked.result.hash, file });
  }
  return banks;
}
