import { describe, expect, it } from 'vitest';
import { competencyBar, formatPercent } from '../../../src/ui/widgets/competency-bar.js';
import { formatClock, timeWarningText } from '../../../src/ui/widgets/countdown.js';
import { keyHintRows } from '../../../src/ui/widgets/key-hints.js';
import { progressBar } from '../../../src/ui/widgets/progress-bar.js';
import { scrollBy, scrollWindow } from '../../../src/ui/widgets/scroll-window.js';
import { line } from '../../../src/ui/layout/line.js';

describe('formatClock', () => {
  it.each([
    [0, '00:00'],
    [-5000, '00:00'],
    [1, '00:01'],
    [59_001, '01:00'],
    [65_000, '01:05'],
    [35 * 60_000, '35:00'],
    [3_600_000 + 61_000, '1:01:01'],
  ])('%i ms is %s', (ms, text) => {
    expect(formatClock(ms)).toBe(text);
  });
});

describe('timeWarningText', () => {
  it('says the warning in words, starting with !', () => {
    expect(timeWarningText('5-minutes')).toBe('! Less than 5 minutes left.');
    expect(timeWarningText('1-minute')).toMatch(/^! Less than 1 minute left/);
    expect(timeWarningText(undefined)).toBeUndefined();
  });
});

describe('progressBar', () => {
  it('fills in proportion and says the count in words', () => {
    expect(progressBar(5, 10, 80)).toBe('[##########..........] 5/10 answered');
    expect(progressBar(0, 4, 80)).toBe('[....................] 0/4 answered');
    expect(progressBar(3, 4, 80, true)).toBe('3/4 answered');
  });
});

describe('competencyBar', () => {
  it.each([
    [50, 0, 10, '[#####.....]'],
    [50, 70, 10, '[#####..|...]'],
    [80, 70, 10, '[#######|#..]'],
    [100, 100, 4, '[####|]'],
  ])('percent %i, floor %i, %i cells: %s', (percent, floor, cells, bar) => {
    expect(competencyBar(percent, floor, cells)).toBe(bar);
  });

  it('prints whole percents bare and others to one decimal', () => {
    expect(formatPercent(75)).toBe('75%');
    expect(formatPercent(66.66)).toBe('66.7%');
  });
});

describe('scrollWindow', () => {
  const content = Array.from({ length: 10 }, (_, i) => line(`row ${i}`));

  it('shows everything when it fits', () => {
    expect(scrollWindow(content, 3, 10).lines.map((l) => l.text)).toEqual(content.map((l) => l.text));
  });

  it('says how much is above and below', () => {
    const view = scrollWindow(content, 2, 6, 'keys');
    expect(view.lines.map((l) => l.text)).toEqual(['^ 2 more lines above (keys)', 'row 2', 'row 3', 'row 4', 'row 5', 'v 4 more lines below (keys)']);
  });

  it('clamps the offset to the content', () => {
    expect(scrollWindow(content, 99, 6).offset).toBe(6);
    expect(scrollBy(0, -3, 10, 6)).toBe(0);
    expect(scrollBy(5, 4, 10, 6)).toBe(6);
  });
});

describe('keyHintRows', () => {
  it('packs hints into rows no wider than asked', () => {
    const rows = keyHintRows(
      [
        { keys: 'a', does: 'one' },
        { keys: 'b', does: 'two' },
        { keys: 'c', does: 'three' },
      ],
      12,
    );
    expect(rows).toEqual(['a one  b two', 'c three']);
  });
});
