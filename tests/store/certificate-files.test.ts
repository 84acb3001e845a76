import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors/user-error.js';
import { collectJsonFiles } from '../../src/store/certificate-files.js';
import { readRegularFile } from '../../src/store/regular-file.js';

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
  it('lists what a recursive readdir lists, filtered to .json files and sorted; a folder named x.json is searched, not listed', async () => {
    const dir = tree('plain');
    const expected = (await readdir(dir, { recursive: true })).filter((n) => n.endsWith('.json') && n !== 'a.json').sort().map((n) => join(dir, n));
    expect(await collectJsonFiles([dir])).toEqual(expected);
    expect(expected).toContain(join(dir, 'a.json', 'inside.json'));
  });

  it.skipIf(process.platform === 'win32')('follows symbolic links to folders, lists a file linked from inside the tree once (by its own name), and dangling links', async () => {
    const dir = join(root, 'links');
    mkdirSync(join(dir, 'real'), { recursive: true });
    writeFileSync(join(dir, 'real', 'c.json'), '{}');
    symlinkSync(tree('elsewhere'), join(dir, 'linked'));
    symlinkSync(join(dir, 'real', 'c.json'), join(dir, 'link.json'));
    symlinkSync(join(dir, 'missing'), join(dir, 'dangling.json'));
    const found = await collectJsonFiles([dir]);
    expect(found.map((f) => f.slice(dir.length + 1))).toEqual(
      ['dangling.json', 'linked/10.json', 'linked/2.json', 'linked/a.json/inside.json', 'linked/a/1.json', 'linked/a/deep/x.json', 'linked/b/é.json', 'linked/z/.json', 'real/c.json'],
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

  describe.skipIf(process.platform === 'win32')('hostile trees (issue 17.13)', () => {
    it('follows a symbolic link loop once: each certificate listed once', async () => {
      const dir = join(root, 'loop');
      mkdirSync(join(dir, 'a', 'b'), { recursive: true });
      writeFileSync(join(dir, 'a', 'b', 'cert.json'), '{}');
      symlinkSync(join(dir, 'a'), join(dir, 'a', 'b', 'up'));
      symlinkSync(dir, join(dir, 'a', 'root'));
      symlinkSync(join(dir, 'a', 'b', 'cert.json'), join(dir, 'again.json'));
      expect(await collectJsonFiles([dir])).toEqual([join(dir, 'a', 'b', 'cert.json')]);
    });

    it('two folders given that overlap list each file once', async () => {
      const dir = tree('overlap');
      const found = await collectJsonFiles([dir, join(dir, 'a')]);
      expect(new Set(found).size).toBe(found.length);
      expect(found.filter((f) => f.endsWith('1.json'))).toHaveLength(1);
    });

    it('lists a FIFO and a link to a device named x.json (the reader refuses them one by one)', async () => {
      const dir = join(root, 'special');
      mkdirSync(dir);
      execFileSync('mkfifo', [join(dir, 'fifo.json')]);
      symlinkSync('/dev/zero', join(dir, 'zero.json'));
      expect(await collectJsonFiles([dir])).toEqual([join(dir, 'fifo.json'), join(dir, 'zero.json')]);
      expect(readRegularFile(join(dir, 'fifo.json'), 1024)).toMatchObject({ ok: false, kind: 'not-regular', message: 'a named pipe (FIFO), not a file' });
      expect(readRegularFile(join(dir, 'zero.json'), 1024)).toMatchObject({ ok: false, kind: 'not-regular', message: 'a device, not a file' });
      expect(readRegularFile(dir, 1024)).toMatchObject({ ok: false, kind: 'not-regular', message: 'a directory, not a file' });
    });

    it('refuses a file past the cap without reading it whole', () => {
      const big = join(root, 'big.json');
      writeFileSync(big, Buffer.alloc(2048, 0x20));
      expect(readRegularFile(big, 1024)).toMatchObject({ ok: false, kind: 'too-large', message: 'larger than 1 KB' });
      expect(readRegularFile(big, 4096)).toMatchObject({ ok: true });
    });

    it('reads into a scratch buffer as it reads into its own: the same bytes, the same cap', () => {
      const scratch = Buffer.alloc(4097, 0x78);
      const small = join(root, 'small.json');
      writeFileSync(small, '{"a":1}');
      const read = readRegularFile(small, 4096, scratch);
      expect(read.ok && read.bytes.toString()).toBe('{"a":1}');
      expect(read.ok && read.bytes.buffer).toBe(scratch.buffer);
      const big = join(root, 'big-scratch.json');
      writeFileSync(big, Buffer.alloc(2048, 0x20));
      expect(readRegularFile(big, 1024, scratch)).toMatchObject({ ok: false, kind: 'too-large', message: 'larger than 1 KB' });
      expect(readRegularFile(join(root, 'no-such.json'), 4096, scratch)).toMatchObject({ ok: false, kind: 'io', message: 'no such file or directory' });
      // A scratch buffer too small for the cap is not used.
      const own = readRegularFile(small, 4096, Buffer.alloc(16));
      expect(own.ok && own.bytes.toString()).toBe('{"a":1}');
    });
  });
});
