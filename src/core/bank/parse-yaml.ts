import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, visit, type Node } from 'yaml';
import type { DataPath, Diagnostic, Locate, Position } from './diagnostic.js';
import { flattenStrings } from './flat-strings.js';

/**
 * How often one anchor may be expanded (weighted by what it contains). yaml's
 * default of 100 is tight for a bank that reuses a shared feedback text across
 * many items, and still stops a "billion laughs" file long before it costs memory.
 */
const MAX_ALIAS_COUNT = 1000;
/**
 * Lines and commas a bank may hold, counted before parsing: yaml spends about
 * 1 KB of memory and some microseconds per entry, and a 9.8 MB file of 4.9
 * million flow-sequence entries ran it out of heap after a minute. The 10,000-
 * item bank bench/generate-bank.mjs writes (6.8 MB) has about 172,000.
 */
export const MAX_YAML_ENTRIES = 500_000;
/** Item trees kept for placing findings in a large bank. */
const MAX_CACHED_ITEMS = 64;
/** A broken file can produce an error per line; the first few say enough. */
const MAX_SYNTAX_ERRORS = 20;

export type ParsedYaml =
  | {
      ok: true;
      data: unknown;
      locate: Locate;
      warnings: Diagnostic[];
      /** How it was read (see `parseYaml`); the result is the same either way. */
      strategy: 'whole' | 'per-item';
    }
  | { ok: false; errors: Diagnostic[]; warnings: Diagnostic[] };

const OPTIONS = { uniqueKeys: true, prettyErrors: false, merge: true } as const;

/**
 * YAML text to plain data, keeping what is needed to place findings later.
 *
 * A large bank is parsed one item at a time when that is safe (see
 * `splitItems`): yaml's whole-document tree for a 10,000-item bank costs about
 * 600 MB and most of the time in garbage collection, while per-item documents
 * are short-lived. Item trees are rebuilt only for items a finding points into.
 * Whenever the split parse reports anything, the whole document is parsed
 * instead, so messages never depend on the split.
 */
export function parseYaml(text: string, file: string): ParsedYaml {
  const tooMany = overBudget(text);
  if (tooMany) {
    const message = `more than ${MAX_YAML_ENTRIES.toLocaleString('en-US')} YAML entries (lines and comma-separated values) by here; a 10,000-item bank has about 170,000, so this is not a question bank (or needs splitting)`;
    return { ok: false, errors: [{ file, ...tooMany, severity: 'error', code: 'too-many-entries', message }], warnings: [] };
  }
  const split = splitItems(text);
  if (split) {
    const fast = parseSplit(text, split);
    if (fast) return fast;
  }
  return parseWhole(text, file);
}

function parseWhole(text: string, file: string): ParsedYaml {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { ...OPTIONS, lineCounter });
  const at = (offset: number): Position => lineCounter.linePos(Math.max(0, Math.min(offset, text.length)));
  const finding = (offset: number, severity: 'error' | 'warning', code: string, message: string): Diagnostic => ({
    file,
    ...at(offset),
    severity,
    code,
    message,
  });

  const warnings = doc.warnings.map((w) => finding(w.pos[0], 'warning', 'yaml-warning', firstLine(w.message)));
  if (doc.errors.length > 0) {
    const errors = doc.errors.slice(0, MAX_SYNTAX_ERRORS).map((e) => {
      switch (e.code) {
        case 'DUPLICATE_KEY': {
          const key = /^[^:\n]*/.exec(text.slice(e.pos[0], e.pos[0] + 200))![0].trim();
          return finding(e.pos[0], 'error', 'duplicate-key', `duplicate key${key ? ` "${clip(key)}"` : ''}: a key may appear only once in a mapping`);
        }
        case 'MULTIPLE_DOCS':
          return finding(e.pos[0], 'error', 'multiple-documents', 'a second YAML document starts here ("---"); a bank file holds one document');
        default:
          return finding(e.pos[0], 'error', 'yaml-syntax', `YAML syntax: ${firstLine(e.message)}`);
      }
    });
    if (doc.errors.length > MAX_SYNTAX_ERRORS) {
      const last = errors[errors.length - 1]!;
      errors.push({ ...last, message: `${doc.errors.length - MAX_SYNTAX_ERRORS} more YAML syntax errors not shown` });
    }
    return { ok: false, errors, warnings };
  }

  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    // toJS throws for alias bombs, aliases to missing anchors and self-referencing anchors.
    const message = error instanceof Error ? error.message : String(error);
    const alias = firstAliasOffset(doc);
    const why = message.startsWith('Excessive alias count')
      ? `too many alias expansions (more than ${MAX_ALIAS_COUNT}); this looks like an alias bomb, not a question bank`
      : message.startsWith('Unresolved alias')
        ? `alias refers to an anchor that is not defined before it: ${message.split(': ').pop() ?? ''}`
        : `alias cannot be resolved (an anchor that refers to itself?): ${firstLine(message)}`;
    return { ok: false, errors: [finding(alias, 'error', 'yaml-alias', why)], warnings };
  }

  const locate: Locate = (path, target = 'value') => at(findNode(doc, path, target));
  return { ok: true, data: flattenStrings(data), locate, warnings, strategy: 'whole' };
}

