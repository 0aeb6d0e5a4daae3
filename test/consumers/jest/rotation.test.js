// Jest 30 in its default CommonJS mode (no configuration, no transform), with aws-sdk-client-mock and its Jest
// matchers: the setup most v3 users test with.
const { mockClient } = require("aws-sdk-client-mock");
require("aws-sdk-client-mock-jest");
const { CreateAccessKeyCommand, IAMClient, NoSuchEntityException, UpdateAccessKeyCommand } = require("keysmith/iam");
const { startLocalEndpoint } = require("keysmith/local");
const { GetAccessKeyInfoCommand, STSClient } = require("keysmith/sts");

const config = { region: "us-east-1", credentials: { accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "secret" } };

describe("a mocked IAMClient", () => {
  const iamMock = mockClient(IAMClient);
  afterEach(() => iamMock.reset());

  test("answers CreateAccessKey and records the call", async () => {
    iamMock.on(CreateAccessKeyCommand, { UserName: "alice" }).resolves({ AccessKey: { UserName: "alice", AccessKeyId: "AKIAI44QH8DHBEXAMPLE", Status: "Active", SecretAccessKey: "s" } });
    const output = await new IAMClient(config).send(new CreateAccessKeyCommand({ UserName: "alice" }));
    expect(output.AccessKey.AccessKeyId).toBe("AKIAI44QH8DHBEXAMPLE");
    expect(iamMock).toHaveReceivedCommandTimes(CreateAccessKeyCommand, 1);
    expect(iamMock).toHaveReceivedCommandWith(CreateAccessKeyCommand, { UserName: "alice" });
    expect(iamMock).not.toHaveReceivedCommand(UpdateAccessKeyCommand);
  });

  test("rejects with the modeled error class", async () => {
    iamMock.on(UpdateAccessKeyCommand).rejects(new NoSuchEntityException({ message: "gone", $metadata: {} }));
    const call = new IAMClient(config).send(new UpdateAccessKeyCommand({ AccessKeyId: "AKIAI44QH8DHBEXAMPLE", Status: "Inactive" }));
    await expect(call).rejects.toBeInstanceOf(NoSuchEntityException);
  });
});

test("an unmocked client calls the embedded endpoint", async () => {
  const server = await startLocalEndpoint();
  try {
    const alice = server.createUser("alice");
    const sts = new STSClient({ region: "us-east-1", endpoint: server.url, credentials: alice });
    const info = await sts.send(new GetAccessKeyInfoCommand({ AccessKeyId: alice.accessKeyId }));
    expect(info.Account).toBe(server.accountId);
  } finally {
    await server.close();
  }
});
