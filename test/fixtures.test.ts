// Contract tests on recorded exchanges (test/fixtures/*.json, built from AWS's published samples and real error
// envelopes): each is replayed through the generated clients, and through the official SDK to prove the expected
// outputs and errors are what AWS's own client makes of the same bytes.
import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import * as v3iam from "@aws-sdk/client-iam";
import * as v3sts from "@aws-sdk/client-sts";
import { describe, expect, it } from "vitest";
import * as iam from "../generated/iam/index.js";
import * as sts from "../generated/sts/index.js";
import { fixtureError, fixtureOutput, loadCassette, loadFixtures, replayHandler, type Fixture, type FixtureOutput } from "../src/entries/testing.js";
import { testCredentials } from "./support/capture.js";

const fixtures = await loadFixtures(fileURLToPath(new URL("./fixtures/", import.meta.url)));

/** The generated and official modules of each service, with its base exception. */
const services = {
  iam: { ours: iam, theirs: v3iam, base: iam.IAMServiceException, Client: iam.IAMClient, V3Client: v3iam.IAMClient },
  sts: { ours: sts, theirs: v3sts, base: sts.STSServiceException, Client: sts.STSClient, V3Client: v3sts.STSClient },
} as const;

function serviceOf(fixture: Fixture) {
  if (fixture.service !== "iam" && fixture.service !== "sts") throw new Error(`no client for service ${fixture.service}`);
  return services[fixture.service];
}

/** Sends the fixture's input through a client whose handler replays the fixture; settles to the output or the error. */
async function replay(fixture: Fixture, sdk: "ours" | "theirs") {
  const service = serviceOf(fixture);
  const handler = replayHandler(fixture);
  const config = { region: "us-east-1", credentials: testCredentials, maxAttempts: 1, requestHandler: handler };
  const client: any = sdk === "ours" ? new service.Client(config) : new service.V3Client(config);
  const Command = (service[sdk] as any)[`${fixture.operation}Command`];
  const result = await client.send(new Command(fixture.input)).then(
    (output: any) => ({ output }),
    (error: any) => ({ error }),
  );
  return { ...result, served: handler.served };
}

describe("the fixtures", () => {
  it("are at least 15, each with input and expectation, covering every operation and the required errors", () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(15);
    for (const fixture of fixtures) {
      expect(fixture.input, fixture.file).toBeDefined();
      expect(fixture.expect, fixture.file).toBeDefined();
    }
    const covered = new Set(fixtures.map((f) => (f.expect && "error" in f.expect ? `${f.service} ${f.expect.error.name}` : `${f.service} ${f.operation} ok`)));
    const required = [
      "sts GetAccessKeyInfo ok",
      "iam CreateAccessKey ok",
      "iam UpdateAccessKey ok",
      "iam NoSuchEntityException",
      "iam LimitExceededException",
      "iam ServiceFailureException",
      "iam InvalidClientTokenId",
      "sts InvalidClientTokenId",
      "iam SignatureDoesNotMatch",
      "sts SignatureDoesNotMatch",
      "iam Throttling",
      "sts Throttling",
      "iam ValidationError",
      "sts ExpiredToken",
    ];
    expect(required.filter((name) => !covered.has(name))).toEqual([]);
  });
});

describe("replayed through keysmith, each fixture gives its expected output or error", () => {
  it.each(fixtures)("$file", async (fixture) => {
    const { output, error, served } = await replay(fixture, "ours");
    expect(served).toBe(1);
    const expected = fixture.expect!;
    if ("output" in expected) {
      expect(error).toBeUndefined();
      expect(fixtureOutput(output)).toEqual(expected.output);
    } else {
      const service = serviceOf(fixture);
      const modeled = (service.ours as Record<string, unknown>)[expected.error.name];
      expect(error).toBeInstanceOf(service.base);
      if (typeof modeled === "function") expect(error).toBeInstanceOf(modeled);
      expect(fixtureError(error)).toEqual(expected.error);
      expect(error.$metadata.attempts).toBe(1);
    }
  });
});

describe("the official SDK makes the same of each fixture", () => {
  it.each(fixtures)("$file", async (fixture) => {
    const { output, error, served } = await replay(fixture, "theirs");
    expect(served).toBe(1);
    const expected = fixture.expect!;
    if ("output" in expected) {
      expect(error).toBeUndefined();
      expect(fixtureOutput(output)).toEqual(hasRequestIdHeader(fixture) ? expected.output : withoutRequestId(expected.output));
    } else {
      expect(fixtureError(error)).toEqual(expected.error);
    }
  });

  // The one known difference, by design: on success the official SDK reads the request id from the header only,
  // keysmith falls back to ResponseMetadata/RequestId in the body.
  it("leaves out a success's request id that only the body carries, where keysmith reads it", async () => {
    const bodyOnly = fixtures.filter((fixture) => !hasRequestIdHeader(fixture) && fixture.expect && "output" in fixture.expect);
    expect(bodyOnly).not.toEqual([]);
    for (const fixture of bodyOnly) {
      expect((await replay(fixture, "theirs")).output.$metadata.requestId).toBeUndefined();
      expect((await replay(fixture, "ours")).output.$metadata.requestId).toBeDefined();
    }
  });
});

function hasRequestIdHeader(fixture: Fixture): boolean {
  return Object.keys(fixture.response.headers).some((name) => name.toLowerCase() === "x-amzn-requestid");
}

function withoutRequestId(output: FixtureOutput): FixtureOutput {
  const { requestId: _requestId, ...$metadata } = output.$metadata;
  return { ...output, $metadata };
}

// The cassettes among the fixtures hold sequences: a throttled call, then the answer its retry got.
const fixtureDir = fileURLToPath(new URL("./fixtures/", import.meta.url));
const sequences = await Promise.all(
  (await readdir(fixtureDir))
    .filter((name) => name.endsWith(".json"))
    .map(async (file) => ({ file, ...(await loadCassette(join(fixtureDir, file))) })),
).then((cassettes) => cassettes.filter((cassette) => cassette.exchanges.length > 1));

describe("a cassette of a throttled call replays as one call retried, through keysmith and the official SDK", () => {
  it("are one per service", () => {
    expect(sequences.map((cassette) => cassette.file).sort()).toEqual(["iam-UpdateAccessKey-throttled-then-ok.json", "sts-GetAccessKeyInfo-throttled-then-ok.json"]);
  });

  it.each(sequences.flatMap((cassette) => (["ours", "theirs"] as const).map((sdk) => ({ ...cassette, sdk }))))("$file, $sdk", async ({ exchanges, sdk }) => {
    const [first, last] = [exchanges[0]!, exchanges.at(-1)!];
    const service = serviceOf(first);
    const handler = replayHandler(exchanges);
    const config = { region: "us-east-1", credentials: testCredentials, maxAttempts: exchanges.length, requestHandler: handler };
    const client: any = sdk === "ours" ? new service.Client(config) : new service.V3Client(config);
    const output = await client.send(new (service[sdk] as any)[`${first.operation}Command`](first.input));
    expect(handler.served).toBe(exchanges.length);
    expect(output.$metadata.attempts).toBe(exchanges.length);
    expect(fixtureOutput(output)).toEqual((last.expect as { output: FixtureOutput }).output);
  });
});
