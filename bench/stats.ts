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

/** Runs `measure` for each flavor in turn, `rounds` times, so drift (thermal, other load) hits both alike. */
export async function interleave<F extends string, T>(flavors: readonly F[], rounds: number, measure: (flavor: F, round: number) => Promise<T> | T): Promise<Record<F, T[]>> {
  const results = Object.fromEntries(flavors.map((flavor) => [flavor, [] as T[]])) as Record<F, T[]>;
  for (let round = 0; round < rounds; round++) {
    for (const flavor of flavors) results[flavor].push(await measure(flavor, round));
  }
  return results;
}
