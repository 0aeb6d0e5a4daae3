// The few statistics the benchmark reports.

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** The nearest-rank percentile (0 < p ≤ 100). */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/**
 * Runs `measure` for each flavor in turn, `rounds` times, so drift (thermal, other load) hits all alike; each round
 * starts one flavor later, so none is always first.
 */
export async function interleave<F extends string, T>(flavors: readonly F[], rounds: number, measure: (flavor: F, round: number) => Promise<T> | T): Promise<Record<F, T[]>> {
  const results = Object.fromEntries(flavors.map((flavor) => [flavor, [] as T[]])) as Record<F, T[]>;
  for (let round = 0; round < rounds; round++) {
    for (const flavor of inTurn(flavors, round)) results[flavor].push(await measure(flavor, round));
  }
  return results;
}

/** `items` starting at index `round` (modulo its length), wrapping around. */
export function inTurn<T>(items: readonly T[], round: number): T[] {
  const start = round % items.length;
  return [...items.slice(start), ...items.slice(0, start)];
}
