/**
 * "[#####.....] 5/10 answered". Filled and empty cells are different
 * characters so progress reads without colour; `plain` drops the bar for
 * screen readers, which would otherwise spell out every cell.
 */
export function progressBar(done: number, total: number, width: number, plain = false): string {
  const label = `${done}/${total} answered`;
  if (plain) return label;
  const cells = Math.max(4, Math.min(20, width - label.length - 3));
  const filled = total === 0 ? 0 : Math.round((done / total) * cells);
  return `[${'#'.repeat(filled)}${'.'.repeat(cells - filled)}] ${label}`;
}
