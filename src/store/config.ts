import Conf from 'conf';
import { configTypeProblem, type FrontlineConfig } from '../core/config/config-keys.js';
import { ConfigFileError } from '../errors/config-file-error.js';
import { configFilePath } from './config-file.js';
import { resolveDataDir } from './data-dir.js';

/** Settings kept between runs (`config.json`): the keys are declared once, in core/config/config-keys.ts. */
export type { FrontlineConfig };

export type ConfigStore = Conf<FrontlineConfig>;

/**
 * Opens the config. With `--data-dir` or FRONTLINE_HOME the file lives in that
 * directory, so a test or a shared kiosk gets its own settings; otherwise in the
 * OS config directory (~/.config/frontline on Linux).
 */
export function openConfig(globals: { dataDir?: string | undefined } = {}, env: NodeJS.ProcessEnv = process.env): ConfigStore {
  const isolated = Boolean(globals.dataDir) || Boolean(env['FRONTLINE_HOME']);
  const cwd = isolated ? resolveDataDir(globals, env) : undefined;
  let store: ConfigStore;
  try {
    store = new Conf<FrontlineConfig>({
      projectName: 'frontline',
      projectSuffix: '',
      // lrs.auth is a credential.
      configFileMode: 0o600,
      ...(cwd ? { cwd } : {}),
    });
  } catch (error) {
    // conf throws a bare SyntaxError for a hand-edited file; say which file, and never reset it silently.
    const file = configFilePath(globals, env);
    const reason = error instanceof SyntaxError ? `not valid JSON (${error.message}); fix or delete it` : (error as Error).message;
    throw new ConfigFileError(file, reason, { cause: error });
  }
  // A value of the wrong type (`"endpoint": 5`) would fail deep inside a command; say where it is.
  const problem = configTypeProblem(store.store as Record<string, unknown>);
  if (problem) throw new ConfigFileError(store.path, `${problem}; fix it in the file`);
  return store;
}

export interface CandidateDefaults {
  name: string;
  employeeId: string;
}

/** Remembers who took the test on this machine, so the next start screen is prefilled. */
export function rememberCandidate(config: ConfigStore, candidate: CandidateDefaults): void {
  config.set('candidate.name', candidate.name);
  config.set('candidate.employeeId', candidate.employeeId);
}

export function configTags(config: ConfigStore): Record<string, string> {
  return config.get('tags') ?? {};
}
