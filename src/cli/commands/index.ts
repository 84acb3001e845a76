import type { Command } from 'commander';
import { registerValidate } from './validate.js';
import { registerInit } from './init.js';
import { registerPreview } from './preview.js';
import { registerTake } from './take.js';
import { registerHistory } from './history.js';
import { registerKeys } from './keys.js';
import { registerAssign } from './assign.js';
import { registerIssue } from './issue.js';
import { registerVerify } from './verify.js';
import { registerRevoke } from './revoke.js';
import { registerTrust } from './trust.js';
import { registerExport } from './export.js';
import { registerReport } from './report.js';
import { registerSync } from './sync.js';
import { registerImport } from './import.js';
import { registerSimulate } from './simulate.js';
import { registerConfig } from './config.js';
import { registerHost } from './host.js';
import { addHelpExtras } from './help-extras.js';

/**
 * Command definitions are light (commander only); each action imports its
 * implementation from ../run/ when it runs. Keep it that way: a static import
 * of yaml, ajv or ink here would slow every command, --version included.
 */
export function registerCommands(program: Command): void {
  // Order is the order `--help` lists them: the agent's, the trainer's, then HR's.
  registerTake(program);
  registerHistory(program);
  registerInit(program);
  registerValidate(program);
  registerPreview(program);
  registerReport(program);
  registerImport(program);
  registerSimulate(program);
  registerKeys(program);
  registerAssign(program);
  registerIssue(program);
  registerTrust(program);
  registerVerify(program);
  registerRevoke(program);
  registerExport(program);
  registerSync(program);
  registerConfig(program);
  registerHost(program);
  addHelpExtras(program);
}
