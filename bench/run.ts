// `npm run bench`: keysmith side by side with aws-lite and the official SDK v3 clients. Builds the package first, so
// the numbers are for the current code, then runs each measurement (the peers alternating) and prints one markdown
// table, which it also writes to bench/results.md. Progress goes to stderr.
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { writeApps } from "./app.js";
import { measureBundles, measureChainShare } from "./bundle.js";
import { measureCodegen } from "./codegen.js";
import { measureColdStarts } from "./cold-start.js";
import { measureFootprint } from "./footprint.js";
import { measurePerCall } from "./per-call.js";
import { ROOT, withServer } from "./processes.js";
import { report, type Results } from "./report.js";
import { measureThroughput } from "./throughput.js";

const settings = { coldStartRounds: 24, perCallRounds: 3, throughputRounds: 3, codegenRuns: 7 };

const started = performance.now();
const step = (name: string) => console.error(`[${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s] ${name}`);

step("npm run build");
execFileSync("npm", ["run", "build"], { cwd: ROOT, stdio: ["ignore", "ignore", "inherit"] });
writeApps();

step("bundle sizes");
const bundles = await measureBundles();
const chainShare = await measureChainShare();

step("per-call overhead");
const perCall = await measurePerCall(settings.perCallRounds);

const { coldStarts, throughput } = await withServer(async (endpoint) => {
  step("cold starts");
  const coldStarts = measureColdStarts(endpoint, settings.coldStartRounds);
  step("throughput");
  return { coldStarts, throughput: await measureThroughput(endpoint, settings.throughputRounds) };
});

step("installed footprint");
const footprint = measureFootprint();

step("codegen");
const codegen = measureCodegen(settings.codegenRuns);

const results: Results = { bundles, chainShare, perCall, coldStarts, throughput, footprint, codegen, settings, seconds: (performance.now() - started) / 1000 };
const markdown = report(results);
writeFileSync(join(import.meta.dirname, "results.md"), markdown);
console.log(markdown);
