// The results as markdown: one table (metric | the three peers | keysmith's ratios to each | goal | met?), then where
// the bundle bytes go.
import { cpus } from "node:os";
import { FLAVORS, OPERATIONS, PEER_PACKAGES, pinned, type Flavor } from "./app.js";
import { BUNDLE_KINDS, BUNDLES, type BundleKind, type BundleSize, type BundleSizes, type Contribution, type NoBundle } from "./bundle.js";
import type { CodegenTimes } from "./codegen.js";
import { BUILDS, type Build, type ColdStarts } from "./cold-start.js";
import type { Footprint } from "./footprint.js";
import { WARM_UP_CALLS, type PerCall } from "./per-call.js";
import type { Throughputs } from "./throughput.js";

export interface Results {
  bundles: BundleSizes;
  /** The credential chain's role, web-identity and IAM Identity Center share of keysmith's Node bundle, gzipped. */
  chainShare: number;
  perCall: PerCall;
  coldStarts: ColdStarts;
  throughput: Throughputs;
  footprint: Record<Flavor, Footprint>;
  codegen: CodegenTimes;
  /** How the measurements were repeated, for the notes. */
  settings: { coldStartRounds: number; perCallRounds: number; throughputRounds: number; codegenRuns: number };
  seconds: number;
}

/** A goal of the issue for keysmith's value: at most (or at least) aws-lite's, or a fixed limit. */
interface Goal {
  /** A number, or the peer whose value is the limit. */
  limit: number | "aws-lite";
  /** "max": keysmith's value must not exceed the limit; "min": it must not fall below it. */
  bound: "max" | "min";
}

interface Row {
  metric: string;
  values: Partial<Record<Flavor, number>>;
  format: (value: number) => string;
  goals?: Goal[];
  /** Why a peer has no value. */
  missing?: Partial<Record<Flavor, string>>;
}

const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
const kibFine = (bytes: number) => `${(bytes / 1024).toFixed(2)} KiB`;
const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
const ms = (value: number) => `${value.toFixed(1)} ms`;
const latency = (value: number) => `${value.toFixed(2)} ms`;
const us = (value: number) => `${value.toFixed(0)} µs`;
const rate = (value: number) => `${Math.round(value)} calls/s`;
const count = (value: number) => String(value);

const atMostAwsLite: Goal = { limit: "aws-lite", bound: "max" };
const atLeastAwsLite: Goal = { limit: "aws-lite", bound: "min" };
const atMost = (limit: number): Goal => ({ limit, bound: "max" });

// The goals of the issue: ahead of aws-lite on every headline metric, and these limits.
const KIB = 1024;
const GOALS = {
  bundle: { "node-default": [atMostAwsLite], "node-module": [atMost(24 * KIB), atMostAwsLite], browser: [atMost(20 * KIB)] } satisfies Record<BundleKind, Goal[]>,
  coldStart: { unbundled: [atMost(20), atMostAwsLite], "node-module": [atMostAwsLite], "node-default": [atMostAwsLite] } satisfies Record<Build, Goal[]>,
  perCall: [atMost(35), atMostAwsLite],
  /** Issue 12: what role, web-identity and IAM Identity Center setups add to every Node bundle. */
  chainShare: [atMost(1 * KIB)],
  /** Issue 14: AWS's 16 awsQuery models together. */
  codegenAws: [atMost(3000)],
};

const BUILD_LABEL: Record<Build, string> = {
  unbundled: "from dist/ and node_modules",
  "node-module": "Node bundle (`module,main`)",
  "node-default": "Node bundle (esbuild defaults)",
};

function byFlavor<T>(items: Record<Flavor, T>, value: (item: T) => number): Record<Flavor, number> {
  return Object.fromEntries(FLAVORS.map((flavor) => [flavor, value(items[flavor])])) as Record<Flavor, number>;
}

function bundleRows(bundles: BundleSizes): Row[] {
  return BUNDLE_KINDS.flatMap((kind) => {
    const sizes = bundles[kind];
    const values: Partial<Record<Flavor, number>> = {};
    const minified: Partial<Record<Flavor, number>> = {};
    const missing: Partial<Record<Flavor, string>> = {};
    for (const flavor of FLAVORS) {
      const size = sizes[flavor];
      if ("failure" in size) missing[flavor] = size.failure;
      else {
        values[flavor] = size.gzipped;
        minified[flavor] = size.minified;
      }
    }
    const label = `Bundle, ${BUNDLES[kind].label}`;
    return [
      { metric: `${label}, min+gzip`, values, format: kib, goals: GOALS.bundle[kind], missing },
      { metric: `${label}, minified`, values: minified, format: kib, missing },
    ];
  });
}

