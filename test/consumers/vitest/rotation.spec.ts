// vitest with aws-sdk-client-mock and its vitest matchers.
import { mockClient } from "aws-sdk-client-mock";
import "aws-sdk-client-mock-jest/vitest";
import { CreateAccessKeyCommand, IAMClient, NoSuchEntityException, UpdateAccessKeyCommand } from "keysmith/iam";
import { afterEach, describe, expect, test } from "vitest";

const config = { region: "us-east-1", credentials: { accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "secret" } };

describe("a mocked IAMClient", () => {
  const iamMock = mockClient(IAMClient);
  afterEach(() => {
    iamMock.reset();
  });

  test("answers CreateAccessKey and records the call", async () => {
    iamMock.on(CreateAccessKeyCommand).resolves({ AccessKey: { UserName: "alice", AccessKeyId: "AKIAI44QH8DHBEXAMPLE", Status: "Active", SecretAccessKey: "s" } });
    const output = await new IAMClient(config).send(new CreateAccessKeyCommand({ UserName: "alice" }));
    expect(output.AccessKey?.AccessKeyId).toBe("AKIAI44QH8DHBEXAMPLE");
    expect(iamMock).toHaveReceivedCommandWith(CreateAccessKeyCommand, { UserName: "alice" });
  });

  test("rejects with the modeled error class", async () => {
    iamMock.on(UpdateAccessKeyCommand).rejects(new NoSuchEntityException({ message: "gone", $metadata: {} }));
    const call = new IAMClient(config).send(new UpdateAccessKeyCommand({ AccessKeyId: "AKIAI44QH8DHBEXAMPLE", Status: "Inactive" }));
    await expect(call).rejects.toBeInstanceOf(NoSuchEntityException);
  });
});
