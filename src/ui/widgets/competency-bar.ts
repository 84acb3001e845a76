/**
 * A bar of the competency's percent with its floor marked by "|":
 * "[########|##......]  62%  floor 50%  met". The words carry the verdict.
 */
export function competencyBar(percent: number, floor: number, cells: number): string {
  const filled = Math.round((Math.max(0, Math.min(100, percent)) / 100) * cells);
  const floorAt = Math.round((Math.max(0, Math.min(100, floor)) / 100) * cells);
  let bar = '';
  for (let i = 0; i < cells; i += 1) bar += i < filled ? '#' : '.';
  if (floor > 0) {
    const at = Math.min(floorAt, cells);
    bar = `${bar.slice(0, at)}|${bar.slice(at)}`;
  }
  return `[${bar}]`;
}

export function formatPercent(percent: number): string {
  return `${Number.isInteger(percent) ? percent : percent.toFixed(1)}%`;
}
