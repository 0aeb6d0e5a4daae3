// `npx tsx --conditions=keysmith-source scripts/compare-official.ts [model …]`: clients generated from AWS's awsQuery
// models in ../shared/aws-models side by side with the official SDK v3 clients of the same services, on the wire.
// For every operation, the bodies both send for the model's example inputs and a sample input with every member set,
// the outputs both read from synthesized responses, and the exceptions both throw for each modeled error. Prints what
// differs, and exits 1 if anything differs that KNOWN does not explain.
//
// Outside `npm test` on purpose: the 14 official clients other than IAM's and STS's weigh tens of MiB, which every
// `npm ci` would install for one comparison. This script installs them (each at its newest version not newer than the
// project's @aws-sdk/client-iam: AWS publishes a client only when it changes) into a cache folder in the OS temp dir,
// once. IAM and STS are compared in the suite
// (test/full-models.test.ts) with the official clients of the project's devDependencies.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { isDeepStrictEqual } from "node:util";
import { Model, shapeName, trait, UNIT } from "../codegen/model/model.js";
import { clientBaseName } from "../codegen/model/names.js";
import { TRAIT } from "../codegen/model/traits.js";
import { planService } from "../codegen/model/walk.js";
import { decodeForm } from "../src/protocol/form.js";
import { captureHandler, testCredentials } from "../test/support/capture.js";
import { responseDocument, sampleValue } from "../test/support/full-models-samples.js";
import { readProjectJson, readSharedJson, sharedDir } from "../test/support/shared.js";
import { errorCases } from "../test/support/model-cases.js";
import { okResponse, sampleInputs, sendOurs, sendTheirs } from "../test/support/side-by-side.js";
import { generateInto, importGenerated, scratchDir } from "../test/support/vectors-generate.js";

/**
 * Differences that come from the models, not the generator: the official clients embed AWS's newer models, which
 * order some members otherwise (the form pairs are the same) or changed an error.
 */
const NEWER_MODEL = "the official client's newer model orders the members otherwise";
const KNOWN: Record<string, string> = {
  "auto-scaling TerminateInstanceInAutoScalingGroup request": NEWER_MODEL,
  ...Object.fromEntries(
    [
      "CreateCustomDBEngineVersion", "CreateDBCluster", "CreateDBInstance", "CreateDBInstanceReadReplica", "CreateDBProxy", "ModifyDBCluster",
      "ModifyDBInstance", "RestoreDBClusterFromS3", "RestoreDBClusterFromSnapshot", "RestoreDBClusterToPointInTime",
      "RestoreDBInstanceFromDBSnapshot", "RestoreDBInstanceFromS3", "RestoreDBInstanceToPointInTime",
    ].map((operation) => [`rds ${operation} request`, NEWER_MODEL]),
  ),
  "rds DBInstanceNotReadyFault error": "the official client's newer model makes it a client fault with HTTP 400",
};

const requested = process.argv.slice(2);
const available = readdirSync(join(sharedDir, "aws-models"))
  .filter((file) => file.endsWith(".json"))
  .map((file) => file.replace(/\.json$/, ""))
  .sort();
const unknown = requested.filter((name) => !available.includes(name));
if (unknown.length > 0) throw new Error(`no such model in ${sharedDir}aws-models: ${unknown.join(", ")} (there are ${available.join(", ")})`);
const names = requested.length > 0 ? requested : available.filter((name) => name !== "iam" && name !== "sts");

// The official package of each model: @aws-sdk/client-<file name>, as AWS names them.
const version = readProjectJson("node_modules/@aws-sdk/client-iam/package.json").version as string;
const cache = join(tmpdir(), `keysmith-official-clients-${version}`);
const packages = names.map((name) => `@aws-sdk/client-${name}`);
if (packages.some((name) => !existsSync(join(cache, "node_modules", name)))) {
  mkdirSync(cache, { recursive: true });
  writeFileSync(join(cache, "package.json"), '{ "private": true }\n');
  console.error(`installing ${packages.join(", ")} (<=${version}) into ${cache}`);
  execFileSync("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error", ...packages.map((name) => `${name}@<=${version}`)], { cwd: cache, stdio: "inherit" });
}
const officialRequire = createRequire(join(cache, "package.json"));

const scratch = scratchDir("compare-official");
let failed = false;
try {
  for (const name of names) failed = !(await compare(name)) || failed;
} finally {
  scratch.remove();
}
process.exit(failed ? 1 : 0);

