import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import envPaths from 'env-paths';
import { configTypeProblem } from '../core/config/config-keys.js';
import { ConfigFileError } from '../errors/config-file-error.js';
import type { FrontlineConfig } from './config.js';
import { resolveDataDir } from './data-dir.js';

/**
 * Where `config.json` is, as conf finds it: in the data directory when
 * `--data-dir` or FRONTLINE_HOME is set, else in the OS config directory.
 */
export function configFilePath(globals: { dataDir?: string | undefined } = {}, env: NodeJS.ProcessEnv = process.env): string {
  const isolated = Boolean(globals.dataDir) || Boolean(env['FRONTLINE_HOME']);
  return join(isolated ? resolveDataDir(globals, env) : envPaths('frontline', { suffix: '' }).config, 'config.json');
}

/**
 * The settings as they are on disk, read without conf (which loads ajv, a
 * tenth of `take`'s start-up): `take` needs them for its first frame and
 * writes only once the test starts. A missing file is no settings.
 * @throws ConfigFileError when the file is not a JSON object.
 */
export function readConfigFile(globals: { dataDir?: string | undefined } = {}, env: NodeJS.ProcessEnv = process.env): FrontlineConfig {
  const file = configFilePath(globals, env);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw new ConfigFileError(file, (error as Error).message, { cause: error });
  }
  let data: unknown;
  try {
    data = text.trim() === '' ? {} : JSON.parse(text);
  } catch (error) {
    throw new ConfigFileError(file, `not valid JSON (${(error as Error).message}); fix or delete it`, { cause: error });
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new ConfigFileError(file, 'not a JSON object; fix or delete it');
  const problem = configTypeProblem(data as Record<string, unknown>);
  if (problem) throw new ConfigFileError(file, `${problem}; fix it in the file`);
  return data as FrontlineConfig;
}
