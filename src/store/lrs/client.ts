import { backoffDelayMs, parseRetryAfter, type BackoffPolicy } from '../../core/xapi/backoff.js';
import type { Statement } from '../../core/xapi/statement.js';

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
  /** The LRS already had this id (a resend): counts as sent. */
  | { kind: 'duplicate'; reason: string }
  | { kind: 'rejected'; status: number; reason: string };

export interface SendResult {
  outcomes: Map<string, StatementOutcome>;
  /** Set when the LRS could not be reached; statements without an outcome were not stored. */
  unreachable?: string;
}

const RETRYABLE = new Set([408, 429, 500, 502, 503, 504]);

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
      const text = await response.text();
      if (response.ok) return { kind: 'stored' };
      const reason = `${response.status} ${lrsReason(text, response.statusText)}`;
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
    outcomes.set(statements[0]!.id, single(batch));
    return { outcomes };
  }
  for (const statement of statements) {
    const alone = await postStatements(settings, [statement], options);
    if (alone.kind === 'unreachable') return { outcomes, unreachable: alone.reason };
    outcomes.set(statement.id, alone.kind === 'stored' ? { kind: 'sent' } : single(alone));
  }
  return { outcomes };
}

function single(outcome: Extract<PostOutcome, { kind: 'conflict' | 'rejected' }>): StatementOutcome {
  return outcome.kind === 'conflict'
    ? { kind: 'duplicate', reason: outcome.reason }
    : { kind: 'rejected', status: outcome.status, reason: outcome.reason };
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
