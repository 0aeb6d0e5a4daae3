// The generated clients against the embedded endpoint, which recomputes every SigV4 signature.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CreateAccessKeyCommand, IAMClient, LimitExceededException, NoSuchEntityException, UpdateAccessKeyCommand } from "../generated/iam/index.js";
import { GetAccessKeyInfoCommand, STSClient, STSServiceException } from "../generated/sts/index.js";
import { startLocalEndpoint, type LocalEndpoint } from "../src/entries/local.js";
import { wrongSecret } from "./support/capture.js";

let server: LocalEndpoint;
beforeAll(async () => {
  // STS answers for one region, as sts.eu-west-1.amazonaws.com does; IAM is global (us-east-1).
  server = await startLocalEndpoint({ region: "eu-west-1" });
});
afterAll(() => server.close());

type Credentials = { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
const iamAs = (credentials: Credentials, extra = {}) => new IAMClient({ region: "us-east-1", endpoint: server.url, credentials, ...extra });
const stsAs = (credentials: Credentials, extra = {}) => new STSClient({ region: server.region, endpoint: server.url, credentials, ...extra });

describe.each([
  { kind: "long-term", credentials: (user: string) => server.createUser(user) },
  {
    kind: "temporary (session token)",
    credentials: (user: string) => {
      server.createUser(user);
      return server.createSessionCredentials(user);
    },
  },
])("the three operations with $kind credentials", ({ kind, credentials }) => {
  it("create a key, look up its account, deactivate it", async () => {
    const user = `user-${kind.length}-${Math.random().toString(36).slice(2, 8)}`;
    const signer = credentials(user);
    const iam = iamAs(signer);
    const created = await iam.send(new CreateAccessKeyCommand({ UserName: user }));
    expect(created.AccessKey).toMatchObject({ UserName: user, Status: "Active" });
    expect(created.AccessKey!.AccessKeyId).toMatch(/^AKIA[A-Z2-7]{16}$/);
    expect(created.AccessKey!.SecretAccessKey).toHaveLength(40);
    expect(created.AccessKey!.CreateDate).toBeInstanceOf(Date);
    expect(created.$metadata).toMatchObject({ httpStatusCode: 200, attempts: 1 });
    expect(created.$metadata.requestId).toMatch(/^[0-9a-f-]{36}$/);

    const info = await stsAs(signer).send(new GetAccessKeyInfoCommand({ AccessKeyId: created.AccessKey!.AccessKeyId! }));
    expect(info.Account).toBe(server.accountId);

    const updated = await iam.send(new UpdateAccessKeyCommand({ UserName: user, AccessKeyId: created.AccessKey!.AccessKeyId!, Status: "Inactive" }));
    expect(updated.$metadata.httpStatusCode).toBe(200);
    expect(server.listAccessKeys(user).find((key) => key.accessKeyId === created.AccessKey!.AccessKeyId)?.status).toBe("Inactive");
  });
});

describe("the endpoint refuses bad signatures, and the client reports them as typed errors", () => {
  it("a wrong secret: SignatureDoesNotMatch", async () => {
    const bob = server.createUser("bob-wrong-secret");
    const error = await stsAs({ ...bob, secretAccessKey: wrongSecret(bob.secretAccessKey) })
      .send(new GetAccessKeyInfoCommand({ AccessKeyId: bob.accessKeyId }))
      .catch((e) => e);
    expect(error).toBeInstanceOf(STSServiceException);
    expect(error).toMatchObject({ name: "SignatureDoesNotMatch", $fault: "client", $metadata: { httpStatusCode: 403 } });
  });

  it("an inactive key: InvalidClientTokenId", async () => {
    const carol = server.createUser("carol-inactive");
    const iam = iamAs(carol);
    const second = await iam.send(new CreateAccessKeyCommand({}));
    await iamAs({ accessKeyId: second.AccessKey!.AccessKeyId!, secretAccessKey: second.AccessKey!.SecretAccessKey! }).send(
      new UpdateAccessKeyCommand({ AccessKeyId: carol.accessKeyId, Status: "Inactive" }),
    );
    const error = await stsAs(carol).send(new GetAccessKeyInfoCommand({ AccessKeyId: carol.accessKeyId })).catch((e) => e);
    expect(error).toMatchObject({ name: "InvalidClientTokenId", $metadata: { httpStatusCode: 403 } });
  });

  it("modeled errors: LimitExceeded on a third key, NoSuchEntity for an unknown key", async () => {
    const dave = server.createUser("dave-limits");
    const iam = iamAs(dave);
    await iam.send(new CreateAccessKeyCommand({}));
    await expect(iam.send(new CreateAccessKeyCommand({}))).rejects.toBeInstanceOf(LimitExceededException);
    await expect(iam.send(new UpdateAccessKeyCommand({ AccessKeyId: "AKIAIOSFODNN7EXAMPLE", Status: "Active" }))).rejects.toBeInstanceOf(NoSuchEntityException);
    expect(server.listAccessKeys("dave-limits")).toHaveLength(2);
  });
});

describe("concurrency", () => {
  it("200 concurrent calls on one client all verify", async () => {
    const erin = server.createUser("erin-concurrent");
    const sts = stsAs(erin);
    const before = server.stats.executed.GetAccessKeyInfo ?? 0;
    const results = await Promise.all(Array.from({ length: 200 }, () => sts.send(new GetAccessKeyInfoCommand({ AccessKeyId: erin.accessKeyId }))));
    expect(results.every((result) => result.Account === server.accountId)).toBe(true);
    expect((server.stats.executed.GetAccessKeyInfo ?? 0) - before).toBe(200);
    sts.destroy();
  });
});

describe("record against the embedded endpoint, then replay", () => {
  it("reproduces the same outputs, and the recordings hold no secret", async () => {
    const { recordingHandler, replayHandler } = await import("../src/entries/testing.js");
    const { NodeHttpHandler } = await import("../src/http/node-handler.js");
    server.createUser("frank-recorded");
    const frank = server.createSessionCredentials("frank-recorded");
    const recorded: any[] = [];
    const recorder = recordingHandler(new NodeHttpHandler(), { onRecord: (fixture) => void recorded.push(fixture) });
    const live = { iam: iamAs(frank, { requestHandler: recorder }), sts: stsAs(frank, { requestHandler: recorder }) };
    const calls = async (clients: { iam: IAMClient; sts: STSClient }) => {
      const created = await clients.iam.send(new CreateAccessKeyCommand({ UserName: "frank-recorded" }));
      const info = await clients.sts.send(new GetAccessKeyInfoCommand({ AccessKeyId: created.AccessKey!.AccessKeyId! }));
      const update = await clients.iam.send(new UpdateAccessKeyCommand({ UserName: "frank-recorded", AccessKeyId: created.AccessKey!.AccessKeyId!, Status: "Inactive" }));
      const missing = await clients.iam.send(new UpdateAccessKeyCommand({ AccessKeyId: "AKIAIOSFODNN7EXAMPLE", Status: "Inactive" })).catch((e) => e);
      return { created, info, update, missing: { name: missing.name, message: missing.message, status: missing.$metadata.httpStatusCode } };
    };
    const liveResults = await calls(live);
    recorder.destroy?.();
    expect(recorded).toHaveLength(4);

    const replay = replayHandler(recorded);
    const replayed = await calls({ iam: iamAs(frank, { requestHandler: replay }), sts: stsAs(frank, { requestHandler: replay }) });
    // The replayed secret is the mask: recordings never hold it.
    const secret = liveResults.created.AccessKey!.SecretAccessKey!;
    expect(replayed.created.AccessKey!.SecretAccessKey).toBe("<masked>");
    expect({ ...replayed, created: { ...replayed.created, AccessKey: { ...replayed.created.AccessKey, SecretAccessKey: secret } } }).toEqual(liveResults);

    const text = JSON.stringify(recorded);
    for (const needle of [secret, frank.secretAccessKey, frank.sessionToken, "Signature=", "AWS4-HMAC-SHA256"]) expect(text).not.toContain(needle);
  });
});
