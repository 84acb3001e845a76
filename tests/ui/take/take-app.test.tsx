import { afterEach, describe, expect, it } from 'vitest';
import { TakeApp, type ResumeOffer, type TakeAppProps } from '../../../src/ui/take/take-app.js';
import { loadUiTour } from '../helpers/fixture-bank.js';
import { renderScreen, type Screen } from '../helpers/ink-screen.js';

const { bank } = loadUiTour();
let screen: Screen | undefined;
afterEach(() => screen?.unmount());

const notHere = async (): Promise<never> => {
  throw new Error('not in this test');
};

/** The take app before any attempt starts; `props` replace the defaults. */
function mountApp(props: Partial<TakeAppProps>, size?: { columns: number; rows: number }) {
  screen = renderScreen(
    <TakeApp
      bank={bank}
      itemCount={6}
      extraTime={1}
      defaults={{ name: 'Ada', employeeId: 'E-1' }}
      begin={async () => ({ ok: false, message: 'not in this test' })}
      resume={notHere}
      finish={notHere}
      onExit={() => {}}
      {...props}
    />,
    size,
  );
  return screen;
}

const RITA = { name: 'Rita Review', employeeId: 'E9009' };

/** Mounts the app whose begin offers `offer` (the unfinished attempt of whoever starts), then starts as Ada (E-1). */
async function mountOffer(offer: Partial<ResumeOffer>, calls: { begin: unknown[]; resume: string[] } = { begin: [], resume: [] }) {
  const s = mountApp({
    begin: async (candidate, options) => {
      calls.begin.push({ candidate, options });
      if (options?.setAside) return { ok: false, message: 'set aside' };
      return { ok: false, offer: { attemptId: 'a-1', candidate: RITA, startedAt: '2026-12-05 19:00 UTC', answered: 2, total: 6, remainingMs: 60_000, ...offer } };
    },
    resume: async (attemptId) => {
      calls.resume.push(attemptId);
      throw new Error('not in this test');
    },
  });
  await s.waitFor('Employee id:');
  s.press('enter');
  await s.waitFor('unfinished attempt is waiting');
  return s;
}

describe('the offer to resume an unfinished attempt', () => {
  it('comes only after the candidate says who they are, and says whose it is, when it started (UTC), how far it got and the time left', async () => {
    const s = mountApp({ begin: async () => ({ ok: false, offer: { attemptId: 'a-1', candidate: RITA, startedAt: 'x', answered: 0, total: 1, remainingMs: 1 } }) });
    expect(await s.waitFor('Employee id:')).not.toContain('unfinished');
    s.unmount();
    const frame = (await mountOffer({ remainingMs: 8 * 60_000 + 12_000 })).frame().replace(/\s+/g, ' ');
    expect(frame).toContain('Rita Review (employee id E9009) started it 2026-12-05 19:00 UTC; 2 of 6 questions answered, 08:12 left.');
    expect(frame).toContain('the unfinished one is set aside');
  });

  it('counts in the singular for a one-question bank', async () => {
    const frame = (await mountOffer({ answered: 0, total: 1 })).frame().replace(/\s+/g, ' ');
    expect(frame).toContain('0 of 1 question answered');
  });

  it('says a set-aside attempt still counts when the bank caps attempts', async () => {
    expect((await mountOffer({ maxAttempts: 3 })).frame().replace(/\s+/g, ' ')).toContain('still counts toward the 3 allowed');
  });

  it('says when its time is already up, and that resuming submits it', async () => {
    const frame = (await mountOffer({ answered: 4, remainingMs: -5_000 })).frame().replace(/\s+/g, ' ');
    expect(frame).toContain('4 of 6 questions answered; its time is up.');
    expect(frame).toContain('It is submitted at once with the answers it has.');
  });

  it('y resumes that very attempt; n asks to start a new one with the old one set aside', async () => {
    const calls = { begin: [] as unknown[], resume: [] as string[] };
    const s = await mountOffer({}, calls);
    s.press('n');
    await s.waitFor('! set aside');
    expect(calls.begin).toEqual([
      { candidate: { name: 'Ada', employeeId: 'E-1' }, options: { setAside: false } },
      { candidate: { name: 'Ada', employeeId: 'E-1' }, options: { setAside: true } },
    ]);
    s.unmount();
    const again = await mountOffer({}, calls);
    again.press('y');
    await again.waitFor(() => calls.resume.length === 1);
    expect(calls.resume).toEqual(['a-1']);
  });
});

describe('typing fast on the start screen', () => {
  it('keeps bursts of keys in the order typed: name, Tab, id, Enter', async () => {
    const begun: unknown[] = [];
    const s = mountApp({
      defaults: { name: '', employeeId: '' },
      begin: async (candidate) => {
        begun.push(candidate);
        return { ok: false, message: 'not in this test' };
      },
    });
    await s.waitFor('Employee id:');
    // Each write is one burst, as a terminal or tmux delivers a fast typist's keys.
    for (const burst of ['Rita Review', '\t', 'E9009', '\r']) s.press(burst);
    await s.waitFor(() => begun.length === 1);
    expect(begun).toEqual([{ name: 'Rita Review', employeeId: 'E9009' }]);
  });
});

describe('a window too small for the test', () => {
  it('says how large to make it, lets no key act on the hidden screen, keeps it as it was, and quits on Ctrl-C', async () => {
    const begun: string[] = [];
    const exits: unknown[] = [];
    const s = mountApp(
      {
        defaults: { name: 'Ada', employeeId: '' },
        begin: async (candidate) => {
          begun.push(candidate.name);
          return { ok: false, message: 'not in this test' };
        },
        onExit: (outcome) => exits.push(outcome),
      },
      { columns: 36, rows: 10 },
    );
    const small = await s.waitFor('This window is 36x10');
    expect(small.replace(/\n/g, ' ')).toContain('the test needs at least 40x12');
    expect(small).not.toContain('Name:');
    expect(small.split('\n').length).toBeLessThanOrEqual(10);
    // Typed blind, these would have filled the employee id and started the test.
    s.press('E-1');
    s.press('enter');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(begun).toEqual([]);

    s.resize(80, 24);
    const back = await s.waitFor('Name:');
    expect(back).toMatch(/Name:\s+Ada$/m);
    expect(back).toMatch(/> Employee id:\s+_$/m);

    s.resize(36, 10);
    await s.waitFor('This window is 36x10');
    s.press('ctrlC');
    await s.waitFor(() => exits.length === 1);
    expect(exits).toEqual([{ kind: 'quit', started: false }]);
  });
});
