// 3. Per-call client overhead, in-process with a transport that answers at once: µs per call for each operation, with
// the transport stubbed at each client's own seam and under node:http (see transport-stubs.ts). Each round runs a
// fresh process per client and stub, the peers alternating.
import { FLAVORS, OPERATIONS, type Flavor, type Operation } from "./app.js";
import { runWorker } from "./processes.js";
import { interleave, median } from "./stats.js";
import { STUBS, type Stub } from "./transport-stubs.js";

// Calls of each operation before the timed rounds: V8 is still optimizing the call path (its per-call closures among
// it) for the first thousand or two, and 300 left every peer's figure mostly compile time (keysmith 59–73 µs per call
// after 300, 28–33 after 3000; aws-lite and v3 also lower), which is not the client's own work.
export const WARM_UP_CALLS = 3000;

export type PerCall = Record<Stub, Record<Flavor, Record<Operation, number>>>;

export async function measurePerCall(rounds: number): Promise<PerCall> {
  const perCall = {} as PerCall;
  const runs = await interleave(
    STUBS.flatMap((stub) => FLAVORS.map((flavor) => `${flavor} ${stub}`)),
    rounds,
    (run) => runWorker<Record<Operation, number>>("per-call-worker.ts", run.split(" ")),
  );
  for (const stub of STUBS) {
    perCall[stub] = {} as Record<Flavor, Record<Operation, number>>;
    for (const flavor of FLAVORS) {
      const times = runs[`${flavor} ${stub}`];
      perCall[stub][flavor] = Object.fromEntries(OPERATIONS.map((operation) => [operation, median(times.map((run) => run[operation]))])) as Record<Operation, number>;
    }
  }
  return perCall;
}
