/** A call's result or the fact that it threw, so that two implementations can be compared on either outcome. */
export function outcome(run: () => unknown): { returns: unknown } | { throws: true } {
  try {
    return { returns: run() };
  } catch {
    return { throws: true };
  }
}
