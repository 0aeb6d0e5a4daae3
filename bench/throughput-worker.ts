// One process of the throughput measurement: `node --import tsx bench/throughput-worker.ts <flavor> <endpoint>`.
// Calls the local server over keep-alive, cycling through the three operations: first one call at a time, then 32
// at a time. Prints calls/s and latency percentiles of both as JSON.
import { appConfig, appPath, loadApp, OPERATIONS, type Flavor } from "./app.js";
import { percentile } from "./stats.js";
import type { Throughput } from "./throughput.js";

const WARM_UP_CALLS = 500;
const SEQUENTIAL_CALLS = 1_500;
const CONCURRENT_CALLS = 3_000;
const CONCURRENCY = 32;

const [flavor, endpoint] = process.argv.slice(2) as [Flavor, string];
const app = await loadApp(appPath(flavor));
const clients = await app.clients(appConfig({ endpoint }));

let next = 0;
async function timedCall(latencies: number[]): Promise<void> {
  const operation = OPERATIONS[next++ % OPERATIONS.length]!;
  const start = performance.now();
  await app.calls[operation](clients);
  latencies.push(performance.now() - start);
}

/** `calls` calls spread over `lanes` loops that each wait for their previous call. */
async function run(calls: number, lanes: number): Promise<Throughput> {
  const latencies: number[] = [];
  let started = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: lanes }, async () => {
      while (started++ < calls) await timedCall(latencies);
    }),
  );
  const seconds = (performance.now() - start) / 1000;
  return { callsPerSecond: latencies.length / seconds, p50Ms: percentile(latencies, 50), p99Ms: percentile(latencies, 99) };
}

await run(WARM_UP_CALLS, CONCURRENCY);
const sequential = await run(SEQUENTIAL_CALLS, 1);
const concurrent = await run(CONCURRENT_CALLS, CONCURRENCY);
console.log(JSON.stringify({ sequential, concurrent }));
