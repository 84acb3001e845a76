import validate from '../../generated/question-bank.validate.js';
import { fieldNames } from '../../generated/question-bank.fields.js';
import { collector, MAX_ERRORS, type DataPath, type Diagnostic, type Locate } from './diagnostic.js';
import { describePath, describeValue, didYouMean, quote, valueAt } from './describe.js';

/** The subset of ajv's ErrorObject the precompiled validator produces. */
interface SchemaError {
  instancePath: string;
  keyword: string;
  params: Record<string, unknown>;
  propertyName?: string;
  message?: string;
}

export const ITEM_TYPES = ['single', 'multiple', 'true-false', 'ordering', 'rating', 'scenario', 'written'] as const;

/** What each pattern in the schema asks for, in words. */
const PATTERNS: Record<string, string> = {
  '\\S': 'text (not empty)',
  '^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$': 'an id (letters, digits, ".", "_" or "-", starting with a letter or digit, at most 100 characters)',
  '^[a-z0-9][a-z0-9._-]{0,99}$': 'a bank id (lowercase letters, digits, ".", "_" or "-", starting with a letter or digit)',
  '^(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)(-[0-9A-Za-z.-]+)?(\\+[0-9A-Za-z.-]+)?$':
    'a semantic version like "1.0.0" (quote it if YAML reads it as a number)',
  '^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$': 'a BCP 47 language tag like "en" or "en-GB"',
  '^-?[0-9]+$': 'a whole number (a point on the scale)',
};

const TYPE_NAMES: Record<string, string> = {
  string: 'text',
  number: 'a number',
  integer: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'a mapping (key: value lines)',
  null: 'nothing',
};

