import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigFileError } from '../../src/errors/config-file-error.js';
import { configFilePath, readConfigFile } from '../../src/store/config-file.js';
import { openConfig } from '../../src/store/config.js';

const dirs: string[] = [];
const dataDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'frontline-config-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('reading config.json without conf', () => {
  it('finds the file where conf keeps it, with --data-dir, with FRONTLINE_HOME and without either', () => {
    const dir = dataDir();
    expect(configFilePath({ dataDir: dir }, {})).toBe(openConfig({ dataDir: dir }, {}).path);
    expect(configFilePath({}, { FRONTLINE_HOME: dir })).toBe(openConfig({}, { FRONTLINE_HOME: dir }).path);
    expect(configFilePath({}, {})).toMatch(/frontline[/\\]config\.json$/);
  });

  it('reads what conf wrote, and no file as no settings', () => {
    const dir = dataDir();
    expect(readConfigFile({ dataDir: dir })).toEqual({});
    openConfig({ dataDir: dir }).set('candidate', { name: 'Ada', employeeId: 'E-1' });
    expect(readConfigFile({ dataDir: dir })).toEqual({ candidate: { name: 'Ada', employeeId: 'E-1' } });
  });

  it.each([
    ['not JSON', '{ "tags": ', /config\.json: not valid JSON/],
    ['not an object', '[1, 2]', /config\.json: not a JSON object/],
  ])('names the file when it is %s', (_, text, message) => {
    const dir = dataDir();
    writeFileSync(join(dir, 'config.json'), text);
    expect(() => readConfigFile({ dataDir: dir })).toThrow(ConfigFileError);
    expect(() => readConfigFile({ dataDir: dir })).toThrow(message);
  });
});
