// For Deno's type checker (`deno check`): keysmith's types as a TypeScript user on Deno gets them, strict. Not run.
import { CreateAccessKeyCommand, IAMClient, NoSuchEntityException, StatusType, UpdateAccessKeyCommand } from "keysmith/iam";
import { GetAccessKeyInfoCommand, STSClient } from "keysmith/sts";

const iam = new IAMClient({ region: "us-east-1" });
const sts = new STSClient({});
const created = await iam.send(new CreateAccessKeyCommand({ UserName: "alice" }));
const keyId: string | undefined = created.AccessKey?.AccessKeyId;
const { Account } = await sts.send(new GetAccessKeyInfoCommand({ AccessKeyId: keyId! }));
const account: string | undefined = Account;
try {
  await iam.send(new UpdateAccessKeyCommand({ AccessKeyId: keyId!, Status: StatusType.Inactive }));
} catch (error: unknown) {
  if (error instanceof NoSuchEntityException) console.log(account, error.$metadata.httpStatusCode);
}
// @ts-expect-error: "Disabled" is not a StatusType
new UpdateAccessKeyCommand({ AccessKeyId: "AKIAIOSFODNN7EXAMPLE", Status: "Disabled" });
