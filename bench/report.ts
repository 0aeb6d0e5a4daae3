// The results as markdown: one table (metric | keysmith | v3 | ratio | budget | met?), then where the bundle bytes go.
import { cpus } from "node:os";
import { FLAVORS, OPERATIONS, v3Packages, type Flavor } from "./app.js";
import { PLATFORMS, type BundleSizes, type Contribution } from "./bundle.js";
import type { CodegenTimes } from "./codegen.js";
import type { Build, ColdStarts } from "./cold-start.js";
import type { Footprint } from "./footprint.js";
import type { PerCall } from "./per-call.js";
import type { Throughputs } from "./throughput.js";

export interface Results {
  bundles: BundleSizes;
  perCall: PerCall;
  coldStarts: ColdStarts;
  throughput: Throughputs;
  footprint: Record<Flavor, Footprint>;
  codegen: CodegenTimes;
  /** How the measurements were repeated, for the notes. */
  settings: { coldStartRounds: number; perCallRounds: number; throughputRounds: number; codegenRuns: number };
  seconds: number;
}

interface Budget {
  label: string;
  met(ratio: number): string;
}

interface Row {
  metric: string;
  keysmith: string;
  v3: string;
  ratio?: number;
  budget?: Budget;
}

const atMost = (limit: number, label: string): Budget => ({ label, met: (ratio) => (ratio <= limit ? "yes" : "no") });
const atLeast = (limit: number, label: string): Budget => ({ label, met: (ratio) => (ratio >= limit ? "yes" : "no") });

// The budgets of the issue.
const BUDGETS = {
  bundleNode: { label: "≤ 1/6 (aim ≤ 1/8)", met: (ratio: number) => (ratio <= 1 / 8 ? "yes, aim too" : ratio <= 1 / 6 ? "yes" : "no") },
  bundleBrowser: atMost(1 / 4, "≤ 1/4"),
  coldStart: atMost(1 / 6, "≤ 1/6"),
  perCall: atMost(1 / 5, "≤ 1/5"),
  throughput: atLeast(1.5, "≥ 1.5×"),
  rss: { label: "below v3", met: (ratio: number) => (ratio < 1 ? "yes" : "no") },
};

const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
const ms = (value: number) => `${value.toFixed(1)} ms`;
const latency = (value: number) => `${value.toFixed(2)} ms`;
const us = (value: number) => `${value.toFixed(0)} µs`;
const rate = (value: number) => `${Math.round(value)} calls/s`;

function compare(metric: string, values: Record<Flavor, number>, format: (value: number) => string, budget?: Budget): Row {
  return { metric, keysmith: format(values.keysmith), v3: format(values.v3), ratio: values.keysmith / values.v3, ...(budget ? { budget } : {}) };
}

const pick = <T>(byFlavor: Record<Flavor, T>, value: (item: T) => number) =>
  Object.fromEntries(FLAVORS.map((flavor) => [flavor, value(byFlavor[flavor])])) as Record<Flavor, number>;

const BUILD_LABEL: Record<Build, string> = { unbundled: "from dist/ and node_modules", bundled: "Node bundle" };

