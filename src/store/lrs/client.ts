import { backoffDelayMs, parseRetryAfter, type BackoffPolicy } from '../../core/xapi/backoff.js';
import type { Statement } from '../../core/xapi/statement.js';
import { sameStatement } from '../../core/xapi/statement-match.js';

export interface LrsSettings {
  /** The xAPI endpoint, e.g. `https://lrs.example.com/data/xAPI`; `/statements` is appended. */
  endpoint: string;
  /** Value of the Authorization header, e.g. `Basic dXNlcjpwYXNz`. */
  authorization?: string;
}

export interface LrsClientOptions {
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  /** Per request. @default 15000 */
  timeoutMs?: number;
  /** Tries per request, the first included. @default 5 */
  maxTries?: number;
  backoff?: BackoffPolicy;
}

/** What the LRS said about one POST, after retries. */
export type PostOutcome =
  | { kind: 'stored' }
  /** 409: the LRS already holds a statement with one of these ids. */
  | { kind: 'conflict'; reason: string }
  | { kind: 'rejected'; status: number; reason: string }
  /** Network error, timeout, or 5xx/429 on every try: nothing was stored. */
  | { kind: 'unreachable'; reason: string };

export type StatementOutcome =
  | { kind: 'sent' }
  /** The LRS already holds this statement, same content (a resend). */
  | { kind: 'alreadyStored' }
  /** The LRS holds a different statement under this id (409): an error, never retried. */
  | { kind: 'conflict'; reason: string }
  | { kind: 'rejected'; status: number; reason: string };

export interface SendResult {
  outcomes: Map<string, StatementOutcome>;
  /** Set when the LRS could not be reached; statements without an outcome were not stored. */
  unreachable?: string;
}

const RETRYABLE = new Set([408, 429, 500, 502, 503, 504]);

/**
 * The most of a response body read: ids of a 50-statement batch take 2 KB and
 * an error reason is cut to 500 characters, so 1 MiB is generous; a server that
 * sends more (an endless body) is cut off instead of filling memory.
 */
export const MAX_RESPONSE_BYTES = 1 << 20;

export function statementsUrl(endpoint: string): string {
  return `${endpoint.replace(/\/+$/, '')}/statements`;
}

/** `user:pass` becomes HTTP Basic; a value that already names a scheme ("Basic ...", "Bearer ...") is used as it is. */
export function authorizationHeader(auth: string): string {
  return /^[A-Za-z]+ \S/.test(auth) ? auth : `Basic ${Buffer.from(auth, 'utf8').toString('base64')}`;
}

/** One POST /statements, retried with backoff on network errors, 408, 429 and 5xx. */
export async function postStatements(
  settings: LrsSettings,
  statements: readonly Statement[],
  options: LrsClientOptions = {},
): Promise<PostOutcome> {
  const doFetch = options.fetch ?? fetch;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const random = options.random ?? Math.random;
  const maxTries = options.maxTries ?? 5;
  const headers: Record<string, string> = {
    'Content-Type': 'application/json',
    'X-Experience-API-Version': '1.0.3',
  };
  if (settings.authorization) headers['Authorization'] = settings.authorization;
  const body = JSON.stringify(statements);

  let lastReason = '';
  for (let attempt = 0; attempt < maxTries; attempt++) {
    let retryAfter: number | undefined;
    try {
      const response = await doFetch(statementsUrl(settings.endpoint), {
        method: 'POST',
        headers,
        body,
        signal: AbortSignal.timeout(options.timeoutMs ?? 15_000),
      });
      const text = await readCapped(response, MAX_RESPONSE_BYTES);
      if (response.ok) {
        // A 200 that is not the xAPI answer (a captive portal's login page, a proxy) stored nothing:
        // the statements stay queued, as when the LRS cannot be reached.
        const refused = storedIdsProblem(text, statements);
        return refused === undefined ? { kind: 'stored' } : { kind: 'unreachable', reason: `${response.status}, but ${refused}` };
      }
      const reason = `${response.status} ${lrsReason(text ?? '', response.statusText)}`;
      if (response.status === 409) return { kind: 'conflict', reason };
      if (!RETRYABLE.has(response.status)) return { kind: 'rejected', status: response.status, reason };
      lastReason = reason;
      retryAfter = parseRetryAfter(response.headers.get('retry-after'), Date.now());
    } catch (error) {
      lastReason = networkReason(error);
    }
    if (attempt + 1 < maxTries) await sleep(backoffDelayMs(attempt, random, options.backoff, retryAfter));
  }
  return { kind: 'unreachable', reason: lastReason };
}

/**
 * Why a 2xx body is not the xAPI answer to POST /statements (a JSON array of
 * the ids sent, in order: xAPI 1.0.3 §2.1.3, "Statement Resource"); undefined
 * when it is.
 */
export function storedIdsProblem(body: string | undefined, statements: readonly Statement[]): string | undefined {
  if (body === undefined) return 'the answer was longer than any list of statement ids (not an LRS?)';
  let ids: unknown;
  try {
    ids = JSON.parse(body);
  } catch {
    const looksHtml = /^\s*</.test(body);
    return looksHtml ? 'the answer is an HTML page, not the LRS (a captive portal or proxy?)' : 'the answer is not JSON (not an LRS?)';
  }
  const sent = statements.map((s) => s.id);
  if (!Array.isArray(ids) || ids.length !== sent.length || ids.some((id, i) => typeof id !== 'string' || id.toLowerCase() !== sent[i]!.toLowerCase())) {
    return 'the answer is not the list of the statement ids sent (not an LRS?)';
  }
  return undefined;
}

