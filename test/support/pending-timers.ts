import { vi } from "vitest";

/**
 * The timers started from now on through the global setTimeout (keysmith's, not the test runner's or Node's own)
 * that are pending and hold the process (fetch's own are unref'd): once a call is over, there should be none.
 * The spies go with `vi.restoreAllMocks()`.
 */
export function pendingTimers(): () => NodeJS.Timeout[] {
  const pending = new Set<NodeJS.Timeout>();
  const { setTimeout: realSetTimeout, clearTimeout: realClearTimeout } = globalThis;
  vi.spyOn(globalThis, "setTimeout").mockImplementation(((callback: (...args: unknown[]) => void, ms?: number, ...args: unknown[]) => {
    const timer = realSetTimeout(() => {
      pending.delete(timer);
      callback(...args);
    }, ms);
    pending.add(timer);
    return timer;
  }) as typeof setTimeout);
  vi.spyOn(globalThis, "clearTimeout").mockImplementation((timer) => {
    pending.delete(timer as NodeJS.Timeout);
    realClearTimeout(timer);
  });
  return () => [...pending].filter((timer) => timer.hasRef());
}
