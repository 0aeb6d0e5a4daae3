// 4. Throughput against the local keep-alive server (its own process): calls/s and latency, one call at a time and
// 32 at a time. Each round runs a fresh client process per flavor (see throughput-worker.ts), alternating.
import { FLAVORS, type Flavor } from "./app.js";
import { runWorker } from "./processes.js";
import { interleave, median } from "./stats.js";

export interface Throughput {
  callsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
}

export const MODES = ["sequential", "concurrent"] as const;
export type Mode = (typeof MODES)[number];
export type Throughputs = Record<Mode, Record<Flavor, Throughput>>;

export async function measureThroughput(endpoint: string, rounds: number): Promise<Throughputs> {
  const runs = await interleave(FLAVORS, rounds, (flavor) => runWorker<Record<Mode, Throughput>>("throughput-worker.ts", [flavor, endpoint]));
  const summarize = (list: Throughput[]): Throughput => ({
    callsPerSecond: median(list.map((run) => run.callsPerSecond)),
    p50Ms: median(list.map((run) => run.p50Ms)),
    p99Ms: median(list.map((run) => run.p99Ms)),
  });
  return Object.fromEntries(
    MODES.map((mode) => [mode, Object.fromEntries(FLAVORS.map((flavor) => [flavor, summarize(runs[flavor].map((run) => run[mode]))]))]),
  ) as Throughputs;
}
