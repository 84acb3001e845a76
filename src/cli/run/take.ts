import { assemble } from '../../core/attempt/assemble.js';
import type { ConfigStore } from '../../store/config.js';
import { readConfigFile } from '../../store/config-file.js';
import { resolveDataDir } from '../../store/data-dir.js';
import type { TakeOutcome } from '../../ui/take/take-app.js';
import { UserError } from '../../errors/user-error.js';
import { ExitCode, type ExitCodeValue } from '../../errors/exit-codes.js';
import type { Run } from '../lazy-action.js';
import { loadBankForDelivery, type LoadedBank } from '../../app/load-bank.js';
import { writeErr, writeOut, writeThroughStreams } from '../output.js';
import { editInExternalEditor } from '../../store/external-editor.js';
import { attemptVerdict } from './attempt-verdict.js';
import { openTakeSession, type TakeSession } from '../../app/take/take-session.js';
import { assertFormInBank, assertSameBank, readUnfinished, shellWord, unfinishedToResume, type Unfinished } from '../../app/take/unfinished.js';
import { newSeed, parseExtraTime, parseTags, type TakeOptions } from './take-options.js';
import { assertInteractiveTerminal } from './take-terminal.js';

export const run: Run<[string | undefined], TakeOptions> = async ([file], options, globals) => {
  // A bad option is a usage error wherever it is run; then, before anything else
  // loads, the terminal check, so a script learns at once that it cannot take a test.
  if (options.assignment !== undefined) {
    const over = (['seed', 'extraTime', 'name', 'employeeId'] as const).find((o) => options[o] !== undefined);
    if (over) {
      throw new UserError(`take: --${over.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)} cannot be given with --assignment: the assignment sets it`, { exitCode: ExitCode.usage });
    }
    if (options.resume) throw new UserError('take: --resume continues an attempt as it started; give it without --assignment', { exitCode: ExitCode.usage });
  }
  let extraTime = parseExtraTime(options.extraTime);
  const cliTags = parseTags(options.tag);
  assertInteractiveTerminal();
  writeThroughStreams();
  const dataDir = resolveDataDir(globals);
  // Read without conf for the first frame; conf (and the ajv it loads) only once the test starts.
  const settings = readConfigFile(globals);
  let config: ConfigStore | undefined;
  const openConfig = async () => (config ??= (await import('../../store/config.js')).openConfig(globals));

  // Ink draws nothing live when CI is set; here a person is at a terminal (checked above).
  delete process.env['CI'];
  delete process.env['CONTINUOUS_INTEGRATION'];
  // The screens load while the bank is read and checked.
  const screens = importScreens();
  // Awaited below; until then a failure here must not count as unhandled.
  screens.catch(() => undefined);

  let loaded: LoadedBank;
  let resumeNow: Unfinished | undefined;
  if (options.resume) {
    resumeNow = await unfinishedToResume(dataDir, options.employeeId);
    const bankFile = file ?? resumeNow.header.bankFile;
    if (!bankFile) throw new UserError('the unfinished attempt does not name its bank file; give it: `frontline take <bank> --resume`', { exitCode: ExitCode.usage });
    loaded = await loadBankForDelivery(bankFile);
    assertSameBank(loaded, resumeNow.header);
    assertFormInBank(loaded.bank, resumeNow);
    for (const note of resumeNow.skipped) writeErr(`frontline: note: ${note}; the answers on every other line are kept\n`);
  } else {
    if (!file) {
      throw new UserError('take: which bank? give the question bank file', {
        exitCode: ExitCode.usage,
        hint: 'e.g. `frontline take question-banks/starter.yaml`, or `frontline take --resume` to continue an unfinished attempt',
      });
    }
    loaded = await loadBankForDelivery(file);
    // A new attempt beside one that cannot be read would quietly sidestep attempts.max.
    const { damaged } = await readUnfinished(dataDir);
    if (damaged[0]) {
      throw new UserError(`${damaged[0]}; no new attempt starts beside an unfinished one that cannot be read`, {
        exitCode: ExitCode.damaged,
        hint: 'the file is kept as it is: show it to your trainer',
      });
    }
  }
  const { bank } = loaded;
  const { readAssignmentForTake } = await import('../../app/take/take-assignment.js');
  const assignment = options.assignment === undefined ? undefined : await readAssignmentForTake(options.assignment, loaded.hash, dataDir, new Date());
  if (assignment) extraTime = assignment.accommodations.extraTime;
  if (assignment && loaded.sealed && assignment.issuer !== loaded.sealed.issuer) {
    throw new UserError(`${loaded.file}: sealed by ${loaded.sealed.issuer}, but the assignment is from ${assignment.issuer}: one issuer seals and assigns`, {
      exitCode: ExitCode.badSealedBank,
      hint: 'take the sealed bank that came with your assignment',
    });
  }
  const seed = assignment?.seed ?? options.seed ?? newSeed();
  const form = assemble(bank, seed);
  // On a shared machine the last person's name and id must not be one Enter away (docs/taking.md, "Config").
  const remembered = settings.candidate?.remember === true ? settings.candidate : undefined;
  const defaults = assignment
    ? { name: assignment.candidate.name ?? '', employeeId: assignment.candidate.employeeId }
    : { name: options.name ?? remembered?.name ?? '', employeeId: options.employeeId ?? remembered?.employeeId ?? '' };

  const session = openTakeSession({
    dataDir,
    loaded,
    seed,
    form,
    extraTime,
    tags: cliTags,
    ...(assignment ? { assignment } : {}),
    employeeId: resumeNow?.header.candidate.employeeId ?? defaults.employeeId,
    openConfig,
    resumeCommandFor: (employeeId) => `frontline take --resume --employee-id ${shellWord(employeeId)}${globals.dataDir ? ` --data-dir ${shellWord(dataDir)}` : ''}`,
    note: (line) => writeErr(`frontline: ${line}\n`),
  });

  const { renderTake } = await screens;
  const outcome: TakeOutcome = await renderTake(
    {
      bank,
      itemCount: form.length,
      extraTime,
      defaults,
      sealed: loaded.sealed !== undefined,
      driver: resumeNow ? await session.resume(resumeNow) : undefined,
      begin: session.begin,
      resume: session.resumeOffered,
      finish: session.finish,
      resumeCommand: session.resumeCommand,
      // The candidate's own machine: Ctrl-O in a written reply opens their $VISUAL or $EDITOR.
      editExternally: (text) => editInExternalEditor(text),
    },
    { ...(options.screenReader ? { screenReader: true } : {}), signal: session.signal },
  );
  return report(outcome, session);
};

