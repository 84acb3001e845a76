import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, visit, type Node } from 'yaml';
import type { DataPath, Diagnostic, Locate, Position } from './diagnostic.js';

/**
 * How often one anchor may be expanded (weighted by what it contains). yaml's
 * default of 100 is tight for a bank that reuses a shared feedback text across
 * many items, and still stops a "billion laughs" file long before it costs memory.
 */
const MAX_ALIAS_COUNT = 1000;
/** A broken file can produce an error per line; the first few say enough. */
const MAX_SYNTAX_ERRORS = 20;

export type ParsedYaml =
  | { ok: true; data: unknown; locate: Locate; warnings: Diagnostic[] }
  | { ok: false; errors: Diagnostic[]; warnings: Diagnostic[] };

/** YAML text to plain data, keeping the document so findings can be placed later. */
export function parseYaml(text: string, file: string): ParsedYaml {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, {
    lineCounter,
    uniqueKeys: true,
    prettyErrors: false,
    merge: true,
    keepSourceTokens: false,
  });
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

  const locate: Locate = (path, target = 'value') => {
    const found = findNode(doc, path, target);
    return at(found);
  };
  return { ok: true, data, locate, warnings };
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