function rows(results: Results): Row[] {
  const { bundles, chainShare, coldStarts, perCall, throughput, footprint, codegen } = results;
  const byBuild = (build: Build) => coldStarts.results[build];
  return [
    ...bundleRows(bundles),
    {
      metric: "Bundle, Node: the credential chain's role, web-identity and IAM Identity Center share, min+gzip",
      values: { keysmith: chainShare },
      format: kibFine,
      goals: GOALS.chainShare,
    },
    ...BUILDS.map((build) => ({
      metric: `Import + clients + first call, ${BUILD_LABEL[build]}`,
      values: byFlavor(byBuild(build), (run) => run.overheadMs),
      format: ms,
      goals: GOALS.coldStart[build],
    })),
    ...BUILDS.map((build) => ({
      metric: `RSS after first call, ${BUILD_LABEL[build]}`,
      values: byFlavor(byBuild(build), (run) => run.rssAfterFirstCall),
      format: mib,
      goals: [atMostAwsLite],
    })),
    ...BUILDS.map((build) => ({ metric: `Peak RSS, ${BUILD_LABEL[build]}`, values: byFlavor(byBuild(build), (run) => run.peakRss), format: mib })),
    ...OPERATIONS.map((operation) => ({
      metric: `Per call, ${operation}, stubbed at each client's seam`,
      values: byFlavor(perCall.seam, (times) => times[operation]),
      format: us,
      goals: GOALS.perCall,
    })),
    ...OPERATIONS.map((operation) => ({
      metric: `Per call, ${operation}, stubbed under node:http`,
      values: byFlavor(perCall.socket, (times) => times[operation]),
      format: us,
      goals: [atMostAwsLite],
    })),
    ...(["sequential", "concurrent"] as const).flatMap((mode) => {
      const label = mode === "sequential" ? "sequential" : "32 concurrent";
      return [
        { metric: `Throughput, ${label}`, values: byFlavor(throughput[mode], (run) => run.callsPerSecond), format: rate, goals: [atLeastAwsLite] },
        { metric: `Latency p50, ${label}`, values: byFlavor(throughput[mode], (run) => run.p50Ms), format: latency },
        { metric: `Latency p99, ${label}`, values: byFlavor(throughput[mode], (run) => run.p99Ms), format: latency },
      ];
    }),
    { metric: "Installed packages", values: byFlavor(footprint, (install) => install.packages), format: count, goals: [atMostAwsLite] },
    { metric: "Installed size", values: byFlavor(footprint, (install) => install.bytes), format: mib, goals: [atMostAwsLite] },
    ...codegen.times.map(({ model, kind, operations, ms: time, firstMs }) => ({
      metric: `Codegen, ${model} (${operations.toLocaleString("en-US")} operation${operations === 1 ? "" : "s"}; first run ${ms(firstMs)})`,
      values: { keysmith: time },
      format: ms,
      goals: kind === "aws" ? GOALS.codegenAws : undefined,
    })),
  ];
}

function ratio(row: Row, peer: Flavor): string {
  const { keysmith } = row.values;
  const other = row.values[peer];
  return keysmith === undefined || other === undefined ? "–" : (keysmith / other).toFixed(2);
}

/** "yes", or "no" and by how much, for each goal of the row. */
function verdict(row: Row): string {
  const value = row.values.keysmith;
  if (value === undefined || !row.goals) return "";
  return row.goals
    .map(({ limit, bound }) => {
      const target = limit === "aws-lite" ? row.values["aws-lite"] : limit;
      if (target === undefined) return "";
      const met = bound === "max" ? value <= target : value >= target;
      const by = Math.abs(value - target);
      const name = limit === "aws-lite" ? "aws-lite" : row.format(limit);
      return met ? `yes (${row.format(by)} ${bound === "max" ? "under" : "over"} ${name})` : `**no** (${row.format(by)} ${bound === "max" ? "over" : "under"} ${name})`;
    })
    .filter(Boolean)
    .join("; ");
}

function goalLabel(row: Row): string {
  return (row.goals ?? []).map(({ limit, bound }) => `${bound === "max" ? "≤" : "≥"} ${limit === "aws-lite" ? "aws-lite" : row.format(limit)}`).join(", ");
}

function table(list: Row[]): string {
  const lines = [`| metric | ${FLAVORS.join(" | ")} | keysmith ÷ aws-lite | keysmith ÷ v3 | goal | met? |`, `| --- |${" ---: |".repeat(FLAVORS.length + 2)} --- | --- |`];
  for (const row of list) {
    const values = FLAVORS.map((flavor) => {
      const value = row.values[flavor];
      if (value !== undefined) return row.format(value);
      return row.missing?.[flavor] ? "n/a¹" : "–";
    });
    lines.push(`| ${row.metric} | ${values.join(" | ")} | ${ratio(row, "aws-lite")} | ${ratio(row, "v3")} | ${goalLabel(row)} | ${verdict(row)} |`);
  }
  return lines.join("\n");
}

