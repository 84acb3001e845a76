import { existsSync } from 'node:fs';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { commandEntries, definitions, registerCommands } from '../../src/cli/commands/index.js';

const root = new URL('../../', import.meta.url);

describe('the command manifest (src/cli/commands/manifest.json)', () => {
  it('gives every command a definition and a run file, and every definition a command', () => {
    const names = commandEntries.map((c) => c.name);
    expect(new Set(names).size).toBe(names.length);
    expect(Object.keys(definitions).sort()).toEqual([...names].sort());
    for (const entry of commandEntries) expect(existsSync(new URL(`src/cli/run/${entry.run}.ts`, root)), entry.run).toBe(true);
  });

  it('registers the commands in its order', () => {
    const program = new Command('frontline');
    registerCommands(program);
    expect(program.commands.map((c) => c.name())).toEqual(commandEntries.map((c) => c.name));
  });
});