interface ItemSplit {
  /** Line index of the `items:` key. */
  itemsLine: number;
  /** Line index where each item starts, then the line index just past the last item. */
  starts: number[];
  lines: string[];
}

/**
 * Finds the top-level `items:` block sequence and where each entry starts, or
 * null when splitting might change the meaning: anchors, aliases and tags
 * (which can reach across items), directives and document markers, flow-style
 * items, or more than one `items:` key. False alarms only cost speed.
 */
function splitItems(text: string): ItemSplit | null {
  if (text.length < 64 * 1024) return null;
  if (/(^|[\s[{,])[&*!][^\s,\]}]/.test(text) || /^(---|\.\.\.|%)/m.test(text)) return null;
  const lines = text.split('\n');
  const itemsLines = lines.flatMap((line, i) => (/^items:[ \t]*(#.*)?\r?$/.test(line) ? [i] : []));
  if (itemsLines.length !== 1 || lines.filter((l) => l.startsWith('items')).length !== 1) return null;
  const itemsLine = itemsLines[0]!;
  let indent: number | undefined;
  const starts: number[] = [];
  let end = lines.length;
  for (let i = itemsLine + 1; i < lines.length; i += 1) {
    const line = lines[i]!;
    const content = line.trimStart();
    if (content === '' || content === '\r' || content.startsWith('#')) continue;
    const lineIndent = line.length - content.length;
    if (indent === undefined) {
      if (!/^-[ \t\r]|^-$/.test(content)) return null;
      indent = lineIndent;
    }
    if (lineIndent === indent && /^-([ \t\r]|$)/.test(content)) {
      starts.push(i);
    } else if (lineIndent <= indent && !(lineIndent === indent && indent > 0)) {
      if (lineIndent !== 0) return null;
      end = i;
      break;
    }
  }
  if (starts.length === 0) return null;
  starts.push(end);
  return { itemsLine, starts, lines };
}

/** Parses the bank around its items, then each item on its own; null when anything is reported. */
function parseSplit(text: string, split: ItemSplit): ParsedYaml | null {
  const { lines, starts } = split;
  const first = starts[0]!;
  const last = starts[starts.length - 1]!;
  // The bank without its items: lines from `last` on move up by `removed`, which headPos adds back.
  // (Blanking the items instead kept the line numbers but cost yaml ~10% of the whole parse: 170,000 empty lines to lex.)
  const removed = last - first;
  const head = new LineCounter();
  // Ending on a newline, as a lone "\r" at the very end would confuse yaml (CRLF text whose items came last).
  const headDoc = parseDocument(`${[...lines.slice(0, first), ...lines.slice(last)].join('\n')}\n`, { ...OPTIONS, lineCounter: head });
  const headPos = (offset: number): Position => {
    const at = head.linePos(offset);
    return at.line > first ? { line: at.line + removed, col: at.col } : at;
  };
  if (headDoc.errors.length > 0 || headDoc.warnings.length > 0) return null;
  const data = headDoc.toJS() as Record<string, unknown> | null;
  if (data === null || typeof data !== 'object' || data['items'] !== null) return null;

  // Each line keeps the newline it had (with CRLF a lone "\r" at the very end would confuse yaml).
  const chunk = (n: number): string => `${lines.slice(starts[n], starts[n + 1]).join('\n')}\n`;
  const items: unknown[] = [];
  for (let n = 0; n < starts.length - 1; n += 1) {
    const doc = parseDocument(chunk(n), OPTIONS);
    if (doc.errors.length > 0 || doc.warnings.length > 0) return null;
    const value = flattenStrings(doc.toJS() as unknown);
    if (!Array.isArray(value) || value.length !== 1) return null;
    items.push(value[0]);
  }
  data['items'] = items;

  const itemDocs = new Map<number, { doc: ReturnType<typeof parseDocument>; lines: LineCounter }>();
  const locate: Locate = (path, target = 'value') => {
    const n = path[0] === 'items' && typeof path[1] === 'number' ? path[1] : -1;
    if (n < 0 || n >= items.length) {
      return headPos(findNode(headDoc, path, target));
    }
    let entry = itemDocs.get(n);
    if (!entry) {
      const lineCounter = new LineCounter();
      entry = { doc: parseDocument(chunk(n), { ...OPTIONS, lineCounter }), lines: lineCounter };
      itemDocs.set(n, entry);
      // Findings come roughly in item order: keep a few recent trees, not all of them.
      if (itemDocs.size > MAX_CACHED_ITEMS) itemDocs.delete(itemDocs.keys().next().value!);
    }
    const local = entry.lines.linePos(findNode(entry.doc, [0, ...path.slice(2)], target));
    return { line: starts[n]! + local.line, col: local.col };
  };
  return { ok: true, data, locate, warnings: [], strategy: 'per-item' };
}

function findNode(doc: ReturnType<typeof parseDocument>, path: DataPath, target: 'value' | 'key'): number {
  let node: unknown = doc.contents;
  let offset = rangeStart(node) ?? 0;
  let keyOffset: number | undefined;
  for (const segment of path) {
    if (isAlias(node)) node = node.resolve(doc);
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(segment));
      // A key brought in by a merge (<<) has no place of its own here: stay on the mapping.
      if (!pair) return offset;
      keyOffset = rangeStart(pair.key);
      node = pair.value;
      const start = rangeStart(node);
      // `answer:` with nothing after it: point at the key, not at the empty space after it.
      offset = start !== undefined && !isEmptyScalar(node) ? start : (keyOffset ?? offset);
    } else if (isSeq(node)) {
      const item = node.items[Number(segment)];
      if (item === undefined) return offset;
      keyOffset = undefined;
      node = item;
      offset = rangeStart(node) ?? offset;
    } else {
      return offset;
    }
  }
  return target === 'key' && keyOffset !== undefined ? keyOffset : offset;
}

function rangeStart(node: unknown): number | undefined {
  if (node && typeof node === 'object' && 'range' in node) {
    const range = (node as Node).range;
    if (range) return range[0];
  }
  return undefined;
}

function isEmptyScalar(node: unknown): boolean {
  return node === null || (isScalar(node) && node.value === null && (node.source === undefined || node.source === ''));
}

function firstAliasOffset(doc: ReturnType<typeof parseDocument>): number {
  let offset: number | undefined;
  visit(doc, {
    Alias(_key, node) {
      offset = node.range?.[0];
      return visit.BREAK;
    },
  });
  return offset ?? 0;
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.trim();
}

function clip(text: string, max = 40): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** Where the text passes MAX_YAML_ENTRIES lines and commas, or undefined when it stays within. */
function overBudget(text: string): Position | undefined {
  let entries = 0;
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (c === 0x0a) {
      line += 1;
      lineStart = i + 1;
    } else if (c !== 0x2c) {
      continue;
    }
    entries += 1;
    if (entries > MAX_YAML_ENTRIES) return { line, col: i - lineStart + 1 };
  }
  return undefined;
}
