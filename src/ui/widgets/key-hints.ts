export interface KeyHint {
  keys: string;
  does: string;
}

/** Packs "keys does" pairs into as few rows as fit the width. */
export function keyHintRows(hints: KeyHint[], width: number): string[] {
  const rows: string[] = [];
  let row = '';
  for (const hint of hints) {
    const part = `${hint.keys} ${hint.does}`;
    if (row === '') row = part;
    else if (row.length + 2 + part.length <= width) row += `  ${part}`;
    else {
      rows.push(row);
      row = part;
    }
  }
  if (row !== '') rows.push(row);
  return rows;
}