/**
 * Imports the screens (Ink, React, yoga). yoga-layout fetches its WebAssembly,
 * a data: URL it can decode itself, whenever `fetch` exists, and the first
 * touch of `fetch` loads Node's HTTP client (a tenth of the time to the first
 * frame); `take` uses no fetch, so it is hidden while the screens load.
 */
async function importScreens(): Promise<typeof import('../../ui/render-take.js')> {
  const fetchProperty = Object.getOwnPropertyDescriptor(globalThis, 'fetch');
  if (fetchProperty) Object.defineProperty(globalThis, 'fetch', { value: undefined, configurable: true, writable: true });
  try {
    return await import('../../ui/render-take.js');
  } finally {
    if (fetchProperty) Object.defineProperty(globalThis, 'fetch', fetchProperty);
  }
}

async function report(outcome: TakeOutcome, session: TakeSession): Promise<ExitCodeValue> {
  switch (outcome.kind) {
    case 'finished': {
      const { result, record } = outcome.finished;
      if (result === undefined) {
        const lines = [
          `Answers submitted${record.ended === 'time-expired' ? ' when time ran out' : ''}: the bank is sealed, so the result comes with the certificate`,
          `Attempt saved: ${outcome.finished.savedTo} (send it to your trainer)`,
          ...outcome.finished.notes,
        ];
        writeOut(`${lines.join('\n')}\n`);
        return ExitCode.ok;
      }
      const verdict = attemptVerdict(result, record);
      writeOut(`${[...verdict.lines, `Attempt saved: ${outcome.finished.savedTo}`, ...outcome.finished.notes].join('\n')}\n`);
      return verdict.exitCode;
    }
    case 'quit':
      if (await session.close()) {
        writeOut(`Your answers are saved. Continue with: ${session.resumeCommand()} (the deadline stays the original one)\n`);
      }
      return ExitCode.interrupted;
    case 'failed':
      throw outcome.error;
  }
}

