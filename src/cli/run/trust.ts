import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { isDidKey, upsertTrustedKey, type TrustedKey } from '../../core/credential/trust.js';
import { sanitizeText } from '../../core/text/sanitize.js';
import { resolveDataDir } from '../../store/data-dir.js';
import { withLock } from '../../store/lock.js';
import { readTrustFileForUpdate, writeTrustFile } from '../../store/trust-file-update.js';
import { ioError, UserError } from '../../errors/user-error.js';
import { ExitCode } from '../../errors/exit-codes.js';
import type { Run } from '../lazy-action.js';
import { printJson, writeOut } from '../output.js';

interface TrustOptions {
  trust?: string;
  name?: string;
  from?: string;
  until?: string;
  json?: boolean;
}

export const run: Run<[string, string], TrustOptions> = async ([action, source], options, globals) => {
  if (action !== 'add') {
    throw new UserError(`trust: unknown action "${action}"`, { exitCode: ExitCode.usage, hint: 'frontline trust add <issuer.json|did:key:…> [--trust trust.json]' });
  }
  const from = dateOption('--from', options.from);
  const until = dateOption('--until', options.until);
  const issuer = await readIssuer(source);
  const name = options.name?.trim() || issuer.name;
  const entry: TrustedKey = {
    id: issuer.id,
    ...(name ? { name } : {}),
    ...(from ? { validFrom: from } : {}),
    ...(until ? { validUntil: until } : {}),
  };
  const path = resolve(options.trust ?? join(resolveDataDir(globals), 'trust.json'));
  // Read, change and write under one lock: two `trust add` at once would each write back a file missing the other's key.
  const update = await withLock(path, async () => {
    const existing = readTrustFileForUpdate(path);
    const change = upsertTrustedKey(existing?.trust ?? { issuers: [] }, entry);
    const { validFrom, validUntil } = change.entry;
    if (validFrom && validUntil && Date.parse(validFrom) > Date.parse(validUntil)) {
      throw new UserError(`trust add: ${entry.id} would be trusted from ${validFrom} until ${validUntil}, which is no time at all`, { exitCode: ExitCode.usage });
    }
    if (change.action !== 'unchanged') await writeTrustFile(path, change.trust, existing?.data);
    return change;
  }, { what: `the trust file ${path}` });
  if (options.json) {
    printJson({ file: path, action: update.action, entry: update.entry, issuers: update.trust.issuers.length });
    return ExitCode.ok;
  }
  const e = update.entry;
  const window = `${e.validFrom ?? 'any time'} to ${e.validUntil ?? 'no end'}`;
  const verb = { added: 'Added', updated: 'Updated', unchanged: 'Already trusted, unchanged:' }[update.action];
  writeOut(
    [
      sanitizeText(`${verb} ${e.name ?? e.id} in ${path}`),
      `  key     ${e.id}`,
      `  signed  ${window}`,
      ...(e.validFrom === undefined ? ['  (no --from: proofs of any date before the end count)'] : []),
      '',
    ].join('\n'),
  );
  return ExitCode.ok;
};

function dateOption(flag: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  // A bare date means its start (--from) or its end (--until), in UTC.
  const text = /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T${flag === '--until' ? '23:59:59' : '00:00:00'}Z` : value;
  if (!/^\d{4}-\d{2}-\d{2}T/.test(text) || Number.isNaN(Date.parse(text))) {
    throw new UserError(`trust add: ${flag}: expected an ISO 8601 date or date-time, found "${value}"`, { exitCode: ExitCode.usage });
  }
  return new Date(text).toISOString().replace(/\.000Z$/, 'Z');
}

/** The key and name to trust: a did:key as given, or the `id` and `name` of an issuer profile (issuer.json). */
async function readIssuer(source: string): Promise<{ id: string; name?: string }> {
  if (source.startsWith('did:')) {
    if (!isDidKey(source)) throw new UserError(`trust add: "${source}" is not a did:key (did:key:z6Mk…)`, { exitCode: ExitCode.usage });
    return { id: source };
  }
  let text: string;
  try {
    text = await readFile(source, 'utf8');
  } catch (error) {
    throw ioError(source, error);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new UserError(`${source}: not valid JSON (${(error as Error).message})`);
  }
  const profile = data as { id?: unknown; name?: unknown; credentialSubject?: unknown } | null;
  if (typeof profile !== 'object' || profile === null || Array.isArray(profile)) throw new UserError(`${source}: expected an issuer profile (a JSON object)`);
  if (profile.credentialSubject !== undefined) {
    // Trusting whoever signed a certificate in hand would let any key vouch for itself.
    throw new UserError(`${source}: this is a credential, not an issuer profile`, {
      hint: "trust the issuer's own issuer.json (from `keys generate`) or its did:key, received from the issuer",
    });
  }
  if (typeof profile.id !== 'string' || !isDidKey(profile.id)) {
    throw new UserError(`${source}: "id" must be the issuer's did:key (did:key:z6Mk…)`, { hint: 'issuer.json is written by `frontline keys generate`' });
  }
  return { id: profile.id, ...(typeof profile.name === 'string' && profile.name.trim() ? { name: profile.name.trim() } : {}) };
}
