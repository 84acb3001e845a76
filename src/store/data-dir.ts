import { resolve } from 'node:path';
import envPaths from 'env-paths';

/**
 * Where attempts, journals, certificates and the outbox live. Precedence:
 * `--data-dir`, then FRONTLINE_HOME, then the OS convention (XDG data dir on
 * Linux, ~/Library/Application Support on macOS, %LOCALAPPDATA% on Windows).
 */
export function resolveDataDir(globals: { dataDir?: string | undefined }, env: NodeJS.ProcessEnv = process.env): string {
  if (globals.dataDir) return resolve(globals.dataDir);
  const home = env['FRONTLINE_HOME'];
  if (home) return resolve(home);
  return envPaths('frontline', { suffix: '' }).data;
}

/** Sub-folders of the data dir, named once so every module agrees. */
export const dataPaths = {
  attempts: 'attempts',
  journals: 'journals',
  certificates: 'certificates',
  status: 'status',
  outbox: 'outbox',
} as const;
