import { afterEach, describe, expect, it } from 'vitest';
import { layoutStart, StartScreen } from '../../../src/ui/start/start-screen.js';
import { initialStartForm } from '../../../src/ui/start/start-form-state.js';
import { loadUiTour } from '../helpers/fixture-bank.js';
import { renderScreen, type Screen } from '../helpers/ink-screen.js';

const { bank } = loadUiTour();
let screen: Screen | undefined;
afterEach(() => screen?.unmount());

function mount(defaults = { name: '', employeeId: '' }, extraTime = 1, shown = bank, size?: { columns: number; rows: number }) {
  const started: Array<{ name: string; employeeId: string }> = [];
  let quit = 0;
  screen = renderScreen(
    <StartScreen bank={shown} itemCount={6} extraTime={extraTime} defaults={defaults} onStart={(c) => started.push(c)} onQuit={() => (quit += 1)} />,
    size,
  );
  return { screen, started, quits: () => quit };
}

describe('start screen', () => {
  it('counts in the singular for one question and one minute', async () => {
    const one = { ...bank, policy: { ...bank.policy, timeLimitMinutes: 1 } };
    screen = renderScreen(<StartScreen bank={one} itemCount={1} extraTime={1} defaults={{ name: '', employeeId: '' }} onStart={() => {}} onQuit={() => {}} />);
    expect(await screen.waitFor('in 1 minute')).toContain('1 question in 1 minute,');
  });

  it('says when some questions have their own time limit, so "up to" is not wrong for them', async () => {
    const withOwn = { ...bank, items: bank.items.map((item, i) => (i === 0 ? { ...item, timeLimitSeconds: 420 } : item)) };
    screen = renderScreen(<StartScreen bank={withOwn} itemCount={6} extraTime={1} defaults={{ name: '', employeeId: '' }} onStart={() => {}} onQuit={() => {}} />);
    expect((await screen.waitFor('questions in')).replace(/\s+/g, ' ')).toContain('up to 04:00 per question (some have their own limit).');
  });

  it('shows the bank, the number of items, the time, the pass rules and the keys at 80x24', async () => {
    const { screen } = mount({ name: 'Ada Lovelace', employeeId: 'E-1815' });
    const frame = await screen.waitFor('Frontline UI tour');
    expect(frame).toContain('6 questions in 10 minutes, up to 04:00 per question.');
    expect(frame).toContain('To pass: 70% overall, and at least Listening 50%; Resolution 60%.');
    expect(frame).toContain('submitted as they stand');
    expect(frame).toContain('every answer with an explanation');
    expect(frame).toMatch(/Name:\s+Ada Lovelace/);
    expect(frame).toMatch(/Employee id:\s+E-1815/);
    expect(frame).toContain('Enter confirm and go on');
    // The title's escape sequence is stripped, its words kept.
    expect(frame).not.toContain('\u001B');
    expect(frame.split('\n').length).toBeLessThanOrEqual(24);
  });

  it('says what the test is about when there is room, and leaves it out when there is not', async () => {
    const described = { ...bank, description: 'Six questions, one of each kind,\nto try every screen.' };
    const { screen } = mount({ name: 'A', employeeId: 'B' }, 1, described);
    expect(await screen.waitFor('questions in')).toContain('Six questions, one of each kind, to try every screen.');
    screen.unmount();
    const small = mount({ name: 'A', employeeId: 'B' }, 1, described, { columns: 80, rows: 16 });
    const frame = await small.screen.waitFor('questions in');
    expect(frame).not.toContain('Six questions');
    expect(frame).toContain('Enter: start');
  });

  it('in a short terminal keeps the title, the rules, the fields and how to start in sight, giving up the key list first', async () => {
    const frames: string[] = [];
    for (const rows of [24, 18, 14]) {
      const { screen } = mount({ name: 'A', employeeId: 'B' }, 1, bank, { columns: 60, rows });
      const frame = await screen.waitFor('questions in');
      screen.unmount();
      frames.push(frame);
      const lines = frame.split('\n');
      expect(lines.length, `${rows} rows:\n${frame}`).toBeLessThan(rows);
      expect(lines[0]).toContain('Frontline UI tour');
      for (const text of ['To pass:', 'Name:', 'Employee id:', 'Enter: start', 'Ctrl-C: quit']) expect(frame).toContain(text);
      expect(frame).not.toContain('…');
    }
    expect(frames[0]).toContain('Keys in the test:');
    expect(frames[2]).not.toContain('Keys in the test:');
  });

  it('fits the least window (40x12) with the title, the rules and how to start', async () => {
    const { screen } = mount({ name: 'A', employeeId: 'B' }, 1, bank, { columns: 40, rows: 12 });
    const frame = await screen.waitFor('questions in');
    expect(frame.split('\n').length, frame).toBeLessThan(12);
    expect(frame.split('\n')[0]).toContain('Frontline UI tour');
    for (const text of ['To pass:', 'Name:', 'Employee id:', 'Enter: start', 'Ctrl-C: quit']) expect(frame).toContain(text);
  });

  it('states extra time as the multiplied limit', async () => {
    const { screen } = mount({ name: 'A', employeeId: 'B' }, 1.5);
    expect(await screen.waitFor('questions in')).toContain('6 questions in 15:00 (10 min x 1.5 extra time), up to 06:00 per question.');
  });

  it('edits the prefilled fields and starts on Enter with both filled', async () => {
    const { screen, started } = mount({ name: 'Ada', employeeId: '' });
    // The cursor lands on the field still missing.
    await screen.waitFor(/> Employee id:\s+_/);
    await screen.pressAndWait('up', 'Ada_');
    screen.press(' Lovelace');
    await screen.waitFor('Ada Lovelace_');
    await screen.pressAndWait('enter', /Employee id:\s+_/);
    await screen.pressAndWait('E-1', 'E-1_');
    await screen.pressAndWait('backspace', /Employee id:\s+E-_/);
    screen.press('9');
    await screen.waitFor('E-9_');
    screen.press('enter');
    await screen.waitFor(() => started.length === 1);
    expect(started).toEqual([{ name: 'Ada Lovelace', employeeId: 'E-9' }]);
  });

  it('will not start without a name, and says why', async () => {
    const { screen, started } = mount();
    await screen.waitFor('Name:');
    await screen.pressAndWait('enter', '! Type your name first.');
    expect(started).toEqual([]);
  });

  it('moves to the next field with Tab, also when Tab arrives in one burst with the name', async () => {
    const { screen, started } = mount();
    await screen.waitFor('Name:');
    await screen.pressAndWait('tab', /> Employee id:\s+_/);
    await screen.pressAndWait('tab', /> Name:\s+_/);
    // A fast typist, a paste or tmux send-keys: Ink hands the whole run over as one string.
    screen.press('Ada\tE-1\u007F\u007F9\r');
    await screen.waitFor(() => started.length === 1);
    expect(started).toEqual([{ name: 'Ada', employeeId: 'E9' }]);
  });

  it('shows the whole of a long reason the test may not start', async () => {
    const problem = 'All 3 attempts allowed on this test for employee id E-1 are used. That counts the unfinished one: quit (Ctrl-C) and run `frontline take --resume` to finish it.';
    screen = renderScreen(<StartScreen bank={bank} itemCount={6} extraTime={1} defaults={{ name: 'A', employeeId: 'E-1' }} problem={problem} onStart={() => {}} onQuit={() => {}} />);
    const frame = await screen.waitFor('! All 3 attempts');
    expect(frame.replace(/\n\s*/g, ' ')).toContain(problem);
  });

  it('Ctrl-C asks the caller to quit', async () => {
    const { screen, quits } = mount();
    await screen.waitFor('Name:');
    screen.press('ctrlC');
    await screen.waitFor(() => quits() === 1);
  });
});

