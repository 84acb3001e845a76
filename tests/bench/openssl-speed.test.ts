import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs bench helper without types
import { parseOpensslSpeed } from '../../bench/openssl-speed.mjs';

// `openssl speed -seconds 2 ed25519` on the 2-CPU VM of 2026-12-05 (OpenSSL
// 3.0.19), stdout and stderr as the terminal showed them, under load: 2398
// verifies took 0.20 s of CPU in the 2 s of wall time.
const OPENSSL_3_0 = `Doing 253 bits sign Ed25519's for 2s: 5814 253 bits Ed25519 signs in 0.17s 
Doing 253 bits verify Ed25519's for 2s: 2398 253 bits Ed25519 verify in 0.20s
version: 3.0.19
built on: Fri Apr  3 12:29:32 2026 UTC
options: bn(64,64)
compiler: gcc -fPIC -pthread -m64 -Wa,--noexecstack -Wall -fzero-call-used-regs=used-gpr -DOPENSSL_TLS_SECURITY_LEVEL=2 -Wa,--noexecstack -g -O2 -ffile-prefix-map=/build/reproducible-path/openssl-3.0.19=. -fstack-protector-strong -Wformat -Werror=format-security -DOPENSSL_USE_NODELETE -DL_ENDIAN -DOPENSSL_PIC -DOPENSSL_BUILDING_OPENSSL -DNDEBUG -Wdate-time -D_FORTIFY_SOURCE=2
CPUINFO: OPENSSL_ia32cap=0xfed83203178bffff:0x18005f42f1bb03a9
                              sign    verify    sign/s verify/s
 253 bits EdDSA (Ed25519)   0.0000s   0.0001s  34200.0  11990.0
`;

describe('parseOpensslSpeed', () => {
  it('reads sign/s and verify/s from the Ed25519 row', () => {
    expect(parseOpensslSpeed(OPENSSL_3_0)).toEqual({ signPerSecond: 34200, verifyPerSecond: 11990 });
  });

  it.each([
    ['no Ed25519 row (an algorithm it does not know)', 'speed: Unknown algorithm ed25519\n'],
    ['the progress lines alone (killed before the summary)', OPENSSL_3_0.split('version:')[0]!],
    ['an empty output', ''],
  ])('gives nothing for %s', (_label, text) => {
    expect(parseOpensslSpeed(text)).toBeUndefined();
  });
});
