/** What a floor reports: the rows it handled and the milliseconds of each phase. */
export interface FloorResult {
  rows: number;
  phases: Record<string, number>;
  /** Other figures worth a look (text items read, rows selected). */
  counts?: Record<string, number>;
}

/** Time one phase into `phases`. */
export async function phase<T>(phases: Record<string, number>, name: string, fn: () => T | Promise<T>): Promise<T> {
  const started = performance.now();
  const result = await fn();
  phases[name] = performance.now() - started;
  return result;
}
