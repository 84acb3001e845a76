import { useCallback, useEffect, useLayoutEffect, useReducer, useRef, useState, useSyncExternalStore, type RefObject } from 'react';
import { useApp } from 'ink';
import type { Bank, Item } from '../../core/bank/types.js';
import { countStatuses } from '../../core/attempt/answer-completeness.js';
import { sanitizeText } from '../../core/text/sanitize.js';
import { plural } from '../widgets/plural.js';
import { resolvePolicy } from '../../core/bank/defaults.js';
import type { AttemptRecord, Result } from '../../core/attempt/types.js';
import { ItemScreen } from '../item/item-screen.js';
import { ResultsScreen } from '../results/results-screen.js';
import { ReviewScreen } from '../review/review-screen.js';
import { StartScreen } from '../start/start-screen.js';
import { KeysRouter } from '../hooks/keys-router.js';
import { Lines, line } from '../layout/line.js';
import { TranscriptRoot } from '../layout/transcript.js';
import { formatClock } from '../widgets/countdown.js';
import { ConfirmScreen } from './confirm-screen.js';
import { HelpScreen } from './help-screen.js';
import { SizeGuard } from './size-guard.js';
import type { AttemptDriver } from '../../core/attempt/driver.js';
import type { ExternalEditOutcome } from '../../core/text/draft-buffer.js';
import { takeScreenReducer, type TakeScreen } from './take-screen-state.js';

export interface FinishedAttempt {
  record: AttemptRecord;
  /** Absent for a sealed attempt: scored only when issued. */
  result?: Result;
  /** Where the record was written. */
  savedTo: string;
  /** What happened after saving (a certificate issued, statements queued), in words. */
  notes: string[];
}

/** How the take app ended, for the command to turn into an exit code. */
export type TakeOutcome =
  | { kind: 'finished'; finished: FinishedAttempt }
  | { kind: 'quit'; started: boolean }
  | { kind: 'failed'; error: Error };

export interface ResumeOffer {
  attemptId: string;
  /** Whose attempt it is, as they gave it when they started. */
  candidate: { name: string; employeeId: string };
  /** When it started, as "2026-12-05 19:00 UTC". */
  startedAt: string;
  answered: number;
  total: number;
  /** Time left on the test now; 0 or less when its deadline has passed. */
  remainingMs: number;
  /** The most attempts the bank allows, when it caps them: a set-aside attempt still counts. */
  maxAttempts?: number | undefined;
}

export interface Candidate {
  name: string;
  employeeId: string;
}

export type BeginResult =
  | { ok: true; driver: AttemptDriver }
  | { ok: false; message: string; offer?: undefined }
  | { ok: false; offer: ResumeOffer; message?: undefined };

export interface TakeAppProps {
  bank: Bank;
  itemCount: number;
  extraTime: number;
  defaults: { name: string; employeeId: string };
  /** The defaults are who takes the test (the exam host knows from the SSH key): shown, not typed. */
  fixedCandidate?: boolean;
  /** Delivered from a sealed copy: the start screen says the result comes with the certificate. */
  sealed?: boolean;
  /** An attempt already running (resumed): the start screen is skipped. */
  driver?: AttemptDriver | undefined;
  /**
   * Starts the clock for a new attempt, or says why it may not start, or
   * offers this employee id's own unfinished attempt (unless `setAside`: the
   * candidate declined it and wants a new one).
   */
  begin: (candidate: Candidate, options?: { setAside?: boolean }) => Promise<BeginResult>;
  /** Resumes an attempt that `begin` offered. */
  resume: (attemptId: string) => Promise<AttemptDriver>;
  /** Scores and saves the ended attempt. */
  finish: (driver: AttemptDriver) => Promise<FinishedAttempt>;
  /** The command that resumes this attempt, as the candidate should type it (it names their employee id). */
  resumeCommand?: () => string;
  onExit: (outcome: TakeOutcome) => void;
  /** Ctrl-O in a written reply: see ItemScreenProps.editExternally. Absent, it is not offered. */
  editExternally?: ((text: string) => ExternalEditOutcome) | undefined;
  /** Clock tick interval. @default 250 */
  tickMs?: number;
}

