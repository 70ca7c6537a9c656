/** The one source of "now", passed in so that tests decide what time it is. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock fixed by `REMIT_NOW` (ISO timestamp), for tests and reproducible demos. */
export function clockFromEnv(value: string | undefined): Clock {
  if (!value) return systemClock;
  const fixed = new Date(value);
  if (Number.isNaN(fixed.getTime())) return systemClock;
  return { now: () => new Date(fixed.getTime()) };
}
