// RFC 3339's date-time (the profile of ISO 8601 that VC 2.0 and JSON Schema's
// "date-time" use), or a full date alone. Date.parse is far looser: it reads
// "1" as 2001 and "12/01" as a local date.
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2}))?$/;

/**
 * Milliseconds since the epoch for an RFC 3339 date-time
 * (`2026-11-01T09:30:00Z`, `2026-11-01T10:30:00+01:00`) or a full date
 * (`2026-11-01`, midnight UTC); NaN for anything else, including dates that do
 * not exist (`2026-02-30`) and a time without its offset.
 */
export function parseRfc3339(text: string): number {
  const m = DATE_TIME.exec(text);
  if (!m) return NaN;
  const [, y, mo, d, h = '00', mi = '00', s = '00', , zone] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return NaN;
  if (Number(h) > 23 || Number(mi) > 59 || Number(s) > 60) return NaN;
  if (zone !== undefined && zone.length > 1 && (Number(zone.slice(1, 3)) > 23 || Number(zone.slice(4)) > 59)) return NaN;
  if (m[4] === undefined) return Date.UTC(year, month - 1, day);
  // A leap second (:60) is allowed by RFC 3339; Date.parse takes it as the next second's start.
  return Date.parse(s === '60' ? text.replace(/:60(?=[.Zz+-])/, ':59') : text) + (s === '60' ? 1000 : 0);
}

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}