/** The body as text, or undefined when it runs past `max` bytes (the rest is not read). */
async function readCapped(response: Response, max: number): Promise<string | undefined> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel().catch(() => undefined);
      return undefined;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Sends statements as one batch. xAPI batches are all-or-nothing, so when the
 * LRS refuses a batch (one statement invalid, or one id already stored) each
 * statement is sent alone to find out which, and the rest still get through.
 */
export async function sendStatements(
  settings: LrsSettings,
  statements: readonly Statement[],
  options: LrsClientOptions = {},
): Promise<SendResult> {
  const outcomes = new Map<string, StatementOutcome>();
  const batch = await postStatements(settings, statements, options);
  if (batch.kind === 'stored') {
    for (const s of statements) outcomes.set(s.id, { kind: 'sent' });
    return { outcomes };
  }
  if (batch.kind === 'unreachable') return { outcomes, unreachable: batch.reason };
  if (statements.length === 1) {
    outcomes.set(statements[0]!.id, await single(settings, statements[0]!, batch, options));
    return { outcomes };
  }
  for (const statement of statements) {
    const alone = await postStatements(settings, [statement], options);
    if (alone.kind === 'unreachable') return { outcomes, unreachable: alone.reason };
    outcomes.set(statement.id, alone.kind === 'stored' ? { kind: 'sent' } : await single(settings, statement, alone, options));
  }
  return { outcomes };
}

/**
 * A 409 says the LRS holds that id; xAPI lets an LRS answer 409 to an
 * identical resend too, so the stored statement is read back to tell the two apart.
 */
async function single(
  settings: LrsSettings,
  statement: Statement,
  outcome: Extract<PostOutcome, { kind: 'conflict' | 'rejected' }>,
  options: LrsClientOptions,
): Promise<StatementOutcome> {
  if (outcome.kind === 'rejected') return { kind: 'rejected', status: outcome.status, reason: outcome.reason };
  const stored = await readStatement(settings, statement.id, options);
  if (stored.kind === 'found' && sameStatement(statement, stored.statement)) return { kind: 'alreadyStored' };
  const why =
    stored.kind === 'found' ? 'the LRS holds a different statement under this id'
    : stored.kind === 'absent' ? 'yet the LRS returns no statement under this id'
    : `could not read it back (${stored.reason})`;
  return { kind: 'conflict', reason: `${outcome.reason}: ${why}` };
}

export type ReadBack = { kind: 'found'; statement: unknown } | { kind: 'absent' } | { kind: 'failed'; reason: string };

/** GET statements?statementId=…: one try, as a check, not a delivery. */
export async function readStatement(settings: LrsSettings, id: string, options: LrsClientOptions = {}): Promise<ReadBack> {
  const doFetch = options.fetch ?? fetch;
  const headers: Record<string, string> = { 'X-Experience-API-Version': '1.0.3' };
  if (settings.authorization) headers['Authorization'] = settings.authorization;
  try {
    const response = await doFetch(`${statementsUrl(settings.endpoint)}?${new URLSearchParams({ statementId: id })}`, {
      headers,
      signal: AbortSignal.timeout(options.timeoutMs ?? 15_000),
    });
    const text = await response.text();
    if (response.status === 404) return { kind: 'absent' };
    if (!response.ok) return { kind: 'failed', reason: `${response.status} ${lrsReason(text, response.statusText)}` };
    return { kind: 'found', statement: JSON.parse(text) as unknown };
  } catch (error) {
    return { kind: 'failed', reason: error instanceof SyntaxError ? 'the LRS answered with something other than JSON' : networkReason(error) };
  }
}

/**
 * For statements that may have reached the LRS before (a resend): which it
 * already holds, the same or different. Those it lacks, or that could not be
 * read back, are left out of the map and get sent.
 */
export async function findStored(
  settings: LrsSettings,
  statements: readonly Statement[],
  options: LrsClientOptions = {},
): Promise<Map<string, Extract<StatementOutcome, { kind: 'alreadyStored' | 'conflict' }>>> {
  const found = new Map<string, Extract<StatementOutcome, { kind: 'alreadyStored' | 'conflict' }>>();
  for (const statement of statements) {
    const stored = await readStatement(settings, statement.id, options);
    if (stored.kind !== 'found') continue;
    found.set(
      statement.id,
      sameStatement(statement, stored.statement) ? { kind: 'alreadyStored' } : { kind: 'conflict', reason: 'the LRS holds a different statement under this id' },
    );
  }
  return found;
}

/** LRSs put the reason in JSON (`message`, Learning Locker and others) or plain text. */
function lrsReason(body: string, fallback: string): string {
  let reason = body.trim();
  try {
    const parsed = JSON.parse(body) as { message?: unknown; warnings?: unknown };
    const parts = [
      ...(typeof parsed.message === 'string' ? [parsed.message] : []),
      ...(Array.isArray(parsed.warnings) ? parsed.warnings.map(String) : []),
    ];
    if (parts.length > 0) reason = parts.join('; ');
  } catch {
    /* not JSON: keep the text */
  }
  reason = reason.replace(/\s+/g, ' ');
  if (reason === '') return fallback;
  return reason.length > 500 ? `${reason.slice(0, 500)}…` : reason;
}

function networkReason(error: unknown): string {
  if (error instanceof Error) {
    if (error.name === 'TimeoutError') return 'timed out';
    const cause = (error as Error & { cause?: { code?: string; message?: string } }).cause;
    if (cause?.code) return `${cause.code}${cause.message ? ` (${cause.message})` : ''}`;
    if (cause?.message) return `${error.message}: ${cause.message}`;
    return error.message;
  }
  return String(error);
}
