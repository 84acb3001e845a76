import type { CaseStudy } from '../../core/bank/types.js';
import { sanitizeText } from '../../core/text/sanitize.js';
import { line, type Line } from '../layout/line.js';
import { wrapHanging, wrapText } from '../layout/wrap.js';

const speakerLabel = (speaker: string, name: string | undefined): string =>
  name ? sanitizeText(name) : speaker.charAt(0).toUpperCase() + speaker.slice(1);

/** The whole case study as wrapped rows; the item screen shows a window of them. */
export function layoutCase(study: CaseStudy, width: number): Line[] {
  const out: Line[] = [line(`Case: ${sanitizeText(study.title)} (${study.channel})`, { bold: true })];
  for (const [key, value] of Object.entries(study.meta ?? {})) {
    out.push(...wrapHanging(`${sanitizeText(key)}: `, sanitizeText(value), width).map((t) => line(t, { dim: true })));
  }
  if (study.text) out.push(...wrapText(sanitizeText(study.text), width).map((t) => line(t)));
  for (const turn of study.transcript ?? []) {
    const at = turn.at ? `[${sanitizeText(turn.at)}] ` : '';
    out.push(...wrapHanging(`${at}${speakerLabel(turn.speaker, turn.name)}: `, sanitizeText(turn.text), width).map((t) => line(t)));
  }
  return out;
}
