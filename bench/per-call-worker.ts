// One process of the per-call measurement: `node --import tsx bench/per-call-worker.ts <flavor> <seam|socket>`. The
// transport answers at once from memory (see transport-stubs.ts), so a call's time is the client's own work: build,
// serialize, sign, parse, and with `socket` also its Node handler and node:http. Prints the median µs per call of each
// operation as JSON.
import { appConfig, appPath, loadApp, OPERATIONS, type Flavor, type Operation } from "./app.js";
import { WARM_UP_CALLS } from "./per-call.js";
import { median } from "./stats.js";
import { answerNodeRequests, answerOnSockets, answeringHandler, type Stub } from "./transport-stubs.js";

const ROUNDS = 5;
const CALLS_PER_ROUND = 200;

const [flavor, stub] = process.argv.slice(2) as [Flavor, Stub];

function stubbedConfig(): object {
  if (stub === "socket") {
    answerOnSockets();
    // No connection is made: the port only has to be an http: one.
    return appConfig({ endpoint: "http://127.0.0.1:9" });
  }
  if (flavor !== "aws-lite") return appConfig({ requestHandler: answeringHandler });
  answerNodeRequests();
  return appConfig();
}

const config = stubbedConfig();
const app = await loadApp(appPath(flavor));
const clients = await app.clients(config);

for (const operation of OPERATIONS) {
  for (let i = 0; i < WARM_UP_CALLS; i++) await app.calls[operation](clients);
}

const samples = Object.fromEntries(OPERATIONS.map((operation) => [operation, [] as number[]])) as Record<Operation, number[]>;
for (let round = 0; round < ROUNDS; round++) {
  for (const operation of OPERATIONS) {
    const call = app.calls[operation];
    const start = performance.now();
    for (let i = 0; i < CALLS_PER_ROUND; i++) await call(clients);
    samples[operation].push(((performance.now() - start) * 1000) / CALLS_PER_ROUND);
  }
}

console.log(JSON.stringify(Object.fromEntries(OPERATIONS.map((operation) => [operation, median(samples[operation])]))));
