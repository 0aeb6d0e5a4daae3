// One process of the per-call measurement: `node --import tsx bench/per-call-worker.ts <keysmith|v3>`. The clients'
// request handler answers at once from memory, so a call's time is the client's own work: build, serialize, sign,
// parse. Prints the median µs per call of each operation as JSON.
import { HttpResponse, type HttpRequest } from "@smithy/protocol-http";
import { appConfig, appPath, loadApp, OPERATIONS, type Flavor, type Operation } from "./app.js";
import { actionOf, CANNED_BODIES, CANNED_HEADERS } from "./canned.js";
import { median } from "./stats.js";

const WARM_UP_CALLS = 500;
const ROUNDS = 5;
const CALLS_PER_ROUND = 400;

const flavor = process.argv[2] as Flavor;
const app = await loadApp(appPath(flavor));

const requestHandler = {
  async handle(request: HttpRequest) {
    const body = typeof request.body === "string" ? request.body : new TextDecoder().decode(request.body as Uint8Array);
    return { response: new HttpResponse({ statusCode: 200, headers: { ...CANNED_HEADERS }, body: CANNED_BODIES[actionOf(body)] }) };
  },
};
const clients = app.clients(appConfig({ requestHandler }));

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
