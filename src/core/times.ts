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
