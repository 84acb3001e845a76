/**
 * The settings `frontline config` may set, and how each value is read from the
 * command line. Declared once: `config set` and `config list` read this table,
 * `config --help` is generated from it, the config file's type
 * (FrontlineConfig) is derived from it, and a test holds the README and
 * docs/taking.md to it.
 */
export type ConfigValueKind = 'text' | 'boolean' | 'url' | 'path';

export interface ConfigKey {
  key: string;
  kind: ConfigValueKind;
  /** Shown as "(set)" by `config list`; `config get` still prints it, like `git config`. */
  secret?: boolean;
  description: string;
}

export const CONFIG_KEYS = [
  { key: 'candidate.remember', kind: 'boolean', description: 'prefill take with the last person to start a test here (default false: shared machines)' },
  { key: 'candidate.name', kind: 'text', description: 'prefills the name on the start screen of take (when candidate.remember is true)' },
  { key: 'candidate.employeeId', kind: 'text', description: 'prefills the employee id on the start screen of take (when candidate.remember is true)' },
  { key: 'tags.<name>', kind: 'text', description: 'a label added to every attempt on this machine (site, team, cohort)' },
  { key: 'signing.keyFile', kind: 'path', description: 'private key that signs a certificate when take ends with a pass (proctored machines)' },
  { key: 'issuer.name', kind: 'text', description: 'organisation named on certificates when the key has no issuer.json' },
  { key: 'marker', kind: 'text', description: 'who marks written replies with frontline mark (recorded with each mark)' },
  { key: 'lrs.endpoint', kind: 'url', description: 'xAPI endpoint of the Learning Record Store' },
  { key: 'lrs.auth', kind: 'text', secret: true, description: 'LRS credentials: user:key or a full Authorization value' },
  { key: 'lrs.homePage', kind: 'url', description: 'homePage of the xAPI actor account (the HR system employee ids belong to)' },
  { key: 'lrs.activityBase', kind: 'url', description: 'base IRI for activity ids in statements' },
  { key: 'lrs.includeItems', kind: 'boolean', description: 'also send an answered statement per item' },
] as const satisfies readonly ConfigKey[];

type ValueOfKind<Kind extends ConfigValueKind> = Kind extends 'boolean' ? boolean : string;
/** 'lrs.auth' -> { lrs?: { auth?: V } }; 'tags.<name>' -> { tags?: Record<string, V> }. */
type Nested<Path extends string, V> = Path extends `${infer Head}.<name>`
  ? { [H in Head]?: Record<string, V> }
  : Path extends `${infer Head}.${infer Rest}`
    ? { [H in Head]?: Nested<Rest, V> }
    : { [P in Path]?: V };
type ShapeOf<Entry> = Entry extends { key: infer Key extends string; kind: infer Kind extends ConfigValueKind } ? Nested<Key, ValueOfKind<Kind>> : never;
type Intersect<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void ? I : never;
/** One object type from an intersection of them, level by level (so conf's dotted-key types read it). */
type Merged<T> = T extends Record<string, unknown> ? { [K in keyof T]: Merged<T[K]> } : T;

/** The settings file (config.json), as the table above describes it. */
export type FrontlineConfig = Merged<Intersect<ShapeOf<(typeof CONFIG_KEYS)[number]>>>;

const TAG_NAME = /^[A-Za-z][\w-]{0,39}$/;

/** The table entry for a dotted key, or undefined when frontline has no such setting. */
export function findConfigKey(key: string): ConfigKey | undefined {
  if (key.startsWith('tags.')) {
    return TAG_NAME.test(key.slice('tags.'.length)) ? CONFIG_KEYS.find((k) => k.key === 'tags.<name>') : undefined;
  }
  return CONFIG_KEYS.find((k) => k.key === key);
}

export type ParsedConfigValue = { ok: true; value: string | boolean } | { ok: false; message: string };

/** Reads a value typed on the command line as the key expects it. Paths are resolved by the caller. */
export function parseConfigValue(entry: ConfigKey, raw: string): ParsedConfigValue {
  switch (entry.kind) {
    case 'text':
      return raw.trim() === '' ? { ok: false, message: `${entry.key}: give a value (use \`config unset\` to remove it)` } : { ok: true, value: raw };
    case 'path':
      return raw.trim() === '' ? { ok: false, message: `${entry.key}: give a file path` } : { ok: true, value: raw };
    case 'boolean': {
      const lower = raw.trim().toLowerCase();
      if (['true', 'yes', 'on', '1'].includes(lower)) return { ok: true, value: true };
      if (['false', 'no', 'off', '0'].includes(lower)) return { ok: true, value: false };
      return { ok: false, message: `${entry.key}: expected true or false, found ${JSON.stringify(raw)}` };
    }
    case 'url': {
      let url: URL;
      try {
        url = new URL(raw);
      } catch {
        return { ok: false, message: `${entry.key}: not a URL: ${JSON.stringify(raw)}` };
      }
      if (url.protocol !== 'https:' && url.protocol !== 'http:') {
        return { ok: false, message: `${entry.key}: expected an http(s) URL, found ${url.protocol}` };
      }
      return { ok: true, value: raw };
    }
  }
}

/** Every set leaf of a config object as dotted key → value, in key order. */
export function flattenConfig(value: unknown, prefix = ''): Array<[string, unknown]> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return prefix ? [[prefix, value]] : [];
  return Object.keys(value)
    .sort()
    .flatMap((k) => flattenConfig((value as Record<string, unknown>)[k], prefix ? `${prefix}.${k}` : k));
}

/** The JSON type each setting must have in config.json (sections are objects). */
const VALUE_TYPES: Readonly<Record<string, 'string' | 'boolean'>> = {
  'candidate.name': 'string',
  'candidate.employeeId': 'string',
  'signing.keyFile': 'string',
  'issuer.name': 'string',
  'lrs.endpoint': 'string',
  'lrs.auth': 'string',
  'lrs.homePage': 'string',
  'lrs.activityBase': 'string',
  'lrs.includeItems': 'boolean',
};

const describeJson = (value: unknown): string =>
  value === null ? 'null' : Array.isArray(value) ? 'a list' : typeof value === 'object' ? 'an object' : typeof value === 'string' ? 'text' : `a ${typeof value}`;

/**
 * The first setting in a parsed config.json whose value has the wrong type
 * (`{"lrs":{"endpoint":5}}`), as "key: expected ..., found ..."; undefined
 * when every known setting has its type. Unknown keys are left alone.
 */
export function configTypeProblem(config: Record<string, unknown>): string | undefined {
  for (const [key, value] of flattenConfig(config)) {
    const section = key.split('.')[0] ?? key;
    if (['candidate', 'tags', 'signing', 'issuer', 'lrs'].includes(section) && !key.includes('.')) {
      return `${key}: expected an object, found ${describeJson(value)}`;
    }
    const want = section === 'tags' ? 'string' : VALUE_TYPES[key];
    if (want !== undefined && typeof value !== want) {
      return `${key}: expected ${want === 'string' ? 'text' : 'true or false'}, found ${describeJson(value)}`;
    }
  }
  return undefined;
}
