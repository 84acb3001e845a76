/**
 * Decimal places of every figure in `report --json` and `--csv` (docs/analytics.md):
 * enough for a share or a correlation (0.8333), and no binary floating-point
 * noise (73.19999999999999 is 73.2).
 */
export const REPORT_DECIMALS = 4;

const SCALE = 10 ** REPORT_DECIMALS;

/** `value` rounded to REPORT_DECIMALS places; integers, NaN and infinities as they are; never -0. */
export function roundFigure(value: number): number {
  if (!Number.isFinite(value) || Number.isInteger(value)) return value;
  // Dividing the rounded integer by the scale gives the double nearest the decimal, which prints as that decimal.
  const rounded = Math.round(value * SCALE) / SCALE;
  return rounded === 0 ? 0 : rounded;
}

/** A JSON.stringify replacer that rounds every number with roundFigure. */
export function roundingReplacer(_key: string, value: unknown): unknown {
  return typeof value === 'number' ? roundFigure(value) : value;
}
