// 2 and 5. Cold start and memory: a fresh `node` that imports the app, creates its clients and makes one call to
// the local server, then reports its memory and exits. The wall time of an empty `node -e ""` is subtracted, so what
// remains is what the client costs. Processes run one at a time, alternating the peers.
import { spawnSync } from "node:child_process";
import { appConfig, appPath, FLAVORS, type Flavor } from "./app.js";
import { bundlePath, type BundleKind } from "./bundle.js";
import { inTurn, median } from "./stats.js";

/** The app as Node loads it from dist/ and node_modules, and its two Node bundles. */
export const BUILDS = ["unbundled", "node-module", "node-default"] as const satisfies readonly ("unbundled" | BundleKind)[];
export type Build = (typeof BUILDS)[number];

export interface ColdStart {
  /** Median wall time minus the empty process's median, ms. */
  overheadMs: number;
  /** Median resident set size right after the first call, bytes. */
  rssAfterFirstCall: number;
  /** Median peak resident set size over the process's life, bytes. */
  peakRss: number;
}

export interface ColdStarts {
  emptyProcessMs: number;
  results: Record<Build, Record<Flavor, ColdStart>>;
}

// The peak is Linux's VmHWM where there is one: getrusage's maxRSS, which Node's resourceUsage() reads, keeps the
// spawning process's size across exec there, so every child would report the bench's own size whenever that is larger.
const DRIVER = `
import { readFileSync } from "node:fs";
const [app, config] = process.argv.slice(1);
const { clients, calls } = await import(app);
await calls.GetAccessKeyInfo(await clients(JSON.parse(config)));
const rss = process.memoryUsage.rss();
let highWater;
try {
  highWater = /^VmHWM:\\s*(\\d+) kB$/m.exec(readFileSync("/proc/self/status", "utf8"))?.[1];
} catch {}
const peakRss = highWater === undefined ? process.resourceUsage().maxRSS * 1024 : Number(highWater) * 1024;
process.stdout.write(JSON.stringify({ rss, peakRss }));
process.exit(0);
`;

interface Run {
  ms: number;
  rss: number;
  peakRss: number;
}

export function measureColdStarts(endpoint: string, rounds: number): ColdStarts {
  const config = JSON.stringify(appConfig({ endpoint }));
  const empty: number[] = [];
  const runs = Object.fromEntries(BUILDS.map((build) => [build, Object.fromEntries(FLAVORS.map((flavor) => [flavor, [] as Run[]]))])) as Record<Build, Record<Flavor, Run[]>>;
  for (let round = 0; round < rounds; round++) {
    empty.push(timeNode(["-e", ""]).ms);
    for (const build of BUILDS) {
      for (const flavor of inTurn(FLAVORS, round)) {
        const app = build === "unbundled" ? appPath(flavor) : bundlePath(flavor, build);
        const { ms, stdout } = timeNode(["--input-type=module", "-e", DRIVER, app, config]);
        runs[build][flavor].push({ ms, ...(JSON.parse(stdout) as { rss: number; peakRss: number }) });
      }
    }
  }
  const emptyProcessMs = median(empty);
  const summarize = (list: Run[]): ColdStart => ({
    overheadMs: median(list.map((run) => run.ms)) - emptyProcessMs,
    rssAfterFirstCall: median(list.map((run) => run.rss)),
    peakRss: median(list.map((run) => run.peakRss)),
  });
  const results = Object.fromEntries(
    BUILDS.map((build) => [build, Object.fromEntries(FLAVORS.map((flavor) => [flavor, summarize(runs[build][flavor])]))]),
  ) as Record<Build, Record<Flavor, ColdStart>>;
  return { emptyProcessMs, results };
}

// Node reads NODE_EXTRA_CA_CERTS's bundle at every start (about 40 ms here, and as noisy): the same for every peer and
// the empty process, and no part of what a client costs, so the processes run without it.
const { NODE_EXTRA_CA_CERTS: _, ...childEnv } = process.env;

function timeNode(args: string[]): { ms: number; stdout: string } {
  const start = performance.now();
  const child = spawnSync(process.execPath, args, { encoding: "utf8", env: childEnv });
  const ms = performance.now() - start;
  if (child.status !== 0) throw new Error(`node ${args.slice(-2).join(" ")} failed:\n${child.stderr}`);
  return { ms, stdout: child.stdout };
}
