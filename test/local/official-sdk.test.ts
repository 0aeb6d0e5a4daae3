// The endpoint is "like AWS" only if the official SDK cannot tell the difference: its clients
// sign, parse and map errors with their own code, independent of keysmith's.
import { CreateAccessKeyCommand, IAMClient, NoSuchEntityException, UpdateAccessKeyCommand } from "@aws-sdk/client-iam";
import { GetAccessKeyInfoCommand, GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLocalEndpoint, type LocalEndpoint, type LocalUserCredentials } from "../../src/entries/local.js";

let server: LocalEndpoint;
let alice: LocalUserCredentials;
let iam: IAMClient;
let sts: STSClient;

beforeAll(async () => {
  server = await startLocalEndpoint({ accountId: "012345678901", region: "eu-west-1" });
  alice = server.createUser("alice");
  const credentials = { accessKeyId: alice.accessKeyId, secretAccessKey: alice.secretAccessKey };
  iam = new IAMClient({ region: "us-east-1", endpoint: server.url, credentials });
  sts = new STSClient({ region: "eu-west-1", endpoint: server.url, credentials });
});
afterAll(async () => {
  iam.destroy();
  sts.destroy();
  await server.close();
});

describe("the official AWS SDK v3 works against the local endpoint", () => {
  it("STS: GetCallerIdentity and GetAccessKeyInfo (leading zero kept)", async () => {
    const identity = await sts.send(new GetCallerIdentityCommand({}));
    expect(identity).toMatchObject({ Account: "012345678901", Arn: "arn:aws:iam::012345678901:user/alice" });
    expect(identity.$metadata.requestId).toMatch(/^[0-9a-f-]{36}$/);
    const info = await sts.send(new GetAccessKeyInfoCommand({ AccessKeyId: alice.accessKeyId }));
    expect(info.Account).toBe("012345678901");
  });

  it("IAM: CreateAccessKey for the caller, then UpdateAccessKey", async () => {
    const created = await iam.send(new CreateAccessKeyCommand({}));
    expect(created.AccessKey).toMatchObject({ UserName: "alice", Status: "Active" });
    expect(created.AccessKey!.CreateDate).toBeInstanceOf(Date);
    await iam.send(new UpdateAccessKeyCommand({ AccessKeyId: created.AccessKey!.AccessKeyId!, Status: "Inactive" }));
    expect(server.listAccessKeys("alice").map((key) => key.status)).toEqual(["Active", "Inactive"]);
  });

  it("IAM errors become the modeled exceptions", async () => {
    const failure = iam.send(new CreateAccessKeyCommand({ UserName: "nobody" }));
    await expect(failure).rejects.toBeInstanceOf(NoSuchEntityException);
    await expect(failure).rejects.toMatchObject({
      message: "The user with name nobody cannot be found.",
      $metadata: { httpStatusCode: 404 },
    });
  });
});
