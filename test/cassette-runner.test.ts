// useCassette: a cassette per test, named after the test, under vitest and under Jest (which it is handed the same
// way: its beforeEach, afterEach and expect), with no test runner imported by keysmith/testing itself.
import { existsSync } from "node:fs";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { HttpResponse } from "@smithy/protocol-http";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { IAMClient, UpdateAccessKeyCommand } from "../generated/iam/index.js";
import { cassetteName } from "../src/testing/runner.js";
import { loadCassette, useCassette, type TestRunnerHooks } from "../src/entries/testing.js";
import { testCredentials } from "./support/capture.js";

const dir = await mkdtemp(join(tmpdir(), "keysmith-use-cassette-"));
afterAll(() => rm(dir, { recursive: true, force: true }));

/** A live endpoint that answers every UpdateAccessKey, for recording without a server. */
const live = {
  handle: async () => ({
    response: new HttpResponse({
      statusCode: 200,
      headers: { "x-amzn-requestid": "r-1" },
      body: "<UpdateAccessKeyResponse><ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata></UpdateAccessKeyResponse>",
    }),
  }),
};

async function deactivate(config: object): Promise<number | undefined> {
  const iam = new IAMClient({ region: "us-east-1", credentials: testCredentials, ...config });
  return (await iam.send(new UpdateAccessKeyCommand({ UserName: "Bob", AccessKeyId: "AKIAIOSFODNN7EXAMPLE", Status: "Inactive" }))).$metadata.httpStatusCode;
}

describe("useCassette under vitest", () => {
  const recordedBy: Record<string, string> = {
    "names the cassette after the test and records it when the test ends": "usecassette-under-vitest-names-the-cassette-after-the-test-and-records-it-when-the-test-ends.json",
  };
  // Registered before the cassette's own, so it runs after it (vitest runs after-hooks as a stack): each test's
  // recording is checked at that test's end, not by the next test.
  afterEach(async ({ task }) => {
    const file = recordedBy[task.name];
    if (file === undefined) return;
    const recorded = await loadCassette(join(dir, file));
    expect(recorded.exchanges.map((exchange) => exchange.operation)).toEqual(["UpdateAccessKey"]);
  });
  const cassette = useCassette({ beforeEach, afterEach, expect }, { dir, mode: "record", live });

  it("names the cassette after the test and records it when the test ends", async () => {
    expect(cassette.file).toBe(join(dir, recordedBy["names the cassette after the test and records it when the test ends"]!));
    expect(await deactivate(cassette.clientConfig())).toBe(200);
    expect(existsSync(cassette.file)).toBe(false); // written by afterEach
  });

  it("gives the next test its own cassette", () => {
    expect(cassette.file).toBe(join(dir, "usecassette-under-vitest-gives-the-next-test-its-own-cassette.json"));
  });
});

/** Jest's hooks and expect as useCassette sees them: Jest names a test by its blocks' and its own titles joined with spaces. */
function jestLike(testPath: string, currentTestName: string) {
  const before: Array<() => Promise<void>> = [];
  const after: Array<() => Promise<void>> = [];
  const hooks: TestRunnerHooks = {
    beforeEach: (hook) => before.push(hook),
    afterEach: (hook) => after.push(hook),
    expect: { getState: () => ({ currentTestName, testPath }) },
  };
  const run = async (test: () => Promise<void>) => {
    for (const hook of before) await hook();
    await test();
    for (const hook of after) await hook();
  };
  return { hooks, run };
}

/** Records the rotation test of a Jest test file at testPath, as Jest would run it: the cassette's file. */
async function recordUnderJest(testPath: string): Promise<string> {
  const recording = jestLike(testPath, "key rotation deactivates the old key");
  const recorder = useCassette(recording.hooks, { mode: "record", live });
  let file = "";
  await recording.run(async () => {
    file = recorder.file;
    await deactivate(recorder.clientConfig());
  });
  return file;
}

describe("useCassette under Jest", () => {
  it("opens the same cassette a vitest run would, beside the test file by default, and replays it", async () => {
    const testPath = join(dir, "jest", "rotation.test.js");
    const file = join(dir, "jest", "__cassettes__", "rotation.test", "key-rotation-deactivates-the-old-key.json");
    expect(await recordUnderJest(testPath)).toBe(file);
    expect((await loadCassette(file)).exchanges).toHaveLength(1);

    const replaying = jestLike(testPath, "key rotation deactivates the old key");
    const player = useCassette(replaying.hooks, { mode: "lockdown" });
    await replaying.run(async () => {
      expect(player.file).toBe(file);
      expect(await deactivate(player.clientConfig())).toBe(200);
    });
  });

  it("fails the test when the cassette finds a problem at its end", async () => {
    const testPath = join(dir, "jest-unplayed", "rotation.test.js");
    await recordUnderJest(testPath);
    const replaying = jestLike(testPath, "key rotation deactivates the old key");
    useCassette(replaying.hooks, { mode: "replay" });
    await expect(replaying.run(async () => {})).rejects.toThrow("the test made 0 of the 1 requests");
  });

  it("says so when used outside a running test", () => {
    const cassette = useCassette({ beforeEach() {}, afterEach() {}, expect: { getState: () => ({}) } });
    expect(() => cassette.requestHandler).toThrow("useCassette: the cassette is only there while a test runs");
  });
});

describe("cassetteName", () => {
  const cases = [
    { runner: "vitest", given: "key rotation > deactivates the old key", want: "key-rotation-deactivates-the-old-key" },
    { runner: "Jest", given: "key rotation deactivates the old key", want: "key-rotation-deactivates-the-old-key" },
    { runner: "either", given: "Bob's 2nd key (ASIA…)", want: "bob-s-2nd-key-asia" },
    { runner: "either", given: "Schlüssel über Nacht", want: "schlüssel-über-nacht" },
    { runner: "either", given: "> ? <", want: "test" },
  ];
  it.each(cases)("$runner: $given → $want", ({ given, want }) => {
    expect(cassetteName(given)).toBe(want);
  });
});

describe("keysmith/testing imports no test runner", () => {
  it("so that Jest can load it: no vitest, jest or @jest import in src/testing", async () => {
    const folder = fileURLToPath(new URL("../src/testing/", import.meta.url));
    const files = (await readdir(folder)).filter((name) => name.endsWith(".ts"));
    expect(files.length).toBeGreaterThan(5);
    for (const name of files) expect(await readFile(join(folder, name), "utf8"), name).not.toMatch(/from\s+["'](?:vitest|jest|@jest\/[^"']*|@vitest\/[^"']*)["']/);
  });
});
