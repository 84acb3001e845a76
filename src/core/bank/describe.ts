import type { DataPath } from './diagnostic.js';

/** How a found value reads in a message: `"abc"`, `42`, `a list`, `nothing`. */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (typeof value === 'string') return value === '' ? 'empty text' : quote(value);
  if (typeof value === 'number') {
    // YAML spells these .nan and .inf; show them as written, since JSON has no such numbers.
    if (Number.isNaN(value)) return '.nan (not a number)';
    if (!Number.isFinite(value)) return value > 0 ? '.inf' : '-.inf';
    return String(value);
  }
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.length === 0 ? 'an empty list' : 'a list';
  if (typeof value === 'object') return 'a mapping';
  return typeof value;
}

export function quote(text: string, max = 48): string {
  const clipped = text.length > max ? `${text.slice(0, max - 1)}…` : text;
  return JSON.stringify(clipped);
}

/** "a, b, c" or, for single letters in a run, "a-d" (how trainers label options). */
export function listIds(ids: readonly string[]): string {
  if (ids.length === 0) return 'none';
  const isRun =
    ids.length > 2 &&
    ids.every((id, i) => id.length === 1 && id.charCodeAt(0) === ids[0]!.charCodeAt(0) + i);
  if (isRun) return `${ids[0]}-${ids[ids.length - 1]}`;
  const shown = ids.slice(0, 8).join(', ');
  return ids.length > 8 ? `${shown}, … (${ids.length} in all)` : shown;
}

/** Levenshtein distance, for "did you mean" on short names. */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i += 1) {
    let previous = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j += 1) {
      const current = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length]!;
}

/** ` (did you mean "answer"?)` when one candidate is close enough, else ''. */
export function didYouMean(word: string, candidates: Iterable<string>): string {
  let best: string | undefined;
  let bestDistance = Infinity;
  if (word.length < 3) return '';
  const limit = Math.max(1, Math.min(3, Math.floor(word.length / 3)));
  const lower = word.toLowerCase();
  for (const candidate of candidates) {
    const other = candidate.toLowerCase();
    // A clipped word ("order" for "ordering") is as clear a slip as a typo.
    const [short, long] = lower.length <= other.length ? [lower, other] : [other, lower];
    const clipped = short.length >= 3 && short.length * 2 >= long.length && long.startsWith(short);
    const d = clipped ? 1 : distance(lower, other);
    if (d < bestDistance && d <= limit) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best === undefined ? '' : ` (did you mean "${best}"?)`;
}

const SINGULAR: Record<string, string> = {
  competencies: 'competency',
  cases: 'case',
  items: 'item',
  options: 'option',
  steps: 'step',
  choices: 'choice',
  modules: 'module',
};

/** The value at a path, or undefined when the path leaves the data. */
export function valueAt(data: unknown, path: DataPath): unknown {
  let node = data;
  for (const segment of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[String(segment)];
  }
  return node;
}

/**
 * Names a place the way a trainer thinks of it: `item "q7", option "b": text`
 * rather than `/items/6/options/1/text`. Elements with a usable id are named
 * by it; everything else becomes a dotted field path.
 */
export function describePath(data: unknown, path: DataPath): string {
  const owners: string[] = [];
  let field = '';
  let node = data;
  for (let i = 0; i < path.length; i += 1) {
    const segment = path[i]!;
    const next = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[String(segment)] : undefined;
    const listName = typeof segment === 'number' ? path[i - 1] : undefined;
    const singular = typeof listName === 'string' ? SINGULAR[listName] : undefined;
    if (typeof segment === 'number' && singular !== undefined) {
      const id = next !== null && typeof next === 'object' ? (next as { id?: unknown }).id : undefined;
      // The list name was appended to `field` on the previous step; the element replaces it.
      field = field.slice(0, field.length - String(listName).length).replace(/\.$/, '');
      const name = typeof id === 'string' && id !== '' ? `${singular} ${quote(id)}` : `${singular} #${segment + 1}`;
      owners.push(field ? `${field}: ${name}` : name);
      field = '';
    } else if (typeof segment === 'number') {
      field += `[${segment}]`;
    } else {
      field += field ? `.${segment}` : segment;
    }
    node = next;
  }
  if (owners.length === 0) return field || 'bank';
  return field ? `${owners.join(', ')}: ${field}` : owners.join(', ');
}