function describeResumeOffer(offer: ResumeOffer): string[] {
  const whose = `${sanitizeText(offer.candidate.name) || 'No name given'} (employee id ${sanitizeText(offer.candidate.employeeId)}) started it`;
  const progress = `${whose} ${offer.startedAt}; ${offer.answered} of ${plural(offer.total, 'question')} answered`;
  const setAside =
    offer.maxAttempts === undefined
      ? 'No starts a new attempt instead (the unfinished one is set aside).'
      : `No starts a new attempt instead; the unfinished one is set aside but still counts toward the ${offer.maxAttempts} allowed.`;
  if (offer.remainingMs <= 0) {
    return [`${progress}; its time is up.`, 'Resume it? It is submitted at once with the answers it has.', setAside];
  }
  return [
    `${progress}, ${formatClock(offer.remainingMs)} left.`,
    'Resume it? Its answers are kept and its deadline is the original one: the clock kept running.',
    setAside,
  ];
}

/** What the submit prompt says is left: every count in words, in the singular where it is one. */
export function submitPromptLines(total: number, unanswered: number, incomplete: number): string[] {
  const state =
    unanswered + incomplete === 0
      ? total === 1
        ? 'The question is answered.'
        : `All ${total} questions are answered.`
      : unanswered === 0
        ? `${total - incomplete} of ${plural(total, 'question')} answered in full.`
        : unanswered === 1
          ? `1 of ${plural(total, 'question')} is unanswered; it will score nothing.`
          : `${unanswered} of ${total} questions are unanswered; they will score nothing.`;
  const unrated =
    incomplete === 0
      ? []
      : [
          incomplete === 1
            ? '1 question has responses you have not rated; each scores nothing.'
            : `${incomplete} questions have responses you have not rated; each scores nothing.`,
        ];
  return [state, ...unrated, 'After submitting you cannot change any answer.'];
}

const initialScreen = (props: TakeAppProps): TakeScreen => (props.driver ? { name: 'main' } : { name: 'start' });

export function TakeApp(props: TakeAppProps) {
  // How to leave from wherever the attempt is, set by the screens, for the guard drawn over them.
  const quitRef = useRef<() => void>(() => {});
  // A key is done with once its event is written (and only then shown), and once what it
  // started (the attempt beginning, the record saving) has drawn its screen: only then the next.
  const driverRef = useRef<AttemptDriver | undefined>(undefined);
  const busyRef = useRef<Promise<unknown>>(Promise.resolve());
  const settle = useCallback(async () => {
    for (;;) {
      const busy = busyRef.current;
      await Promise.all([busy, driverRef.current?.settled()]);
      // A turn for React to render what that changed (and start what its effects start).
      await new Promise((resolve) => setImmediate(resolve));
      if (busyRef.current === busy) return;
    }
  }, []);
  return (
    <TranscriptRoot>
      <KeysRouter settle={settle} holdPaste>
        <SizeGuard onQuit={() => quitRef.current()}>
          <TakeScreens {...props} quitRef={quitRef} driverRef={driverRef} busyRef={busyRef} />
        </SizeGuard>
      </KeysRouter>
    </TranscriptRoot>
  );
}

interface KeySettling {
  driverRef: RefObject<AttemptDriver | undefined>;
  /** What a key started and the screen waits for; set before the key's handler returns. */
  busyRef: RefObject<Promise<unknown>>;
}