describe('start screen with hostile defaults (issue 17.19)', () => {
  // --name, --employee-id and the config's prefill arrive here as typed: escapes, C1 CSI, a bidi override, a lone surrogate.
  const hostile = 'A\u001b[31mRED\u001b]0;owned\u0007\u009b2J\u202Eevil\uD800Z\u0008\r!';
  it('draws the name and employee id as text, never as escapes', () => {
    const lines = layoutStart(bank, 6, 1, initialStartForm(hostile, hostile), 79);
    const text = lines.map((l) => l.text).join('\n');
    expect(text).toMatch(/Name:\s+AREDevil\uFFFDZ !/);
    expect(text).not.toMatch(/[^\P{Cc}\n]|[\u202A-\u202E]|[\uD800-\uDFFF]/u);
  });
});

describe('start screen for a sealed copy', () => {
  const text = (sealed: boolean) =>
    layoutStart({ ...bank, competencies: bank.competencies.map((c) => ({ ...c, floor: undefined })) }, 6, 1, initialStartForm('Ada', 'E1'), 79, 24, false, sealed)
      .map((l) => l.text)
      // Wrapped at 79 columns: read as one paragraph.
      .join(' ');
  it('promises no score per skill or answers afterwards: the key is not on this machine', () => {
    expect(text(false)).toContain('every answer with an explanation');
    expect(text(true)).not.toContain('every answer with an explanation');
    expect(text(true)).toContain('scored when the certificate is issued');
    // The copy holds no floors, so the screen does not claim there are none.
    expect(text(true)).toContain('To pass: 70% overall, and any minimum per skill.');
    expect(text(false)).toContain('To pass: 70% overall.');
  });
});
