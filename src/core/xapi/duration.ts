/**
 * ISO 8601 duration as xAPI wants it (`PT1H2M3.45S`), from milliseconds.
 * Hours are not folded into days: a day is not always 24 h, and LRS reports
 * compare these as time on task.
 */
export function isoDuration(ms: number): string {
  const total = Math.max(0, Math.round(ms)) / 1000;
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  // Centiseconds: cmi5 §9.5.3 asks LRSs to keep 0.01 s, and finer digits only add noise.
  const seconds = Math.round((total % 60) * 100) / 100;
  let text = 'PT';
  if (hours > 0) text += `${hours}H`;
  if (minutes > 0) text += `${minutes}M`;
  if (seconds > 0 || text === 'PT') text += `${seconds}S`;
  return text;
}
