import { describe, expect, it } from 'vitest';
import { bar, divergingBar, floorBar, sparkline, table, width, wrap } from '../../../src/core/analytics/render-chart.js';
import { csvField } from '../../../src/core/analytics/render-csv.js';

describe('charts', () => {
  it.each([
    [50, 100, 10, '█████     '],
    [100, 100, 4, '████'],
    [0, 100, 4, '    '],
    [1, 8, 1, '▏'],
    [150, 100, 3, '███'],
  ])('bar(%d of %d, %d cells)', (value, max, cells, expected) => {
    expect(bar(value, max, cells)).toBe(expected);
  });

  it('marks the floor inside a percent bar', () => {
    expect(floorBar(30, 60, 10)).toBe('███···|···');
    expect(width(floorBar(72.5, 60, 24))).toBe(24);
  });

  it('draws changes either side of a centre line', () => {
    expect(divergingBar(5, 5, 7)).toBe('   ┃███');
    expect(divergingBar(-5, 5, 7)).toBe('███┃   ');
    expect(divergingBar(0, 5, 7)).toBe('   ┃   ');
  });

  it('scales a sparkline to its largest value and leaves empty bins blank', () => {
    expect(sparkline([0, 1, 2, 4, 8])).toBe(' ▁▂▄█');
  });

  it('cuts every cell to its column and right-aligns numbers', () => {
    const lines = table([{ header: 'name', width: 5 }, { header: 'n', width: 3, align: 'right' }], [['abcdefgh', '7']]);
    expect(lines).toEqual(['  name    n', '  abcd…   7']);
  });

  it('wraps words with a hanging indent', () => {
    expect(wrap('one two three four', 9, '  ')).toEqual(['one two', '  three', '  four']);
  });
});

describe('csvField (RFC 4180)', () => {
  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    [Number.NaN, ''],
    [null, ''],
    [0.5, '0.5'],
    [-0.25, '-0.25'],
    // Tags and employee ids come from attempt records: as in `export`, a formula stays text (issue 17.20).
    ['=1+1', "'=1+1"],
    ['=HYPERLINK("http://x")', `"'=HYPERLINK(""http://x"")"`],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['-2', "'-2"],
    ['\u001b]0;owned\u0007tag', 'tag'],
  ])('%j → %j', (value, expected) => {
    expect(csvField(value)).toBe(expected);
  });
});
