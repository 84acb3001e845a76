import { existsSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { commandEntries } from '../../src/cli/commands/index.js';

const root = new URL('../../', import.meta.url);

describe('the build reads the command manifest', () => {
  it('is what the build made: one CommonJS file per plain command, one ES module per Ink command', () => {
    const cjs = readdirSync(new URL('dist/cli/run/', root)).filter((f) => f.endsWith('.cjs'));
    // Beside them only lazy parts of a command (report-html), which no manifest entry names.
    expect(cjs).toEqual(expect.arrayContaining(commandEntries.filter((c) => !c.ink).map((c) => `${c.run}.cjs`)));
    for (const entry of commandEntries.filter((c) => c.ink)) expect(cjs).not.toContain(`${entry.run}.cjs`);
    for (const entry of commandEntries.filter((c) => c.ink)) expect(existsSync(new URL(`dist/esm/${entry.run}.js`, root)), entry.run).toBe(true);
    expect(commandEntries.filter((c) => c.ink).map((c) => c.name)).toEqual(['take', 'preview']);
  });

  it('builds a plain command\'s screens (host session\'s menu and test, mark\'s queue) as an ES module, not CommonJS', () => {
    const withScreens = commandEntries.filter((c) => c.screens !== undefined);
    expect(withScreens.map((c) => [c.name, c.screens])).toEqual([
      ['mark', 'mark-screen'],
      ['host', 'host-session'],
    ]);
    for (const screens of ['host-session', 'mark-screen']) {
      expect(existsSync(new URL(`dist/esm/${screens}.js`, root))).toBe(true);
      expect(existsSync(new URL(`dist/cli/run/${screens}.cjs`, root))).toBe(false);
    }
  });

});
