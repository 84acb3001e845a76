import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CONFIG_KEYS } from '../../src/core/config/config-keys.js';
import { ExitCode } from '../../src/errors/exit-codes.js';
import { runCli } from './run-cli.js';

describe('frontline config (built binary)', () => {
  let dir: string;
  const config = (...args: string[]) => runCli(['--data-dir', dir, 'config', ...args]);

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'frontline-config-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('sets, lists, gets and unsets settings in config.json (mode 0600), hiding the LRS credential in list', () => {
    expect(config('set', 'tags.site', 'Leeds').status).toBe(0);
    expect(config('set', 'lrs.auth', 'user:secret').status).toBe(0);
    expect(config('set', 'lrs.includeItems', 'yes').status).toBe(0);
    const file = join(dir, 'config.json');
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ tags: { site: 'Leeds' }, lrs: { auth: 'user:secret', includeItems: true } });
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);

    const list = config('list');
    expect(list.stdout).toBe('lrs.auth = (set)\nlrs.includeItems = true\ntags.site = Leeds\n');
    expect(JSON.parse(config('list', '--json').stdout)).toEqual({ file, settings: { 'lrs.auth': '(set)', 'lrs.includeItems': true, 'tags.site': 'Leeds' } });
    expect(config('get', 'lrs.auth')).toMatchObject({ status: 0, stdout: 'user:secret\n' });

    expect(config('unset', 'tags.site').status).toBe(0);
    expect(config('get', 'tags.site')).toMatchObject({ status: ExitCode.failed, stdout: '' });
    expect(config('path').stdout).toBe(`${file}\n`);
  });

  it('stores a key file as an absolute path, so take finds it from any folder', () => {
    expect(runCli(['--data-dir', dir, 'config', 'set', 'signing.keyFile', 'keys/issuer.pem'], { cwd: dir }).status).toBe(0);
    expect(config('get', 'signing.keyFile').stdout).toBe(`${join(dir, 'keys', 'issuer.pem')}\n`);
  });

  it('refuses unknown keys and bad values with one line and the usage code', () => {
    for (const args of [['set', 'lrs.password', 'x'], ['set', 'lrs.endpoint', 'ftp://lrs.example.com'], ['get', 'nope']]) {
      const result = config(...args);
      expect(result.status, args.join(' ')).toBe(ExitCode.usage);
      expect(result.stderr.split('\n')[0]).toMatch(/^frontline: config: /);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it('names a config.json that is not JSON instead of crashing, for config and for commands that read it', () => {
    writeFileSync(join(dir, 'config.json'), '{"tags": ');
    for (const args of [['config', 'list'], ['sync']]) {
      const result = runCli(['--data-dir', dir, ...args]);
      expect(result.status, args.join(' ')).toBe(ExitCode.invalidInput);
      expect(result.stderr).toMatch(new RegExp(`^frontline: ${join(dir, 'config.json').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: not valid JSON`));
      expect(result.stderr).not.toMatch(/\n\s+at /);
    }
    expect(readFileSync(join(dir, 'config.json'), 'utf8')).toBe('{"tags": ');
  });

  it('lists every key of the one table in --help, with its description, within 80 columns', () => {
    const result = config('--help');
    expect(result.status).toBe(ExitCode.ok);
    const keys = result.stdout.slice(result.stdout.indexOf('Keys:\n')).split('\n\n')[0]!;
    for (const { key, description } of CONFIG_KEYS) {
      expect(keys).toMatch(new RegExp(`^  ${key.replace(/[.<>]/g, '\\$&')} +${description.split(' ')[0]}`, 'm'));
    }
    // Wrapped descriptions joined back together read as the table has them.
    expect(keys.replace(/\n +/g, ' ')).toContain(CONFIG_KEYS.find((k) => k.key === 'signing.keyFile')!.description);
    for (const line of result.stdout.split('\n')) expect(line.length).toBeLessThanOrEqual(80);
  });
});
