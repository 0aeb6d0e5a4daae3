// The awsQuery protocol test vectors (botocore's request and response cases, generated from Smithy's protocol
// tests), run through our generator and runtime: each suite's model becomes a JSON AST, a client is generated from
// it into a scratch folder and loaded, and every case goes through that client's `send`. Request bodies are compared
// as their decoded pairs, in order: the same check as botocore's exact string, minus percent-encoding choices.
import { existsSync, readFileSync } from "node:fs";
import { afterAll, describe, expect, it, vi } from "vitest";
import { decodeForm } from "../src/protocol/form.js";
import { captureHandler, testCredentials, type CannedResponse } from "./support/capture.js";
import { typeCheck } from "./support/full-models-typecheck.js";
import { sharedDir, sharedSkipReason } from "./support/shared.js";
import { botocoreToSmithy, clientValue, CLIENT_NAME, type BotocoreCase, type BotocoreSuite } from "./support/vectors-botocore-to-smithy.js";
import { generateInto, importGenerated, scratchDir } from "./support/vectors-generate.js";

const vectorsDir = `${sharedDir}awsquery-protocol-vectors/botocore-protocols/`;
const hasVectors = existsSync(vectorsDir);
if (!hasVectors) console.warn(existsSync(sharedDir) ? `${vectorsDir} not found: skipping the awsQuery protocol vectors` : sharedSkipReason);

/** Cases that test features keysmith does not have, with the reason; every other case must pass. */
const SKIPPED: Record<string, string> = {};

/** The token the vectors expect for an unset idempotency token; ours come from crypto.randomUUID, stubbed to give it. */
const FIXED_TOKEN = "00000000-0000-4000-8000-000000000000";

const readSuites = (file: string): BotocoreSuite[] => (hasVectors ? JSON.parse(readFileSync(`${vectorsDir}${file}`, "utf8")) : []);
const inputSuites = readSuites("input-query.json");
const outputSuites = readSuites("output-query.json");

const scratch = hasVectors ? scratchDir("vectors") : undefined;
const passed: string[] = [];
const generated = new Map<BotocoreSuite, string>();
const clients = new Map<BotocoreSuite, Promise<Record<string, any>>>();

afterAll(() => {
  scratch?.remove();
  if (!hasVectors) return;
  const total = [...inputSuites, ...outputSuites].reduce((sum, suite) => sum + suite.cases.length, 0);
  const skipped = Object.entries(SKIPPED).map(([id, reason]) => `${id} (${reason})`);
  console.log(`awsQuery vectors: ${passed.length}/${total} pass; skipped: ${skipped.join("; ") || "none"}`);
});

/** The folder of the suite's generated client, generated once. */
function suiteDir(suite: BotocoreSuite, index: number, kind: string): string {
  let dir = generated.get(suite);
  if (dir === undefined) {
    dir = `${scratch!.path}/${kind}-${index}`;
    generateInto(dir, botocoreToSmithy(suite), { source: `${kind}-query.json` });
    generated.set(suite, dir);
  }
  return dir;
}

/** The suite's generated client module, loaded once. */
function clientModule(suite: BotocoreSuite, index: number, kind: string): Promise<Record<string, any>> {
  let module = clients.get(suite);
  if (module === undefined) {
    module = importGenerated(suiteDir(suite, index, kind));
    clients.set(suite, module);
  }
  return module;
}

async function send(suite: BotocoreSuite, index: number, kind: string, testCase: BotocoreCase, response: CannedResponse) {
  const module = await clientModule(suite, index, kind);
  const handler = captureHandler(response);
  const client = new module[CLIENT_NAME]({
    region: "us-east-1",
    credentials: testCredentials,
    endpoint: suite.clientEndpoint ?? "https://example.com",
    requestHandler: handler,
    maxAttempts: 1,
  });
  const Command = module[`${testCase.given.name}Command`];
  const input = testCase.given.input ? clientValue(suite.shapes, testCase.given.input.shape, testCase.params ?? {}) : {};
  const outcome = await client.send(new Command(input)).then(
    (output: any) => ({ output, error: undefined }),
    (error: any) => ({ output: undefined, error }),
  );
  return { module, request: handler.requests[0]!, ...outcome };
}

