// `frontline --version` and `--help` must start within 2x of `node -e 0`.
import { bin, compareStartup, recordFigure } from './lib.mjs';

const results = [
  compareStartup('frontline --version', [bin, '--version']),
  compareStartup('frontline --help', [bin, '--help']),
];
const worst = Math.max(...results.map((r) => r.ratio));
console.log(`target: within 2x of node -e 0 -> ${worst <= 2 ? 'met' : 'NOT met'} (worst ${worst.toFixed(2)}x)`);
recordFigure({
  name: 'frontline --version and --help, against node -e 0 in the same run',
  now: results.map((r) => `${r.label.replace('frontline ', '')} ${r.ratio.toFixed(2)}x (${r.subjectMs.toFixed(0)} ms)`).join(', '),
  goal: 'within 2x of node -e 0',
  met: worst <= 2,
  limit: `node -e 0 itself: 1x (${results[0].baselineMs.toFixed(0)} ms here)`,
});
