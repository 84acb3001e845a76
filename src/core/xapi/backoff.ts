export interface BackoffPolicy {
  /** Delay before the first retry, before jitter. @default 500 */
  baseMs?: number;
  /** Longest wait between two tries. @default 30000 */
  maxMs?: number;
}

/**
 * Wait before retry number `retry` (0 = first retry): exponential with "full
 * jitter" (a uniform draw between 0 and the exponential ceiling), so that a
 * whole site coming back online at once does not hammer the LRS in step.
 * A `Retry-After` from the server is a floor, never shortened by jitter.
 * `random` returns [0, 1), as Math.random does; it is an argument so tests are exact.
 */
export function backoffDelayMs(
  retry: number,
  random: () => number,
  policy: BackoffPolicy = {},
  retryAfterMs?: number,
): number {
  const base = policy.baseMs ?? 500;
  const max = policy.maxMs ?? 30_000;
  const ceiling = Math.min(max, base * 2 ** Math.max(0, retry));
  const jittered = Math.floor(random() * ceiling);
  return retryAfterMs === undefined ? jittered : Math.min(max, Math.max(jittered, retryAfterMs));
}

/** `Retry-After` as delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
