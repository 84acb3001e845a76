/**
 * A non-pty driver seam for the take crash test: the real journal and take
 * driver, answering as fast as a candidate never could until killed. Prints
 * `shown <itemId> <choice>` for each answer once the driver applies it (the
 * moment a screen would show it). Run bundled: node writer.mjs <dataDir> <seed>.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createTakeDriver } from '../../../src/app/take/take-driver.js';
import { replay, type JournalHeader } from '../../../src/core/attempt/journal-entry.js';
import { deadlineFor, startSession } from '../../../src/core/attempt/session.js';
import { Journal, readJournal } from '../../../src/store/journal.js';
import { makeBank } from '../../fixtures/bank-builder.js';

const [dataDir, seedText] = process.argv.slice(2) as [string, string];
const bank = makeBank({ policy: { timeLimitMinutes: 600 } });
const form = bank.items.map((i) => ({ itemId: i.id }));
let seed = Number(seedText) || 1;
const random = () => ((seed = (seed * 48271) % 2147483647) / 2147483647);

const dir = join(dataDir, 'journals');
const existing = (() => {
  try {
    return readdirSync(dir).filter((n) => n.endsWith('.jsonl'));
  } catch {
    return [];
  }
})();

let journal: Journal;
let state;
if (existing[0]) {
  const path = join(dir, existing[0]);
  const read = await readJournal(path);
  if (!read.ok) throw new Error(read.message);
  journal = await Journal.reopen(path);
  state = replay(bank, read.header, read.events);
} else {
  const startedAt = Date.now();
  const header: JournalHeader = {
    kind: 'header',
    format: 'frontline.journal/1',
    attemptId: 'crash',
    candidate: { name: 'Sam', employeeId: 'E-1' },
    bank: { id: bank.id, version: bank.version, title: bank.title, hash: 'sha256:test' },
    seed: 's',
    extraTime: 1,
    form,
    startedAt,
    deadline: deadlineFor(bank, startedAt),
  };
  journal = await Journal.create(dataDir, header);
  state = startSession({ bank, form, startedAt });
}
const driver = createTakeDriver(state, journal, {
  onError: (error) => {
    process.stderr.write(`journal: ${error.message}\n`);
    process.exit(4);
  },
});
driver.resume();
let shown = driver.view().answers.map((a) => JSON.stringify(a.response));
driver.subscribe(() => {
  const now = driver.view().answers;
  now.forEach((a, i) => {
    const text = JSON.stringify(a.response);
    if (text !== shown[i] && a.response?.type === 'single') process.stdout.write(`shown ${a.itemId} ${a.response.choice}\n`);
  });
  shown = now.map((a) => JSON.stringify(a.response));
});
process.stdout.write('ready\n');
for (;;) {
  const item = form[Math.floor(random() * form.length)]!.itemId;
  const choice = ['a', 'b', 'c', 'd'][Math.floor(random() * 4)]!;
  driver.answer(item, () => ({ type: 'single', choice }));
  driver.tick();
  await driver.settled();
}
