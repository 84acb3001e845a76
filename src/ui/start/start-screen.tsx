import { useReducer } from 'react';
import { useKeys } from '../hooks/use-keys.js';
import type { Bank } from '../../core/bank/types.js';
import { competencyFloor, resolvePolicy } from '../../core/bank/defaults.js';
import { sanitizeLine, sanitizeText } from '../../core/text/sanitize.js';
import { Lines, line, type Line } from '../layout/line.js';
import { wrapHanging, wrapText } from '../layout/wrap.js';
import { useTerminalSize } from '../hooks/use-terminal-size.js';
import { formatClock } from '../widgets/countdown.js';
import { plural } from '../widgets/plural.js';
import { keyHintRows } from '../widgets/key-hints.js';
import { initialStartForm, startFormProblem, startFormReducer, type StartFormState } from './start-form-state.js';

export interface StartScreenProps {
  bank: Bank;
  itemCount: number;
  extraTime: number;
  defaults: { name: string; employeeId: string };
  /** Why the test could not start (e.g. attempts used up), from the caller. */
  problem?: string | undefined;
  /** Who takes the test is already known (the exam host's roster): shown, not typed. */
  fixedCandidate?: boolean | undefined;
  /** Delivered from a sealed copy: no key here, so nothing is scored until the certificate is issued. */
  sealed?: boolean | undefined;
  onStart: (candidate: { name: string; employeeId: string }) => void;
  onQuit: () => void;
}

function expiryWords(bank: Bank): string {
  const policy = resolvePolicy(bank.policy);
  switch (policy.onExpiry) {
    case 'submit':
      return 'When the time is up, your answers are submitted as they stand.';
    case 'grace':
      return `When the time is up you get ${policy.graceSeconds} s more to finish; answers given then are marked late.`;
  }
}

function feedbackWords(bank: Bank, sealed: boolean): string {
  // The copy holds no key (nor the per-skill minimums): this machine cannot score it.
  if (sealed) return 'The answer key is sealed to your trainer: your answers are scored when the certificate is issued, and your result comes with it.';
  const policy = resolvePolicy(bank.policy);
  switch (policy.feedback) {
    case 'none':
      return 'Afterwards you see whether you passed.';
    case 'competency':
      return 'Afterwards you see your score per skill and what to train next (not the answers).';
    case 'full':
      return 'Afterwards you see every answer with an explanation.';
  }
}