function rows(results: Results): Row[] {
  const { bundles, coldStarts, perCall, throughput, footprint, codegen } = results;
  const byBuild = (build: Build) => coldStarts.results[build];
  return [
    compare("Bundle, Node, min+gzip", pick(bundles.node, (size) => size.gzipped), kib, BUDGETS.bundleNode),
    compare("Bundle, Node, minified", pick(bundles.node, (size) => size.minified), kib),
    compare("Bundle, browser, min+gzip", pick(bundles.browser, (size) => size.gzipped), kib, BUDGETS.bundleBrowser),
    compare("Bundle, browser, minified", pick(bundles.browser, (size) => size.minified), kib),
    ...(["unbundled", "bundled"] as const).map((build) =>
      compare(`Cold start overhead, ${BUILD_LABEL[build]}`, pick(byBuild(build), (run) => run.overheadMs), ms, BUDGETS.coldStart),
    ),
    ...(["unbundled", "bundled"] as const).map((build) =>
      compare(`RSS after first call, ${BUILD_LABEL[build]}`, pick(byBuild(build), (run) => run.rssAfterFirstCall), mib, BUDGETS.rss),
    ),
    ...(["unbundled", "bundled"] as const).map((build) => compare(`Peak RSS, ${BUILD_LABEL[build]}`, pick(byBuild(build), (run) => run.peakRss), mib)),
    ...OPERATIONS.map((operation) => compare(`Per call, ${operation}`, pick(perCall, (times) => times[operation]), us, BUDGETS.perCall)),
    ...(["sequential", "concurrent"] as const).flatMap((mode) => {
      const label = mode === "sequential" ? "sequential" : "32 concurrent";
      return [
        compare(`Throughput, ${label}`, pick(throughput[mode], (run) => run.callsPerSecond), rate, BUDGETS.throughput),
        compare(`Latency p50, ${label}`, pick(throughput[mode], (run) => run.p50Ms), latency),
        compare(`Latency p99, ${label}`, pick(throughput[mode], (run) => run.p99Ms), latency),
      ];
    }),
    compare("Installed packages", pick(footprint, (install) => install.packages), String),
    compare("Installed size", pick(footprint, (install) => install.bytes), mib),
    ...codegen.times.map(({ model, operations, ms: time }) => ({
      metric: `Codegen, ${model} (${operations} operation${operations === 1 ? "" : "s"})`,
      keysmith: ms(time),
      v3: "–",
    })),
  ];
}

function table(list: Row[]): string {
  const lines = ["| metric | keysmith | v3 | ratio | budget | met? |", "| --- | ---: | ---: | ---: | --- | --- |"];
  for (const row of list) {
    const ratio = row.ratio === undefined ? "–" : row.ratio.toFixed(2);
    const budget = row.budget?.label ?? "";
    const met = row.budget && row.ratio !== undefined ? row.budget.met(row.ratio) : "";
    lines.push(`| ${row.metric} | ${row.keysmith} | ${row.v3} | ${ratio} | ${budget} | ${met} |`);
  }
  return lines.join("\n");
}

function contributions(list: Contribution[]): string {
  return list.map(({ name, bytes }) => `\`${name}\` ${kib(bytes)}`).join(", ");
}

function whereTheBytesGo(bundles: BundleSizes): string {
  const sections: string[] = [];
  for (const platform of PLATFORMS) {
    for (const flavor of FLAVORS) {
      const size = bundles[platform][flavor];
      sections.push(
        `**${flavor}, ${platform}** (${kib(size.minified)} minified)\n` +
          `- by package: ${contributions(size.largestPackages)}\n` +
          `- by file: ${contributions(size.largestFiles)}`,
      );
    }
  }
  return sections.join("\n\n");
}

export function report(results: Results): string {
  const cpu = cpus();
  const { settings } = results;
  const date = new Date().toISOString().replace("T", " ").slice(0, 16);
  return `## keysmith vs AWS SDK v3

${date} UTC · Node ${process.version} · ${cpu[0]?.model ?? "unknown CPU"} × ${cpu.length} cores · v3: ${v3Packages().join(", ")} · \`npm run bench\` took ${Math.round(results.seconds)} s

${table(rows(results))}

Ratios are keysmith / v3. Every timing alternates keysmith and v3 runs; each value is a median.
- Bundle: the same app (the three calls), esbuild ESM, minified, \`mainFields: ["module", "main"]\`; gzip level 9.
- Cold start: a fresh \`node\` imports the app, creates both clients and makes one call to a local server; median wall
  time of ${settings.coldStartRounds} runs minus that of an empty \`node -e ""\` (${ms(results.coldStarts.emptyProcessMs)}). RSS is read in the same processes.
- Per call: in-process, a request handler that answers at once; median of ${settings.perCallRounds} processes per client.
- Throughput: a keep-alive server in its own process on 127.0.0.1; the operations in turn; median of ${settings.throughputRounds} processes per client.
- Installed: \`npm install --offline\` of the packed tarball vs the two v3 clients into an empty project; size is the files' total.
- Codegen: \`generate()\` in-process, median of ${settings.codegenRuns} runs.${results.codegen.skipped ? ` ${results.codegen.skipped}.` : ""}

### Where the bundle bytes go (minified bytes, before gzip)

${whereTheBytesGo(results.bundles)}
`;
}
