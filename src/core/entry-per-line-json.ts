/**
 * JSON for records that people open in a pager and compare with diff, laid
 * out one entry per line: objects are indented as JSON.stringify(value, null, 2)
 * would, but a list of objects or lists gets one line per element, written
 * compactly. An attempt then reads as one line per answer and per item result
 * (235 lines for 60 items rather than 2,144), a diff names the answer that
 * changed, and the file is 40% smaller, which `report` reads a hundred
 * thousand of. It parses back to the same value as any JSON does.
 */
export function stringifyEntryPerLine(value: unknown): string {
  return layout(value, '');
}

function layout(value: unknown, indent: string): string {
  if (Array.isArray(value)) {
    if (value.length === 0 || !value.every(isContainer)) return JSON.stringify(value);
    const inner = `${indent}  `;
    return `[\n${value.map((element) => `${inner}${JSON.stringify(element)}`).join(',\n')}\n${indent}]`;
  }
  if (isPlainObject(value)) {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined && typeof v !== 'function' && typeof v !== 'symbol');
    if (entries.length === 0) return '{}';
    const inner = `${indent}  `;
    return `{\n${entries.map(([key, v]) => `${inner}${JSON.stringify(key)}: ${layout(v, inner)}`).join(',\n')}\n${indent}}`;
  }
  // Numbers, strings, booleans, null, and anything with toJSON (a Date): as JSON.stringify writes them.
  return JSON.stringify(value) ?? 'null';
}

function isContainer(value: unknown): boolean {
  return value !== null && typeof value === 'object';
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && typeof (value as { toJSON?: unknown }).toJSON !== 'function';
}
