import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors/user-error.js';
import { collectJsonFiles } from '../../src/store/certificate-files.js';

const root = mkdtempSync(join(tmpdir(), 'frontline-cert-files-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function tree(name: string): string {
  const dir = join(root, name);
  for (const sub of ['b', 'a', 'a/deep', 'a.json', 'z']) mkdirSync(join(dir, sub), { recursive: true });
  for (const file of ['2.json', '10.json', 'notes.txt', 'a/1.json', 'a/deep/x.json', 'a.json/inside.json', 'b/é.json', 'z/.json', 'a/deep/y.JSON']) {
    writeFileSync(join(dir, file), '{}');
  }
  return dir;
}

describe('collectJsonFiles', () => {
  it('lists what a recursive readdir lists, filtered to .json and sorted', async () => {
    const dir = tree('plain');
    const expected = (await readdir(dir, { recursive: true })).filter((n) => n.endsWith('.json')).sort().map((n) => join(dir, n));
    expect(await collectJsonFiles([dir])).toEqual(expected);
    expect(expected).toContain(join(dir, 'a.json'));
  });

  it.skipIf(process.platform === 'win32')('follows symbolic links to folders, lists links to files and dangling links', async () => {
    const dir = join(root, 'links');
    mkdirSync(join(dir, 'real'), { recursive: true });
    writeFileSync(join(dir, 'real', 'c.json'), '{}');
    symlinkSync(tree('elsewhere'), join(dir, 'linked'));
    symlinkSync(join(dir, 'real', 'c.json'), join(dir, 'link.json'));
    symlinkSync(join(dir, 'missing'), join(dir, 'dangling.json'));
    const found = await collectJsonFiles([dir]);
    expect(found.map((f) => f.slice(dir.length + 1))).toEqual(
      ['dangling.json', 'link.json', 'linked/10.json', 'linked/2.json', 'linked/a.json', 'linked/a.json/inside.json', 'linked/a/1.json', 'linked/a/deep/x.json', 'linked/b/é.json', 'linked/z/.json', 'real/c.json'],
    );
  });

  it('keeps files as given and folders in argument order', async () => {
    const dir = tree('order');
    const found = await collectJsonFiles([join(dir, 'notes.txt'), join(dir, 'b'), join(dir, 'a', 'deep')]);
    expect(found).toEqual([join(dir, 'notes.txt'), join(dir, 'b', 'é.json'), join(dir, 'a', 'deep', 'x.json')]);
  });

  it('a path that does not exist is an io error naming it', async () => {
    const missing = join(root, 'nope');
    await expect(collectJsonFiles([missing])).rejects.toThrow(UserError);
    await expect(collectJsonFiles([missing])).rejects.toThrow(`${missing}: cannot read: no such file or directory`);
  });
});
