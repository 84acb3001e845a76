import { mkdir, mkdtemp, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../src/store/atomic-write.js';

const tempDir = () => mkdtemp(join(tmpdir(), 'frontline-atomic-'));

describe('writeFileAtomic', () => {
  it('creates missing directories and writes the content', async () => {
    const dir = await tempDir();
    const file = join(dir, 'a', 'b', 'record.json');
    await writeFileAtomic(file, '{"ok":true}\n');
    expect(await readFile(file, 'utf8')).toBe('{"ok":true}\n');
  });

  it('replaces an existing file whole and leaves no temp file behind', async () => {
    const dir = await tempDir();
    const file = join(dir, 'record.json');
    await writeFile(file, 'old content that is longer than the new one');
    await writeFileAtomic(file, 'new');
    expect(await readFile(file, 'utf8')).toBe('new');
    expect(await readdir(dir)).toEqual(['record.json']);
  });

  it('creates a private file with the mode asked for', async () => {
    const dir = await tempDir();
    const file = join(dir, 'key.pem');
    await writeFileAtomic(file, 'secret', { mode: 0o600 });
    expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  it('fails cleanly when the rename cannot happen, leaving no temp file', async () => {
    const dir = await tempDir();
    const target = join(dir, 'occupied');
    await mkdir(join(target, 'child'), { recursive: true });
    await expect(writeFileAtomic(target, 'x')).rejects.toThrow();
    expect((await readdir(dir)).sort()).toEqual(['occupied']);
    expect(await readdir(target)).toEqual(['child']);
  });
});