export function layoutStart(bank: Bank, itemCount: number, extraTime: number, form: StartFormState, width: number, rows = 24, fixedCandidate = false, sealed = false): Line[] {
  const policy = resolvePolicy(bank.policy);
  const minutes = policy.timeLimitMinutes * extraTime;
  const time = extraTime === 1 ? plural(policy.timeLimitMinutes, 'minute') : `${formatClock(minutes * 60_000)} (${policy.timeLimitMinutes} min x ${extraTime} extra time)`;
  // An item may set its own limit (a written reply takes longer than a choice): "up to" must not be wrong for it.
  const ownLimits = bank.items.some((i) => i.timeLimitSeconds !== undefined && i.timeLimitSeconds !== policy.itemTimeLimitSeconds);
  const perItem = policy.itemTimeLimitSeconds
    ? `, up to ${formatClock(policy.itemTimeLimitSeconds * extraTime * 1000)} per question${ownLimits ? ' (some have their own limit)' : ''}`
    : ownLimits
      ? ', some questions with their own time limit'
      : '';
  const floors = bank.competencies
    .filter((c) => competencyFloor(c) > 0)
    .map((c) => `${sanitizeText(c.title)} ${competencyFloor(c)}%`);
  // Titles may hold commas ("Policy, escalation and safety"), so the list is parted by semicolons.
  const wrap = (text: string, style: Omit<Line, 'text'> = {}) => wrapText(text, width).map((t) => line(t, style));
  const field = (label: string, key: 'name' | 'employeeId') => {
    if (fixedCandidate) return line(`  ${label.padEnd(12)} ${sanitizeLine(form[key])}`);
    const here = form.focus === key;
    return line(`${here ? '>' : ' '} ${label.padEnd(12)} ${sanitizeLine(form[key])}${here ? '_' : ''}`, { bold: here });
  };
  const timeAndPass = [
    ...wrap(`${plural(itemCount, 'question')} in ${time}${perItem}.`),
    ...wrap(`To pass: ${policy.passMark}% overall${floors.length > 0 ? `, and at least ${floors.join('; ')}` : sealed ? ', and any minimum per skill' : ''}.`),
  ];
  const factLines = { timeAndPass: timeAndPass.length };
  const facts = [
    ...timeAndPass,
    ...wrap(expiryWords(bank)),
    ...wrap(feedbackWords(bank, sealed)),
  ];
  const fields = [
    field('Name:', 'name'),
    field('Employee id:', 'employeeId'),
    // A blank line holds the problem's place, so the screen does not jump when one appears.
    ...(form.problem ? wrapHanging('! ', form.problem, width).map((t) => line(t, { bold: true })) : [line('')]),
  ];
  const keys = [
    line('Keys in the test:', { bold: true }),
    ...keyHintRows(
      [
        { keys: 'up/down j/k', does: 'move' },
        { keys: '1-9', does: 'choose' },
        { keys: 'space', does: 'tick (several answers)' },
        { keys: 'Enter', does: 'confirm and go on' },
        { keys: 'p/n', does: 'previous/next' },
        { keys: 'f', does: 'flag' },
        { keys: 'r', does: 'review' },
        { keys: '?', does: 'all keys' },
      ],
      width,
    ).map((t) => line(t)),
    line(''),
  ];
  const footer = keyHintRows(
    [
      ...(fixedCandidate ? [] : [{ keys: 'Tab:', does: 'next field' }]),
      { keys: 'Enter:', does: 'start (the clock starts now)' },
      { keys: 'Ctrl-C:', does: 'quit' },
    ],
    width,
  ).map((t) => line(t, { dim: true }));
  const title = wrap(`${sanitizeText(bank.title)} (version ${sanitizeText(bank.version)})`, { bold: true });
  const about = bank.description ? [...wrap(sanitizeText(bank.description).replace(/\s+/g, ' ').trim(), { dim: true }), line('')] : [];
  // A frame taller than the terminal scrolls its top (the title, the time) out of sight. So what the screen has no
  // room for goes, least needed first: what the test is about, then the key list (every question shows its own keys,
  // and ? lists them all), then the blank lines. A row is kept free, as on every screen.
  const layouts = [
    [...title, ...about, ...facts, line(''), ...fields, ...keys, ...footer],
    [...title, ...facts, line(''), ...fields, ...keys, ...footer],
    [...title, ...facts, line(''), ...fields, ...footer],
    [...title, ...facts, ...fields.filter((l) => l.text !== ''), ...footer],
    // The least window: the time and the pass rule, the fields, the keys on one row.
    [...title, ...facts.slice(0, factLines.timeAndPass), ...fields.filter((l) => l.text !== ''), line(fixedCandidate ? 'Enter: start  Ctrl-C: quit' : 'Enter: start  Tab: field  Ctrl-C: quit', { dim: true })],
  ];
  return layouts.find((lines) => lines.length <= rows - 1) ?? layouts[layouts.length - 1]!;
}

export function StartScreen({ bank, itemCount, extraTime, defaults, problem, fixedCandidate = false, sealed = false, onStart, onQuit }: StartScreenProps) {
  const { columns, rows } = useTerminalSize();
  const [form, dispatch] = useReducer(startFormReducer, initialStartForm(defaults.name, defaults.employeeId));

  useKeys((input, key) => {
    if (key.ctrl && input === 'c') onQuit();
    else if (fixedCandidate) {
      if (key.return) onStart({ name: defaults.name, employeeId: defaults.employeeId });
    } else if (key.tab || key.downArrow) dispatch({ type: key.shift ? 'focus-previous' : 'focus-next' });
    else if (key.upArrow) dispatch({ type: 'focus-previous' });
    else if (key.backspace || key.delete) dispatch({ type: 'erase' });
    else if (key.return) {
      const problem = startFormProblem(form);
      if (problem && form.focus === 'name' && form.name.trim() !== '') dispatch({ type: 'focus-next' });
      else if (problem) dispatch({ type: 'problem', message: problem });
      else onStart({ name: form.name.trim(), employeeId: form.employeeId.trim() });
    } else if (!key.ctrl && !key.meta && input !== '') dispatch({ type: 'type', text: input });
  });

  const shown = problem && !form.problem ? { ...form, problem } : form;
  return <Lines lines={layoutStart(bank, itemCount, extraTime, shown, columns - 1, rows, fixedCandidate, sealed)} />;
}