/** Runs the precompiled JSON Schema validator and turns its errors into placed, readable findings. */
export function checkSchema(data: unknown, file: string, locate: Locate): Diagnostic[] {
  if (validate(data)) return [];
  const { report, finish } = collector(file, locate, { max: MAX_ERRORS });
  const errors = (validate.errors ?? []) as SchemaError[];
  const seen = new Set<string>();
  // A misspelt field ("anwser") also makes the real one missing: report the typo alone.
  const typos = new Set<string>();
  for (const error of errors) {
    if (error.keyword !== 'additionalProperties') continue;
    const near = closestField(String(error.params['additionalProperty']));
    if (near) typos.add(`${error.instancePath}|${near}`);
  }
  for (const error of errors) {
    if (error.keyword === 'required' && typos.has(`${error.instancePath}|${String(error.params['missingProperty'])}`)) continue;
    const finding = explain(data, error);
    if (!finding) continue;
    const key = `${finding.path.join('/')}|${finding.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    report(finding.path, finding.code, finding.message, { target: finding.target });
  }
  return finish();
}

interface Explained {
  path: DataPath;
  code: string;
  message: string;
  target: 'value' | 'key';
}

function explain(data: unknown, error: SchemaError): Explained | undefined {
  const path = toPath(data, error.instancePath);
  const where = describePath(data, path);
  const value = valueAt(data, path);
  const params = error.params;
  const make = (message: string, code = 'schema', at: DataPath = path, target: 'value' | 'key' = 'value'): Explained => ({
    path: at,
    code,
    message,
    target,
  });

  if (error.propertyName !== undefined) {
    // An error inside `propertyNames`: the key itself is wrong.
    const name = error.propertyName;
    const wanted = error.keyword === 'pattern' ? (PATTERNS[String(params['pattern'])] ?? 'a valid name') : 'a valid name';
    return make(`${where}: key ${quote(name)} must be ${wanted}`, 'schema', [...path, name], 'key');
  }

  switch (error.keyword) {
    case 'propertyNames':
      return undefined; // reported through the inner error above
    case 'required': {
      const missing = String(params['missingProperty']);
      return make(`${where}: missing required field "${missing}"`, 'missing-field');
    }
    case 'additionalProperties': {
      const extra = String(params['additionalProperty']);
      return make(`${where}: unknown field ${quote(extra)}${didYouMean(extra, fieldNames)}`, 'unknown-field', [...path, extra], 'key');
    }
    case 'discriminator': {
      const tag = params['tagValue'];
      const item = describePath(data, path);
      if (params['error'] === 'mapping' && typeof tag === 'string') {
        return make(
          `${item}: type ${quote(tag)} is not an item type; expected one of ${ITEM_TYPES.join(', ')}${didYouMean(tag, ITEM_TYPES)}`,
          'unknown-item-type',
          [...path, 'type'],
        );
      }
      if (tag === undefined) {
        return make(`${item}: missing required field "type" (one of ${ITEM_TYPES.join(', ')})`, 'missing-field');
      }
      return make(`${item}: type must be one of ${ITEM_TYPES.join(', ')}, found ${describeValue(tag)}`, 'unknown-item-type', [...path, 'type']);
    }
    case 'type': {
      const expected = String(params['type'])
        .split(',')
        .map((t) => TYPE_NAMES[t] ?? t)
        .join(' or ');
      if (path[path.length - 1] === 'version' && path.length === 1 && typeof value === 'number') {
        return make(`version: expected a semantic version in quotes, like "1.0.0"; YAML read this one as the number ${describeValue(value)}`);
      }
      const hint =
        expected === 'text' && (typeof value === 'number' || typeof value === 'boolean')
          ? ' (put it in quotes to keep it as text)'
          : expected === 'a list' && typeof value === 'string'
            ? ` (write [${value}] for a list of one)`
            : '';
      return make(`${where}: expected ${expected}, found ${describeValue(value)}${hint}`);
    }
    case 'enum': {
      const allowed = (params['allowedValues'] as unknown[]).map(String);
      const near = typeof value === 'string' ? didYouMean(value, allowed) : '';
      return make(`${where}: expected one of ${allowed.join(', ')}, found ${describeValue(value)}${near}`);
    }
    case 'const':
      return make(`${where}: expected ${describeValue(params['allowedValue'])}, found ${describeValue(value)}`);
    case 'pattern': {
      const wanted = PATTERNS[String(params['pattern'])] ?? `text matching ${String(params['pattern'])}`;
      return make(`${where}: expected ${wanted}, found ${describeValue(value)}`);
    }
    case 'minimum':
      return make(`${where}: must be at least ${String(params['limit'])}, found ${describeValue(value)}`, 'out-of-range');
    case 'maximum':
      return make(`${where}: must be at most ${String(params['limit'])}, found ${describeValue(value)}`, 'out-of-range');
    case 'exclusiveMinimum':
      return make(`${where}: must be more than ${String(params['limit'])}, found ${describeValue(value)}`, 'out-of-range');
    case 'exclusiveMaximum':
      return make(`${where}: must be less than ${String(params['limit'])}, found ${describeValue(value)}`, 'out-of-range');
    case 'minItems': {
      const count = Array.isArray(value) ? value.length : 0;
      const limit = Number(params['limit']);
      return make(`${where}: needs at least ${limit} ${limit === 1 ? 'entry' : 'entries'}, found ${count}`, 'too-few');
    }
    case 'oneOf':
    case 'anyOf':
      // With the discriminator on `type` these only repeat what the chosen branch said.
      return undefined;
    default:
      return make(`${where}: ${error.message ?? error.keyword}`);
  }
}

/** A JSON pointer as path segments, with sequence indexes as numbers. */
function toPath(data: unknown, pointer: string): DataPath {
  if (pointer === '') return [];
  const path: Array<string | number> = [];
  let node = data;
  for (const raw of pointer.slice(1).split('/')) {
    const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    const key: string | number = Array.isArray(node) ? Number(segment) : segment;
    path.push(key);
    node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[String(segment)] : undefined;
  }
  return path;
}

function closestField(name: string): string | undefined {
  return /"(.*)"/.exec(didYouMean(name, fieldNames))?.[1];
}
