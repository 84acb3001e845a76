import type { SingleBar } from 'cli-progress';
import { stderrIsTerminal } from './output.js';

/**
 * Work shorter than this shows no progress at all: a flash of a bar is noise.
 * FRONTLINE_PROGRESS_AFTER_MS changes it (tests use 0, so that they need no slow work).
 */
function quietForMs(): number {
  const value = Number(process.env.FRONTLINE_PROGRESS_AFTER_MS);
  return process.env.FRONTLINE_PROGRESS_AFTER_MS !== undefined && Number.isFinite(value) && value >= 0 ? value : 500;
}

export interface Progress {
  /** `done` of `total` units (records, files, attempts); call as often as convenient, drawing is throttled. */
  update(done: number, total: number): void;
  /** Clears the line; call before printing anything else, and in `finally`. */
  stop(): void;
}

const silent: Progress = { update: () => undefined, stop: () => undefined };

/** 100000 → "100,000" without loading ICU data. */
const grouped = (n: number): string => String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/**
 * A progress line on stderr for long work: `label [bar] done/total unit, rate,
 * time left`, drawn by cli-progress (the field's common choice: ETA, throttled
 * redraws, line clearing; Ink is not loaded by these commands and is far
 * heavier). Nothing at all unless stderr is a terminal and the work passes
 * half a second; nothing with `quiet` (--json, --quiet). The library loads
 * only then, so piped runs pay nothing.
 */
export function startProgress(label: string, unit: string, options: { quiet?: boolean } = {}): Progress {
  if (options.quiet || !stderrIsTerminal()) return silent;
  const started = Date.now();
  const quietFor = quietForMs();
  let library: typeof import('cli-progress') | undefined;
  // Loaded while the work starts, so that the bar can be drawn from a synchronous loop later.
  void import('cli-progress').then((loaded) => (library = loaded), () => undefined);
  let bar: SingleBar | undefined;
  let stopped = false;
  return {
    update(done, total) {
      if (stopped || !library) return;
      const now = Date.now();
      if (!bar) {
        if (now - started < quietFor || done >= total) return;
        bar = new library.SingleBar({
          stream: process.stderr,
          format: `${label} {bar} {value}/{total} ${unit}  {rate}/s  {eta_formatted} left`,
          formatValue: (value, _options, type) => (type === 'value' || type === 'total' ? grouped(value) : String(value)),
          barsize: 20,
          clearOnComplete: true,
          etaBuffer: 40,
          fps: 8,
          // Leaves the terminal's line wrapping alone (an interrupted run must not leave it off); lines are cut to the width instead.
          linewrap: true,
        }, library.Presets.shades_classic);
        bar.start(total, done, { rate: '–' });
      }
      const seconds = (now - started) / 1000;
      if (bar.getTotal() !== total) bar.setTotal(total);
      bar.update(done, { rate: seconds > 0 ? grouped(done / seconds) : '–' });
    },
    stop() {
      stopped = true;
      bar?.stop();
    },
  };
}