function TakeScreens({ quitRef, driverRef, busyRef, ...props }: TakeAppProps & KeySettling & { quitRef: RefObject<() => void> }) {
  const [driver, setDriver] = useState<AttemptDriver | undefined>(props.driver);
  const [screen, go] = useReducer(takeScreenReducer, props, initialScreen);
  const [finished, setFinished] = useState<FinishedAttempt | undefined>();
  const [startProblem, setStartProblem] = useState<string | undefined>();
  const [starting, setStarting] = useState(false);
  // Who is starting, and their own unfinished attempt when one was found.
  const [offer, setOffer] = useState<{ candidate: Candidate; offer: ResumeOffer } | undefined>();
  const { exit } = useApp();

  // Leaving clears the screen first: the command prints its summary below, and a
  // last frame left above it ("Enter or q: close") would read as still waiting.
  const [leaving, setLeaving] = useState<TakeOutcome | undefined>();
  const exitWith = (outcome: TakeOutcome) => setLeaving((already) => already ?? outcome);
  useEffect(() => {
    if (!leaving) return;
    props.onExit(leaving);
    exit();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [leaving]);
  // After every render, so the guard's Ctrl-C always leaves from where the attempt is now.
  useLayoutEffect(() => {
    quitRef.current = () => exitWith(finished ? { kind: 'finished', finished } : { kind: 'quit', started: driver !== undefined });
    driverRef.current = driver;
  });

  const start = (candidate: Candidate, setAside: boolean) => {
    if (starting) return;
    setStarting(true);
    busyRef.current = props.begin(candidate, { setAside }).then(
      (begun) => {
        setStarting(false);
        if (begun.ok) {
          setDriver(begun.driver);
          go({ type: 'started' });
        } else if (begun.offer) {
          setOffer({ candidate, offer: begun.offer });
          go({ type: 'offer-resume' });
        } else {
          setStartProblem(begun.message);
          go({ type: 'back-to-start' });
        }
      },
      (error: unknown) => exitWith({ kind: 'failed', error: error instanceof Error ? error : new Error(String(error)) }),
    );
  };

  if (leaving) return null;
  if (!driver) {
    switch (screen.name) {
      case 'resume-offer':
        if (!offer) return null;
        return (
          <ConfirmScreen
            title="Your unfinished attempt is waiting"
            body={describeResumeOffer(offer.offer)}
            yes="resume it"
            no="start a new attempt"
            onYes={() => {
              if (starting) return;
              setStarting(true);
              busyRef.current = props.resume(offer.offer.attemptId).then(
                (d) => {
                  setDriver(d);
                  go({ type: 'started' });
                },
                (error: unknown) => exitWith({ kind: 'failed', error: error instanceof Error ? error : new Error(String(error)) }),
              );
            }}
            onNo={() => start(offer.candidate, true)}
            onCtrlC={() => go({ type: 'ask-quit' })}
          />
        );
      case 'confirm-quit':
        return (
          <ConfirmScreen
            title="Quit?"
            body={['The test has not started; nothing is recorded.']}
            yes="quit"
            no="back"
            onYes={() => exitWith({ kind: 'quit', started: false })}
            onCtrlC={() => exitWith({ kind: 'quit', started: false })}
            onNo={() => go({ type: 'back' })}
          />
        );
      default:
        return (
          <StartScreen
            bank={props.bank}
            itemCount={props.itemCount}
            extraTime={props.extraTime}
            defaults={props.defaults}
            fixedCandidate={props.fixedCandidate}
            sealed={props.sealed}
            problem={startProblem}
            onStart={(candidate) => start(candidate, false)}
            onQuit={() => go({ type: 'ask-quit' })}
          />
        );
    }
  }
  return <RunningAttempt {...props} busyRef={busyRef} driver={driver} screen={screen} go={go} finished={finished} setFinished={setFinished} exitWith={exitWith} />;
}

interface RunningProps extends TakeAppProps, Pick<KeySettling, 'busyRef'> {
  driver: AttemptDriver;
  screen: TakeScreen;
  go: (action: Parameters<typeof takeScreenReducer>[1]) => void;
  finished: FinishedAttempt | undefined;
  setFinished: (f: FinishedAttempt) => void;
  exitWith: (outcome: TakeOutcome) => void;
}

function RunningAttempt({ busyRef, driver, screen, go, finished, setFinished, exitWith, bank, finish, editExternally, resumeCommand = () => 'frontline take --resume', tickMs = 250 }: RunningProps) {
  const view = useSyncExternalStore(driver.subscribe, driver.view);
  const policy = resolvePolicy(bank.policy);

  useEffect(() => {
    const timer = setInterval(() => driver.tick(), tickMs);
    return () => clearInterval(timer);
  }, [driver, tickMs]);

  // However the attempt ended (submitted, or the clock), score and save it once.
  const ended = view.ended;
  useEffect(() => {
    if (!ended) return;
    go({ type: 'ended' });
    let live = true;
    busyRef.current = finish(driver).then(
      (done) => {
        if (!live) return;
        setFinished(done);
        go({ type: 'saved' });
      },
      (error: unknown) => exitWith({ kind: 'failed', error: error instanceof Error ? error : new Error(String(error)) }),
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [ended, driver]);

  const { unanswered, incomplete } = countStatuses(view.status);
  const itemOf = (itemId: string): Item | undefined => bank.items.find((it) => it.id === itemId);
  const askSubmit = () => go({ type: 'ask-submit' });
  const next = () => {
    if (view.index + 1 < view.total) driver.goTo(view.index + 1);
    else if (policy.showReview) driver.openReview();
    else askSubmit();
  };

  switch (screen.name) {
    case 'saving':
      return <Lines lines={[line(view.ended === 'time-expired' ? 'Time is up: saving your answers...' : 'Saving your answers...', { bold: true })]} />;
    case 'results':
      if (!finished) return null;
      return (
        <ResultsScreen
          bank={bank}
          {...(finished.result ? { result: finished.result } : {})}
          feedback={policy.feedback}
          form={finished.record.form}
          answers={finished.record.answers}
          endedBy={finished.record.ended}
          savedTo={finished.savedTo}
          notes={finished.notes}
          onClose={() => exitWith({ kind: 'finished', finished })}
        />
      );
    case 'help':
      return <HelpScreen onClose={() => go({ type: 'back' })} />;
    case 'confirm-submit':
      return (
        <ConfirmScreen
          title="Submit your answers?"
          body={submitPromptLines(view.total, unanswered, incomplete)}
          yes="submit now"
          no="keep working"
          onYes={() => driver.submit()}
          onNo={() => go({ type: 'back' })}
        />
      );
    case 'confirm-quit':
      return (
        <ConfirmScreen
          title="Quit for now?"
          body={[
            'Your answers so far are saved.',
            `Run \`${resumeCommand()}\` to continue. The clock keeps running while you are away: the deadline stays the original one.`,
          ]}
          yes="quit"
          no="keep working"
          onYes={() => exitWith({ kind: 'quit', started: true })}
          onCtrlC={() => exitWith({ kind: 'quit', started: true })}
          onNo={() => go({ type: 'back' })}
        />
      );
    case 'main':
    case 'start':
    case 'resume-offer':
      break;
  }

  if (view.phase === 'review') {
    return (
      <ReviewScreen
        entries={view.answers.map((a, i) => ({
          stem: itemOf(a.itemId)?.stem ?? a.itemId,
          answered: (view.status[i] ?? 'unanswered') !== 'unanswered',
          incomplete: view.status[i] === 'incomplete',
          flagged: a.flagged,
          timedOut: view.timedOut[i] ?? false,
          reachable: view.reachable[i] ?? false,
        }))}
        current={view.index}
        testRemainingMs={view.testRemainingMs}
        onJump={(index) => driver.goTo(index)}
        onBack={() => driver.goTo(view.index)}
        onSubmit={askSubmit}
        onHelp={() => go({ type: 'help' })}
        onQuit={() => go({ type: 'ask-quit' })}
      />
    );
  }
  const answer = view.answers[view.index];
  return (
    <ItemScreen
      key={view.entry.itemId}
      item={view.item}
      entry={view.entry}
      caseStudy={view.caseStudy}
      index={view.index}
      total={view.total}
      answeredCount={view.answeredCount}
      response={answer?.response ?? null}
      answered={(view.status[view.index] ?? 'unanswered') !== 'unanswered'}
      flagged={answer?.flagged ?? false}
      locked={view.locked[view.index] ?? false}
      timedOut={view.timedOut[view.index] ?? false}
      warning={view.warning}
      late={view.late}
      testRemainingMs={view.testRemainingMs}
      itemRemainingMs={view.itemRemainingMs}
      canGoBack={view.canGoBack && view.index > 0}
      canFlag={view.canFlag}
      isLast={view.index + 1 === view.total}
      now={driver.now}
      onAnswer={(update) => driver.answer(view.entry.itemId, update)}
      onWrite={(text) => driver.write(view.entry.itemId, text)}
      onFlush={() => driver.flush()}
      editExternally={editExternally}
      onNext={next}
      onPrevious={() => driver.goTo(view.index - 1)}
      onFlag={() => driver.toggleFlag(view.entry.itemId)}
      onReview={() => (policy.showReview ? driver.openReview() : askSubmit())}
      onSubmit={askSubmit}
      onHelp={() => go({ type: 'help' })}
      onQuit={() => go({ type: 'ask-quit' })}
    />
  );
}
