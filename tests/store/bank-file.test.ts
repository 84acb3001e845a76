import { chmod, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_BANK_BYTES, readBankFile } from '../../src/store/bank-file.js';

const tempDir = () => mkdtemp(join(tmpdir(), 'frontline-bank-file-'));

describe('readBankFile', () => {
  it('reads UTF-8 text and drops a byte-order mark', async () => {
    const file = join(await tempDir(), 'b.yaml');
    await writeFile(file, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('id: café\n')]));
    expect(await readBankFile(file)).toEqual({ ok: true, text: 'id: café\n' });
  });

  it('refuses a file over the size limit without reading it into YAML', async () => {
    const file = join(await tempDir(), 'huge.yaml');
    await writeFile(file, Buffer.alloc(MAX_BANK_BYTES + 1, 0x61));
    const result = await readBankFile(file);
    expect(result).toMatchObject({ ok: false, kind: 'invalid', error: { file, line: 0, code: 'too-large' } });
  });

  it('reads a file exactly at the limit', async () => {
    const file = join(await tempDir(), 'big.yaml');
    await writeFile(file, Buffer.alloc(MAX_BANK_BYTES, 0x61));
    const result = await readBankFile(file);
    expect(result.ok && result.text.length).toBe(MAX_BANK_BYTES);
  });

  it.each([
    ['a missing file', async (dir: string) => join(dir, 'nope.yaml'), 'no such file or directory'],
    ['a directory', async (dir: string) => dir, 'is a directory'],
  ])('reports %s as an I/O failure', async (_name, make, why) => {
    const path = await make(await tempDir());
    const result = await readBankFile(path);
    expect(result).toMatchObject({ ok: false, kind: 'io', error: { file: path, code: 'io', message: `cannot read: ${why}` } });
  });

  it.skipIf(process.getuid?.() === 0)('reports a file it may not read as an I/O failure', async () => {
    const file = join(await tempDir(), 'secret.yaml');
    await writeFile(file, 'id: x\n');
    await chmod(file, 0o000);
    expect(await readBankFile(file)).toMatchObject({ ok: false, kind: 'io', error: { message: 'cannot read: permission denied' } });
  });

  it('passes on a wrong encoding as an invalid file with its place', async () => {
    const file = join(await tempDir(), 'latin1.yaml');
    await writeFile(file, Buffer.from('id: x\ntitle: caf\xe9\n', 'latin1'));
    expect(await readBankFile(file)).toMatchObject({ ok: false, kind: 'invalid', error: { line: 2, col: 11, code: 'wrong-encoding' } });
  });
});
