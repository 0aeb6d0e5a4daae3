// The README's contract test under Jest in its default CommonJS mode: useCassette takes Jest's globals. The package
// test runs this file recorded, then replayed under lockdown, then verified.
const { CreateAccessKeyCommand, IAMClient, UpdateAccessKeyCommand } = require("keysmith/iam");
const { startLocalEndpoint } = require("keysmith/local");
const { GetAccessKeyInfoCommand, STSClient } = require("keysmith/sts");
const { useCassette } = require("keysmith/testing");

const cassette = useCassette({ beforeEach, afterEach, expect });
let server;
beforeEach(async () => {
  if (cassette.live) server = await startLocalEndpoint();
});
afterEach(async () => {
  await server?.close();
  server = undefined;
});

test("rotates alice's key", async () => {
  const alice = cassette.live ? server.createUser("alice") : undefined;
  const oldKeyId = await cassette.value("oldAccessKeyId", () => alice.accessKeyId);
  const signedBy = (credentials) => ({ region: "us-east-1", ...cassette.clientConfig(() => ({ endpoint: server.url, credentials: credentials() })) });

  const { AccessKey } = await new IAMClient(signedBy(() => alice)).send(new CreateAccessKeyCommand({ UserName: "alice" }));
  const newKey = { accessKeyId: AccessKey.AccessKeyId, secretAccessKey: AccessKey.SecretAccessKey };
  const { Account } = await new STSClient(signedBy(() => newKey)).send(new GetAccessKeyInfoCommand({ AccessKeyId: newKey.accessKeyId }));
  expect(Account).toBe("123456789012");
  await new IAMClient(signedBy(() => newKey)).send(new UpdateAccessKeyCommand({ UserName: "alice", AccessKeyId: oldKeyId, Status: "Inactive" }));
  const refused = await new STSClient(signedBy(() => alice)).send(new GetAccessKeyInfoCommand({ AccessKeyId: oldKeyId })).catch((error) => error);
  expect(refused.name).toBe("InvalidClientTokenId");
});
