// The stages of parseBank, for bench/validate-stages.mjs.
export { decodeBankBytes } from '../src/core/bank/decode-text.js';
export { parseYaml } from '../src/core/bank/parse-yaml.js';
export { checkSchema } from '../src/core/bank/schema-check.js';
export { checkSemantics } from '../src/core/bank/semantic-check.js';
export { lintBank } from '../src/core/bank/lint.js';
export { bankHash } from '../src/core/bank/hash.js';
export { parseBank } from '../src/core/bank/parse-bank.js';
