// The phases of verifying one certificate file, for bench/verify-phases.mjs.
export { readRegularFile } from '../src/store/regular-file.js';
export { MAX_CERTIFICATE_BYTES } from '../src/store/certificate-files.js';
export { parseStrictJson } from '../src/core/credential/strict-json.js';
export { readProof, hashData } from '../src/core/credential/eddsa-jcs-2022.js';
export { canonicalize } from '../src/core/credential/jcs.js';
export { decodeBase58btc } from '../src/core/credential/base58btc.js';
export { parseDidKeyMethod, publicKeyFromRaw } from '../src/core/credential/ed25519.js';
export { createVerifier, readStatusListCredential } from '../src/core/credential/verify-certificate.js';
export { renderVerdict } from '../src/core/credential/verify-report.js';
export { collectJsonFiles } from '../src/store/certificate-files.js';
