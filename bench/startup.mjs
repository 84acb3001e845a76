// `frontline --version` and `--help` must start within 2x of `node -e 0`.
import { bin, compareStartup } from './lib.mjs';

const results = [
  compareStartup('frontline --version', [bin, '--version']),
  compareStartup('frontline --help', [bin, '--help']),
];
const worst = Math.max(...results.map((r) => r.ratio));
console.log(`target: within 2x of node -e 0 -> ${worst <= 2 ? 'met' : 'NOT met'} (worst ${worst.toFixed(2)}x)`);
