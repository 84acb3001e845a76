import type { TimeWarning } from '../../core/attempt/session.js';

/** mm:ss (h:mm:ss from an hour up); never negative, rounded up so 0:00 means time is really out. */
export function formatClock(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const mm = String(m).padStart(2, '0');
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${mm}:${ss}` : `${mm}:${ss}`;
}

/** As the session's `dueWarning` reports it; the thresholds live there, not in the UI. */
export type { TimeWarning };

export function timeWarningText(warning: TimeWarning): string | undefined {
  switch (warning) {
    case '1-minute':
      return '! Less than 1 minute left: answers are saved as you go.';
    case '5-minutes':
      return '! Less than 5 minutes left.';
    case undefined:
      return undefined;
  }
}
