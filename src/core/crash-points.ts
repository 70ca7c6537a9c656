/**
 * For the crash test only (test/e2e/crash.test.ts): the write boundaries (before and after a
 * ledger commit, before and after an inbox file is renamed into place, once the lock is
 * taken) call `crashPoint`. Armed by the CLI's entry point from REMIT_TEST_CRASH_AT=<n>, the
 * n-th boundary the process reaches kills it with SIGKILL, as a power cut or `kill -9` would:
 * nothing after it runs, not even a `finally`. REMIT_TEST_CRASH_AT=count prints how many
 * boundaries a run passed (on stderr, at exit). Unarmed, a boundary costs one comparison.
 */
let armed: { at: number } | { count: true } | undefined;
let passed = 0;

/** Arm from the environment's value (the CLI's entry point passes REMIT_TEST_CRASH_AT). */
export function armCrashPoints(value: string | undefined, report: (text: string) => void): void {
  if (!value) return;
  if (value === 'count') {
    armed = { count: true };
    process.on('exit', () => report(`remit-test-crash-points: ${passed}\n`));
    return;
  }
  const at = Number(value);
  if (Number.isInteger(at) && at > 0) armed = { at };
}

/** A write boundary: the place a crash test may stop the process. */
export function crashPoint(): void {
  if (!armed) return;
  passed += 1;
  if ('at' in armed && passed === armed.at) process.kill(process.pid, 'SIGKILL');
}