function contributions(list: Contribution[]): string {
  return list.map(({ name, bytes }) => `\`${name}\` ${kib(bytes)}`).join(", ");
}

function whereTheBytesGo(bundles: BundleSizes): string {
  const sections: string[] = [];
  for (const kind of BUNDLE_KINDS) {
    for (const flavor of FLAVORS) {
      const size: BundleSize | NoBundle = bundles[kind][flavor];
      if ("failure" in size) continue;
      sections.push(
        `**${flavor}, ${BUNDLES[kind].label}** (${kib(size.minified)} minified)\n` +
          `- by package: ${contributions(size.largestPackages)}\n` +
          `- by file: ${contributions(size.largestFiles)}`,
      );
    }
  }
  return sections.join("\n\n");
}

function missingNotes(bundles: BundleSizes): string {
  const notes = BUNDLE_KINDS.flatMap((kind) =>
    FLAVORS.flatMap((flavor) => {
      const size = bundles[kind][flavor];
      return "failure" in size ? [`${flavor}, ${BUNDLES[kind].label}: ${size.failure}`] : [];
    }),
  );
  return notes.length ? `\n\n¹ Not buildable, so not measured: ${notes.join("; ")}. aws-lite is for Node only.` : "";
}

export function report(results: Results): string {
  const cpu = cpus();
  const { settings } = results;
  const date = new Date().toISOString().replace("T", " ").slice(0, 16);
  const peers = [`aws-lite: ${pinned(PEER_PACKAGES["aws-lite"]).join(", ")}`, `v3: ${pinned(PEER_PACKAGES.v3).join(", ")}`].join(" · ");
  return `## keysmith vs aws-lite and AWS SDK v3

${date} UTC · Node ${process.version} · ${cpu[0]?.model ?? "unknown CPU"} × ${cpu.length} cores · ${peers} · \`npm run bench\` took ${Math.round(results.seconds)} s

${table(rows(results))}${missingNotes(results.bundles)}

Ratios are keysmith's value over the peer's (above 1 is better only for throughput). Every timing alternates the
three peers, each round starting with the next one; each value is a median. Goals are issue 16's; the chain's
share is issue 12's.
- The app: the three calls, written for each peer as its users write them. keysmith and v3: the two clients and
  their commands. aws-lite: one raw client, a hand-written form body (\`Action=…&Version=…\`) per call, the parsed XML
  read by hand; it has no types, no input validation and no modeled errors.
- Bundle: esbuild, ESM, minified; gzip level 9. Node at esbuild's defaults prefers \`main\` (CommonJS builds, which do not
  tree-shake); \`mainFields: module,main\` prefers ES modules; browser at esbuild's defaults. keysmith's package gives
  bundlers its pre-bundled \`dist/bundler\` (Node) and \`dist/browser\` (the smithy code it calls inlined), so its two
  Node bundles are the same; where the bytes go (below) is read from the same app bundled from its per-file \`dist/src\`
  with the same cuts of smithy's unused code.
- The credential chain's share: that per-file bundle for Node, less the same with the chain's role, web-identity and
  IAM Identity Center modules (and the STS calls they make) replaced by stubs exporting the same names.
- Import + clients + first call: a fresh \`node\` imports the app, creates its clients and makes one call to a local
  server; median wall time of ${settings.coldStartRounds} runs minus that of an empty \`node -e ""\` (${ms(results.coldStarts.emptyProcessMs)}). RSS is read in
  the same processes. They all run without \`NODE_EXTRA_CA_CERTS\`, whose bundle Node would read at each start.
- Per call: in-process, a transport that answers at once from memory, after ${WARM_UP_CALLS.toLocaleString("en")} warm-up calls of each operation; median of
  ${settings.perCallRounds} processes per client and stub.
  *At each client's seam*: keysmith and v3 get a \`requestHandler\`; aws-lite has none, so \`request\` of node:http and
  node:https is replaced (aws-lite's testing mode is not used: it returns the mock before signing or parsing).
  *Under node:http*: every \`http.Agent\` gets in-memory sockets, so each client's own Node handler and node:http's
  request writer and response parser run too, alike for all three.
- Throughput: a keep-alive server in its own process on 127.0.0.1; the operations in turn; median of ${settings.throughputRounds} processes per client.
- Installed: \`npm ci --offline\` into an empty project of keysmith's packed tarball, of \`@aws-lite/client\`, of the
  two v3 clients, at the versions of this project's lockfile; size is the files' total.
- Codegen: \`generate()\` in-process, median of ${settings.codegenRuns} runs (and the first, cold one); a run of AWS's models
  generates each of them.${results.codegen.skipped ? ` ${results.codegen.skipped}.` : ""}

### Where the bundle bytes go (minified bytes, before gzip)

${whereTheBytesGo(results.bundles)}
`;
}