/** Compares one service; prints its tally and differences; true when nothing differs. */
async function compare(name: string): Promise<boolean> {
  const ast = readSharedJson(`aws-models/${name}.json`);
  const plan = planService(new Model(ast));
  const dir = join(scratch.path, name);
  generateInto(dir, ast, { source: `${name}.json` });
  const ours = await importGenerated(dir);
  const theirs = officialRequire(`@aws-sdk/client-${name}`) as Record<string, any>;
  const client = `${clientBaseName(plan.sdkId)}Client`;
  const namespace = trait<{ uri: string }>(plan.service.traits, TRAIT.xmlNamespace)!.uri;
  const model = plan.model;
  const differences: string[] = [];
  const tally = { requests: 0, outputs: 0, errors: 0 };

  // Newer official clients of some services have moved to another protocol (CloudWatch): nothing to compare then.
  const probe = captureHandler({ status: 200, body: "<ProbeResponse/>" });
  await new theirs[client]({ region: "us-east-1", credentials: testCredentials, requestHandler: probe, maxAttempts: 1 })
    .send(new theirs[`${shapeName(plan.operations[0]!.id)}Command`]({}))
    .catch(() => undefined);
  const contentType = probe.requests[0]?.headers["content-type"] ?? "";
  if (!contentType.startsWith("application/x-www-form-urlencoded")) {
    const installed = officialRequire(`@aws-sdk/client-${name}/package.json`).version as string;
    console.log(`${name}: not compared: @aws-sdk/client-${name}@${installed} does not speak awsQuery (its requests are ${contentType || "not sent"})`);
    return true;
  }

  for (const operation of plan.operations) {
    const operationName = shapeName(operation.id);
    const inputId = operation.raw.input?.target ?? UNIT;
    const outputId = operation.raw.output?.target ?? UNIT;
    const inputs = inputId === UNIT ? [{}] : sampleInputs(model, operation, inputId);
    try {
      let requestsEqual = true;
      for (const input of inputs) {
        const [a, b] = await Promise.all([
          sendOurs(ours, client, operationName, input, okResponse(model, operation, namespace, "r")),
          sendTheirs(theirs, client, operationName, input, okResponse(model, operation, namespace, "r")),
        ]);
        if (a.request.body !== b.request.body) {
          requestsEqual = false;
          differences.push(`${operationName} request: ${pairsDiff(String(a.request.body), String(b.request.body))}`);
          break;
        }
      }
      if (requestsEqual) tally.requests++;

      // Lists and maps of two and of one, and a result with only what the model requires.
      const samples = outputId === UNIT ? [{}] : [{ items: 2 }, { items: 1 }, { requiredOnly: true }].map((options) => sampleValue(model, outputId, operationName, options) as Record<string, unknown>);
      let outputsEqual = true;
      for (const sample of samples) {
        const body = responseDocument(model, operationName, outputId === UNIT ? undefined : outputId, sample, namespace, `req-${operationName}`);
        const response = { status: 200, headers: { "x-amzn-requestid": `req-${operationName}` }, body };
        const [a, b] = await Promise.all([sendOurs(ours, client, operationName, inputs[0]!, response), sendTheirs(theirs, client, operationName, inputs[0]!, response)]);
        if (!isDeepStrictEqual(plain(a.output), plain(b.output))) {
          outputsEqual = false;
          differences.push(`${operationName} output: ours ${JSON.stringify(plain(a.output))}, official ${JSON.stringify(plain(b.output))}`.slice(0, 600));
          break;
        }
      }
      if (outputsEqual) tally.outputs++;
    } catch (error) {
      differences.push(`${operationName}: ${(error as Error).message}`);
    }
  }

  for (const { error, operation } of errorCases([{ name, plan }])) {
    const operationName = shapeName(operation.id);
    const queryError = trait<{ code: string; httpResponseCode: number }>(error.traits, TRAIT.awsQueryError);
    const code = queryError?.code ?? shapeName(error.id);
    const body =
      `<ErrorResponse xmlns="${namespace}"><Error><Type>Sender</Type><Code>${code}</Code>` +
      `<Message>Sample message for ${code}</Message></Error><RequestId>req-${code}</RequestId></ErrorResponse>`;
    const response = { status: queryError?.httpResponseCode ?? 400, body };
    const input = operation.raw.input ? (sampleValue(model, operation.raw.input.target, operationName) as object) : {};
    const [a, b] = await Promise.all(
      [sendOurs(ours, client, operationName, input, response), sendTheirs(theirs, client, operationName, input, response)].map((call) => call.then(() => undefined, (e: any) => e)),
    );
    const view = (e: any) => e && { name: e.name, $fault: e.$fault, message: e.message, status: e.$metadata?.httpStatusCode, Code: e.Code, Type: e.Type };
    if (isDeepStrictEqual(view(a), view(b))) tally.errors++;
    else differences.push(`${shapeName(error.id)} error: ours ${JSON.stringify(view(a))}, official ${JSON.stringify(view(b))}`);
  }

  const n = plan.operations.length;
  console.log(
    `${name}: requests equal v3's for ${tally.requests}/${n} operations, outputs for ${tally.outputs}/${n}, ` +
      `exceptions for ${tally.errors}/${plan.errors.length} modeled errors`,
  );
  let unexplained = 0;
  for (const difference of differences) {
    const known = KNOWN[`${name} ${difference.slice(0, difference.indexOf(":"))}`];
    if (known === undefined) unexplained++;
    console.log(`  - ${difference}${known ? ` (known: ${known})` : ""}`);
  }
  return unexplained === 0;
}

/** The pairs one body has and the other lacks. */
function pairsDiff(ours: string, theirs: string): string {
  const a = decodeForm(ours).map((pair) => pair.join("="));
  const b = decodeForm(theirs).map((pair) => pair.join("="));
  const onlyOurs = a.filter((pair) => !b.includes(pair));
  const onlyTheirs = b.filter((pair) => !a.includes(pair));
  if (onlyOurs.length === 0 && onlyTheirs.length === 0) return "the same pairs in another order";
  return `only ours: ${onlyOurs.slice(0, 5).join("&") || "-"}; only official: ${onlyTheirs.slice(0, 5).join("&") || "-"}`;
}

/** A value as data, for comparison: own enumerable members that are set, dates and bytes by value. */
function plain(value: unknown): unknown {
  if (value instanceof Date) return `Date(${value.toISOString()})`;
  if (value instanceof Uint8Array) return `bytes(${Buffer.from(value).toString("base64")})`;
  if (typeof value === "bigint") return `bigint(${value})`;
  if (Array.isArray(value)) return value.map(plain);
  if (value !== null && typeof value === "object") {
    if ("string" in value && "type" in value) return `number(${String((value as { string: unknown }).string)})`;
    return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined).map(([key, item]) => [key, plain(item)]));
  }
  return value;
}
