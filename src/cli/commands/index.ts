import type { Command } from 'commander';
import { loadRunModule, type CommandEntry } from '../load-run-module.js';
import { registerAssign } from './assign.js';
import { registerConfig } from './config.js';
import { registerExport } from './export.js';
import { registerHistory } from './history.js';
import { registerHost } from './host.js';
import { addHelpExtras } from './help-extras.js';
import { registerImport } from './import.js';
import { registerInit } from './init.js';
import { registerIssue } from './issue.js';
import { registerKeys } from './keys.js';
import manifest from './manifest.json' with { type: 'json' };
import { registerMark } from './mark.js';
import { registerPreview } from './preview.js';
import { registerReport } from './report.js';
import { registerSeal } from './seal.js';
import { registerRevoke } from './revoke.js';
import { registerSimulate } from './simulate.js';
import { registerSync } from './sync.js';
import { registerTake } from './take.js';
import { registerTrust } from './trust.js';
import { registerValidate } from './validate.js';
import { registerVerify } from './verify.js';

/** Every command in manifest.json, in the order --help lists them. */
export const commandEntries: readonly CommandEntry[] = manifest.commands;

type Register = (program: Command, load: () => Promise<never>, loadScreens: () => Promise<never>) => void;

/** Each command's definition (options, help), by its name in manifest.json. */
export const definitions: Readonly<Record<string, Register>> = {
  assign: registerAssign,
  config: registerConfig,
  export: registerExport,
  history: registerHistory,
  host: registerHost,
  import: registerImport,
  init: registerInit,
  issue: registerIssue,
  keys: registerKeys,
  mark: registerMark,
  preview: registerPreview,
  report: registerReport,
  revoke: registerRevoke,
  seal: registerSeal,
  simulate: registerSimulate,
  sync: registerSync,
  take: registerTake,
  trust: registerTrust,
  validate: registerValidate,
  verify: registerVerify,
};

/**
 * Command definitions are light (commander only); each action loads its
 * implementation from ../run/ when it runs. Keep it that way: a static import
 * of yaml, ajv or ink here would slow every command, --version included.
 */
export function registerCommands(program: Command): void {
  for (const entry of commandEntries) {
    const register = definitions[entry.name];
    if (!register) throw new Error(`manifest.json lists the command ${entry.name}, which has no definition`);
    const screens = entry.screens;
    register(
      program,
      () => loadRunModule(entry) as Promise<never>,
      () => (screens ? loadRunModule({ name: entry.name, run: screens, ink: true }) : Promise.reject(new Error(`${entry.name} has no screens`))) as Promise<never>,
    );
  }
  addHelpExtras(program);
}
