/**
 * A seam for the marks file's concurrency test: the real appendMark, as fast
 * as it goes. Run bundled: node appender.mjs <dataDir> <marker> <count>.
 */
import { appendMark } from '../../../src/store/marks.js';

const [dataDir, marker, countText] = process.argv.slice(2) as [string, string, string];
for (let n = 0; n < Number(countText); n += 1) {
  await appendMark(dataDir, { attempt: `att-${n}`, item: 'w1', levels: { ack: n % 3 }, marker, at: new Date().toISOString(), role: 'first' });
}
process.stdout.write('done\n');
