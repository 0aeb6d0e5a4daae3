// The README's main command: `npm start` runs the key-rotation demo against the embedded endpoint and exits 0; with
// `--real --user NAME` it runs against whatever the environment points the SDK at, which here is an embedded
// endpoint of the test's own, with an administrator's keys in AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startLocalEndpoint, type LocalEndpoint } from "../src/entries/local.js";
import { isAwsSetting } from "./support/aws-environment.js";

const root = new URL("..", import.meta.url);

/** `npm start -- ARGS` with `env` and none of the machine's AWS settings: no AWS_* variable, no shared config files. */
function npmStart(args: string[], env: Record<string, string> = {}) {
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !isAwsSetting(name)));
  return promisify(execFile)("npm", ["start", "--silent", "--", ...args], {
    cwd: root,
    timeout: 60_000,
    env: { ...inherited, AWS_CONFIG_FILE: "/nonexistent/keysmith-config", AWS_SHARED_CREDENTIALS_FILE: "/nonexistent/keysmith-credentials", ...env },
  });
}

describe("npm start", () => {
  it("prints the rotation, step by step, and exits 0", async () => {
    const { stdout } = await npmStart([]);
    for (const line of [
      /1\. CreateAccessKey: a second key for alice/,
      /new key AKIA[A-Z2-7]{16} \(Active\)/,
      /account 123456789012/,
      /old key is Inactive/,
      /InvalidClientTokenId \(HTTP 403\)/,
      /LimitExceededException \(client fault, HTTP 409\)/,
      /NoSuchEntityException \(HTTP 404\)/,
      /bad input, caught before sending: UpdateAccessKey: AccessKeyId length must be 16\.\.128/,
      /Rotation done/,
    ]) {
      expect(stdout).toMatch(line);
    }
  }, 90_000);
});

describe("npm start -- --real --user NAME", () => {
  let server: LocalEndpoint;
  beforeEach(async () => {
    server = await startLocalEndpoint({ accountId: "210987654321" });
  });
  afterEach(() => server.close());

  it("rotates a key-less user's keys with the default chain's credentials at the configured endpoint, every step once", async () => {
    const admin = server.createUser("admin");
    server.createUser("bob", { accessKey: false });
    const { stdout, stderr } = await npmStart(["--real", "--user", "bob", "--region", "us-east-1"], {
      AWS_ACCESS_KEY_ID: admin.accessKeyId,
      AWS_SECRET_ACCESS_KEY: admin.secretAccessKey,
      AWS_ENDPOINT_URL_IAM: server.url,
      AWS_ENDPOINT_URL_STS: server.url,
      // --region wins: STS here answers for us-east-1 only, and IAM takes nothing else.
      AWS_REGION: "eu-west-2",
    });

    const oldKey = /^ {3}old key (AKIA[A-Z2-7]{16})$/m.exec(stdout)?.[1];
    const newKey = /^ {3}new key (AKIA[A-Z2-7]{16}) \(Active\), secret [A-Za-z0-9+/]{4}\*{36} — shown once/m.exec(stdout)?.[1];
    for (const line of [
      /Against AWS, for IAM user "bob"/,
      /0\. Creating a first key for bob, to play the old key\./,
      /1\. CreateAccessKey: a second key for bob\./,
      /request id [0-9a-f-]{36}, 1 attempt\(s\)/,
      /account 210987654321 \(signed with the new key itself/,
      new RegExp(`3\\. UpdateAccessKey: deactivate the old key ${oldKey}, signed with the new key\\.`),
      /old key is Inactive/,
      /InvalidClientTokenId \(HTTP 403\): The security token included in the request is invalid\./,
      /instanceof STSServiceException: true/,
      /a third key: LimitExceededException \(client fault, HTTP 409\): Cannot exceed quota for AccessKeysPerUser: 2/,
      /an unknown key: NoSuchEntityException \(HTTP 404\): The Access Key with id AKIAIOSFODNN7EXAMPLE cannot be found\./,
      /bad input, caught before sending: UpdateAccessKey: AccessKeyId length must be 16\.\.128/,
      /Rotation done/,
    ]) {
      expect(stdout).toMatch(line);
    }
    expect(stderr).toBe("");
    expect(`${stdout}${stderr}`).not.toContain(admin.secretAccessKey);

    // The keys the demo printed are the user's, the old one off; the administrator's own key was only used.
    expect(server.listAccessKeys("bob")).toEqual([
      { accessKeyId: oldKey, status: "Inactive", createDate: expect.any(Date) },
      { accessKeyId: newKey, status: "Active", createDate: expect.any(Date) },
    ]);
    expect(server.listAccessKeys("admin")).toEqual([{ accessKeyId: admin.accessKeyId, status: "Active", createDate: expect.any(Date) }]);
    // Each call once: the new key works at once and the old one is refused at once here, so withPropagation and
    // untilRefused return on their first call (at AWS they wait 2 s between calls); the invalid input is never sent.
    expect(server.stats.received).toMatchObject({ CreateAccessKey: 3, UpdateAccessKey: 2, GetAccessKeyInfo: 2 });
    expect(server.stats.requests).toBe(7);
  }, 90_000);

  it("exits 2, saying what it needs, without --user", async () => {
    const failure = (await npmStart(["--real"]).catch((error: unknown) => error)) as { code: number; stdout: string; stderr: string };
    expect(failure).toMatchObject({
      code: 2,
      stdout: "",
      stderr: "--real needs --user NAME: a throwaway IAM user whose keys the demo may create and deactivate.\n",
    });
  }, 90_000);
});
