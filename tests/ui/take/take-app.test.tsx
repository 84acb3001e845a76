import { afterEach, describe, expect, it } from 'vitest';
import { TakeApp, type TakeAppProps } from '../../../src/ui/take/take-app.js';
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

const mountOffer = (resumeOffer: NonNullable<TakeAppProps['resumeOffer']>) => mountApp({ resumeOffer });

describe('the offer to resume an unfinished attempt', () => {
  it('says how far it got and how much time is left', async () => {
    const s = mountOffer({ startedAt: '25/11/2026, 09:00:00', answered: 2, total: 6, remainingMs: 8 * 60_000 + 12_000 });
    const frame = await s.waitFor('An unfinished attempt is waiting');
    expect(frame).toContain('Started 25/11/2026, 09:00:00, 2 of 6 questions answered, 08:12 left.');
    expect(frame).toContain('the unfinished one is set aside');
  });

  it('says a set-aside attempt still counts when the bank caps attempts', async () => {
    const s = mountOffer({ startedAt: 'then', answered: 0, total: 6, remainingMs: 60_000, maxAttempts: 3 });
    expect((await s.waitFor('An unfinished attempt')).replace(/\n/g, ' ')).toContain('still counts toward the 3 allowed');
  });

  it('says when its time is already up, and that resuming submits it', async () => {
    const s = mountOffer({ startedAt: 'then', answered: 4, total: 6, remainingMs: -5_000 });
    const frame = await s.waitFor('An unfinished attempt');
    expect(frame).toContain('4 of 6 questions answered; its time is up.');
    expect(frame).toContain('It is submitted at once with the answers it has.');
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
