import { resolve } from 'node:path';
import { CONFIG_KEYS, findConfigKey, flattenConfig, parseConfigValue, type ConfigKey } from '../../core/config/config-keys.js';
import { openConfig, type ConfigStore } from '../../store/config.js';
import { UserError } from '../../errors/user-error.js';
import { ExitCode } from '../../errors/exit-codes.js';
import type { Run } from '../lazy-action.js';
import { printJson, writeOut } from '../output.js';
import { sanitizeLine } from '../../core/text/sanitize.js';

function knownKey(key: string): ConfigKey {
  const entry = findConfigKey(key);
  if (!entry) {
    throw new UserError(`config: no setting called ${JSON.stringify(key)}`, {
      exitCode: ExitCode.usage,
      hint: `settings: ${CONFIG_KEYS.map((k) => k.key).join(', ')}`,
    });
  }
  return entry;
}

// conf's typed get/set take known paths; tags.<name> and the table make them dynamic.
type LooseStore = { get(key: string): unknown; set(key: string, value: unknown): void; delete(key: string): void; has(key: string): boolean };
const loose = (config: ConfigStore) => config as unknown as LooseStore;

export const runList: Run<[], { json?: boolean }> = async (_positionals, options, globals) => {
  const config = openConfig(globals);
  const entries = flattenConfig(config.store).map(([key, value]) => [key, findConfigKey(key)?.secret ? '(set)' : value] as const);
  if (options.json) {
    printJson({ file: config.path, settings: Object.fromEntries(entries) });
    return ExitCode.ok;
  }
  if (entries.length === 0) writeOut(`no settings (file: ${config.path})\n`);
  for (const [key, value] of entries) writeOut(`${sanitizeLine(key)} = ${sanitizeLine(typeof value === 'string' ? value : JSON.stringify(value))}\n`);
  return ExitCode.ok;
};

export const runGet: Run<[string], object> = async ([key], _options, globals) => {
  knownKey(key);
  const value = loose(openConfig(globals)).get(key);
  // Like `git config`: a setting that is not set prints nothing and exits 1, so scripts can test for it.
  if (value === undefined) return ExitCode.failed;
  writeOut(`${sanitizeLine(typeof value === 'string' ? value : JSON.stringify(value))}\n`);
  return ExitCode.ok;
};

export const runSet: Run<[string, string], object> = async ([key, raw], _options, globals) => {
  const entry = knownKey(key);
  const parsed = parseConfigValue(entry, raw);
  if (!parsed.ok) throw new UserError(`config: ${parsed.message}`, { exitCode: ExitCode.usage });
  // A relative key path would mean something else from another folder.
  const value = entry.kind === 'path' && typeof parsed.value === 'string' ? resolve(parsed.value) : parsed.value;
  loose(openConfig(globals)).set(key, value);
  return ExitCode.ok;
};

export const runUnset: Run<[string], object> = async ([key], _options, globals) => {
  knownKey(key);
  loose(openConfig(globals)).delete(key);
  return ExitCode.ok;
};

export const runPath: Run<[], object> = async (_positionals, _options, globals) => {
  writeOut(`${openConfig(globals).path}\n`);
  return ExitCode.ok;
};