const cases = (suites: BotocoreSuite[], kind: string) =>
  suites.flatMap((suite, index) => suite.cases.map((testCase) => ({ name: `${testCase.id}: ${firstLine(testCase.description)}`, suite, index, kind, testCase })));

function firstLine(text: string | undefined): string {
  return (text ?? "").split("\n")[0]!;
}

describe.skipIf(!hasVectors)("awsQuery request vectors: the body, method, path and headers we send", () => {
  const all = cases(inputSuites, "input");
  const skipped = all.filter(({ testCase }) => SKIPPED[testCase.id]).map((c) => ({ ...c, reason: SKIPPED[c.testCase.id] }));
  it.skip.each(skipped)("$name (skipped: $reason)", () => {});

  it.each(all.filter(({ testCase }) => !SKIPPED[testCase.id]))("$name", async ({ suite, index, kind, testCase }) => {
    const name = testCase.given.name;
    const randomUUID = vi.spyOn(globalThis.crypto, "randomUUID").mockReturnValue(FIXED_TOKEN);
    try {
      const { request, error } = await send(suite, index, kind, testCase, { status: 200, body: `<${name}Response><${name}Result/></${name}Response>` });
      expect(error).toBeUndefined();
      const want = testCase.serialized!;
      expect(request.method).toBe(want.method);
      expect(request.path).toBe(want.uri);
      if (want.body !== undefined) expect(decodeForm(String(request.body))).toEqual(decodeForm(want.body));
      for (const [header, value] of Object.entries(want.headers ?? {})) expect(request.headers[header.toLowerCase()], header).toBe(value);
      for (const header of want.requireHeaders ?? []) expect(request.headers[header.toLowerCase()], header).toBeDefined();
      if (want.host !== undefined) expect(`${request.hostname}${request.path}`.replace(/\/$/, "")).toBe(want.host);
      passed.push(testCase.id);
    } finally {
      randomUUID.mockRestore();
    }
  });
});

describe.skipIf(!hasVectors)("awsQuery response vectors: the output or error we read", () => {
  it.each(cases(outputSuites, "output"))("$name", async ({ suite, index, kind, testCase }) => {
    const response = testCase.response!;
    const { module, output, error } = await send(suite, index, kind, testCase, { status: response.status_code, headers: response.headers, body: response.body ?? "" });
    if (testCase.errorCode === undefined) {
      expect(error).toBeUndefined();
      const { $metadata, ...members } = output;
      expect($metadata.httpStatusCode).toBe(response.status_code);
      const outputShape = testCase.given.output?.shape;
      expect(members).toEqual(outputShape ? clientValue(suite.shapes, outputShape, testCase.result) : {});
    } else {
      const shapeName = testCase.given.errors!.map((ref) => ref.shape).find((name) => (suite.shapes[name]!.error?.code ?? name) === testCase.errorCode)!;
      expect(error).toBeInstanceOf(module[shapeName]);
      expect(error.name).toBe(shapeName);
      expect(error.$metadata).toMatchObject({ httpStatusCode: response.status_code, requestId: "foo-id" });
      const { Message, ...fields } = clientValue(suite.shapes, shapeName, testCase.error) as Record<string, unknown>;
      if (testCase.errorMessage !== undefined) expect(error.message).toBe(testCase.errorMessage);
      if (Message !== undefined) expect(error.message).toBe(Message);
      expect(error).toMatchObject(fields);
    }
    passed.push(testCase.id);
  });
});

describe.skipIf(!hasVectors)("awsQuery vectors: the generated clients", () => {
  it("type-check as strict TypeScript, every suite's", () => {
    const runnable = [...cases(inputSuites, "input"), ...cases(outputSuites, "output")].filter(({ testCase }) => !SKIPPED[testCase.id]);
    const dirs = new Set(runnable.map(({ suite, index, kind }) => suiteDir(suite, index, kind)));
    expect(dirs.size).toBe(39);
    expect(typeCheck([...dirs])).toEqual([]);
  });
});
