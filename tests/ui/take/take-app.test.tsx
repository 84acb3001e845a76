import { afterEach, describe, expect, it } from 'vitest';
import { TakeApp, type ResumeOffer } from '../../../src/ui/take/take-app.js';
import { loadUiTour } from '../helpers/fixture-bank.js';
import { renderScreen, type Screen } from '../helpers/ink-screen.js';

const { bank } = loadUiTour();
let screen: Screen | undefined;
afterEach(() => screen?.unmount());

function mountOffer(offer: ResumeOffer) {
  screen = renderScreen(
    <TakeApp
      bank={bank}
      itemCount={6}
      extraTime={1}
      defaults={{ name: 'Ada', employeeId: 'E-1' }}
      resumeOffer={offer}
      begin={async () => ({ ok: false, message: 'not in this test' })}
      resume={async () => {
        throw new Error('not in this test');
      }}
      finish={async () => {
        throw new Error('not in this test');
      }}
      onExit={() => {}}
    />,
  );
  return screen;
}

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
