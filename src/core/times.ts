/**
 * Instants shown to a person in their own time: remit stores UTC ISO strings, and tables,
 * logs and pages show them in the workspace's time zone (the machine's unless remit.yaml or
 * TZ says otherwise), with the zone named so nobody has to guess.
 */

/** `2026-12-02T05:30:00.000Z` -> `2026-12-02 06:30 CET` (in `timeZone`, default the machine's). */
export function localTime(iso: string, timeZone?: string): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  const parts = new Intl.DateTimeFormat('en-CA', {
    ...(timeZone ? { timeZone } : {}),
    year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false, timeZoneName: 'short',
  }).formatToParts(at);
  const part = (type: Intl.DateTimeFormatPartTypes): string => parts.find((p) => p.type === type)?.value ?? '';
  const hour = part('hour') === '24' ? '00' : part('hour');
  return `${part('year')}-${part('month')}-${part('day')} ${hour}:${part('minute')} ${part('timeZoneName')}`.trim();
}

/** True for an ISO instant (`...T..:..Z` or with an offset): what a table shows in local time. */
export function isInstant(text: string): boolean {
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(text);
}

/** An instant as ISO 8601 in the machine's local time with its offset: `2026-12-02T06:30:00.000+01:00` (for log lines). */
export function localIso(at: Date): string {
  const offset = -at.getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  const pad = (n: number, width = 2): string => String(Math.abs(n)).padStart(width, '0');
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}T${pad(at.getHours())}:${pad(at.getMinutes())}:${pad(at.getSeconds())}.${pad(at.getMilliseconds(), 3)}` +
    `${sign}${pad(Math.trunc(offset / 60))}:${pad(offset % 60)}`;
}

/** An instant's calendar day and minute in `timeZone` (default the machine's): `{ day: '2026-12-02', minute: '2026-12-02T06:30' }`. */
export function localDayAndMinute(at: Date, timeZone?: string): { day: string; minute: string } {
  const parts = new Intl.DateTimeFormat('en-CA', {
    ...(timeZone ? { timeZone } : {}), year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false,
  }).formatToParts(at);
  const part = (type: Intl.DateTimeFormatPartTypes): string => parts.find((p) => p.type === type)?.value ?? '';
  const day = `${part('year')}-${part('month')}-${part('day')}`;
  return { day, minute: `${day}T${part('hour') === '24' ? '00' : part('hour')}:${part('minute')}` };
}
