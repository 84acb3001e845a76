import { readFileSync } from 'node:fs';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { CONFIG_KEYS, configTypeProblem, findConfigKey, flattenConfig, parseConfigValue, type FrontlineConfig } from '../../../src/core/config/config-keys.js';

describe('config keys', () => {
  it('knows every documented key and any well-formed tag name', () => {
    for (const { key } of CONFIG_KEYS.filter((k) => !k.key.includes('<'))) expect(findConfigKey(key)?.key).toBe(key);
    expect(findConfigKey('tags.site')?.key).toBe('tags.<name>');
    expect(findConfigKey('tags.cohort-2026')?.key).toBe('tags.<name>');
  });

  it('refuses unknown keys, bare sections and odd tag names', () => {
    for (const key of ['lrs', 'tags', 'tags.', 'tags.1st', 'tags.a.b', 'tags.with space', 'lrs.password', 'candidate']) {
      expect(findConfigKey(key), key).toBeUndefined();
    }
  });

  it('reads booleans the ways people type them, and nothing else', () => {
    const entry = findConfigKey('lrs.includeItems')!;
    for (const yes of ['true', 'YES', 'on', '1']) expect(parseConfigValue(entry, yes)).toEqual({ ok: true, value: true });
    for (const no of ['false', 'No', 'off', '0']) expect(parseConfigValue(entry, no)).toEqual({ ok: true, value: false });
    expect(parseConfigValue(entry, 'maybe')).toMatchObject({ ok: false, message: expect.stringContaining('expected true or false') });
  });

  it('accepts only http(s) URLs for URL settings', () => {
    const entry = findConfigKey('lrs.endpoint')!;
    expect(parseConfigValue(entry, 'https://lrs.example.com/xapi/')).toEqual({ ok: true, value: 'https://lrs.example.com/xapi/' });
    expect(parseConfigValue(entry, 'ftp://lrs.example.com/')).toMatchObject({ ok: false, message: expect.stringContaining('ftp:') });
    expect(parseConfigValue(entry, 'lrs.example.com')).toMatchObject({ ok: false, message: expect.stringContaining('not a URL') });
  });

  it('refuses empty text, which would silently blank a field', () => {
    expect(parseConfigValue(findConfigKey('issuer.name')!, '  ')).toMatchObject({ ok: false });
  });

  it('flattens nested settings into sorted dotted keys', () => {
    expect(flattenConfig({ tags: { team: 'B', site: 'Leeds' }, lrs: { includeItems: true }, candidate: {} })).toEqual([
      ['lrs.includeItems', true],
      ['tags.site', 'Leeds'],
      ['tags.team', 'B'],
    ]);
  });
});

describe('configTypeProblem (issue 17.17)', () => {
  it.each([
    [{ lrs: { endpoint: 5 } }, 'lrs.endpoint: expected text, found a number'],
    [{ lrs: { includeItems: 'yes' } }, 'lrs.includeItems: expected true or false, found text'],
    [{ lrs: 'https://lrs.example.com' }, 'lrs: expected an object, found text'],
    [{ candidate: { name: ['A'] } }, 'candidate.name: expected text, found a list'],
    [{ tags: { site: 7 } }, 'tags.site: expected text, found a number'],
    [{ signing: { keyFile: null } }, 'signing.keyFile: expected text, found null'],
  ])('names the key and the types of %j', (config, message) => {
    expect(configTypeProblem(config as Record<string, unknown>)).toBe(message);
  });

  it.each([[{}], [{ lrs: { endpoint: 'https://x.example', includeItems: true }, tags: { site: 'Leeds' } }], [{ somethingNew: 5 }]])('accepts %j', (config) => {
    expect(configTypeProblem(config)).toBeUndefined();
  });
});

describe('the one table of config keys', () => {
  it('types the settings file', () => {
    expectTypeOf<NonNullable<FrontlineConfig['lrs']>['includeItems']>().toEqualTypeOf<boolean | undefined>();
    expectTypeOf<NonNullable<FrontlineConfig['lrs']>['auth']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<NonNullable<FrontlineConfig['candidate']>['employeeId']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<FrontlineConfig['tags']>().toEqualTypeOf<Record<string, string> | undefined>();
    expectTypeOf<keyof FrontlineConfig>().toEqualTypeOf<'candidate' | 'tags' | 'signing' | 'issuer' | 'marker' | 'lrs'>();
  });

  /** The keys named in the first column of the markdown table that follows `heading`. */
  function documentedKeys(file: string, heading: RegExp): string[] {
    const text = readFileSync(new URL(`../../../${file}`, import.meta.url), 'utf8');
    const start = text.search(heading);
    expect(start, `${file} has a table of keys`).toBeGreaterThan(-1);
    const rows = text.slice(start).split('\n').slice(2);
    const table = rows.slice(0, rows.findIndex((l) => !l.startsWith('|')));
    return table.flatMap((row) => [...row.split('|')[1]!.matchAll(/`([^`]+)`/g)].map((m) => m[1]!));
  }

  it.each([
    ['README.md', /^\| Key \| Meaning \|$/m],
    ['docs/taking.md', /^\| Key \| Used for \|$/m],
  ])('is what %s lists', (file, heading) => {
    expect(documentedKeys(file, heading)).toEqual(CONFIG_KEYS.map((k) => k.key));
  });
});
