// 3. Per-call client overhead, in-process with a request handler that answers at once: µs per call for each
// operation. Each round runs a fresh process per client (see per-call-worker.ts), keysmith and v3 alternating.
import { FLAVORS, OPERATIONS, type Flavor, type Operation } from "./app.js";
import { runWorker } from "./processes.js";
import { interleave, median } from "./stats.js";

export type PerCall = Record<Flavor, Record<Operation, number>>;

export async function measurePerCall(rounds: number): Promise<PerCall> {
  const runs = await interleave(FLAVORS, rounds, (flavor) => runWorker<Record<Operation, number>>("per-call-worker.ts", [flavor]));
  return Object.fromEntries(
    FLAVORS.map((flavor) => [flavor, Object.fromEntries(OPERATIONS.map((operation) => [operation, median(runs[flavor].map((run) => run[operation]))]))]),
  ) as PerCall;
}
