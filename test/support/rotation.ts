// The key rotation the cassette tests record, replay and verify: create a second key, ask which account owns it
// (signed with it), deactivate the first key, and see the first key refused. Written once for every mode: what
// only exists live (the endpoint, the user) is behind cassette.clientConfig and cassette.value.
import { CreateAccessKeyCommand, IAMClient, UpdateAccessKeyCommand } from "../../generated/iam/index.js";
import { GetAccessKeyInfoCommand, STSClient } from "../../generated/sts/index.js";
import type { LocalEndpoint } from "../../src/local/index.js";
import type { CassetteSession } from "../../src/testing/index.js";

export interface Rotation {
  oldKeyId: string;
  newKeyId: string;
  account: string | undefined;
  /** What the call signed with the deactivated key threw. */
  refused: { name: string; $metadata?: { httpStatusCode?: number } } | undefined;
}

/** Runs the rotation for user `alice` of `server` (absent offline); each step's failure rejects. */
export async function rotate(cassette: CassetteSession, server?: Pick<LocalEndpoint, "url" | "createUser">): Promise<Rotation> {
  const alice = cassette.live ? server!.createUser("alice") : undefined;
  const oldKeyId = await cassette.value("oldAccessKeyId", () => alice!.accessKeyId);
  const signedBy = (credentials: () => { accessKeyId: string; secretAccessKey: string }) => ({
    region: "us-east-1",
    maxAttempts: 1,
    ...cassette.clientConfig(() => ({ endpoint: server!.url, credentials: credentials() })),
  });

  const created = await new IAMClient(signedBy(() => alice!)).send(new CreateAccessKeyCommand({ UserName: "alice" }));
  const newKey = { accessKeyId: created.AccessKey!.AccessKeyId!, secretAccessKey: created.AccessKey!.SecretAccessKey! };
  const { Account } = await new STSClient(signedBy(() => newKey)).send(new GetAccessKeyInfoCommand({ AccessKeyId: newKey.accessKeyId }));
  await new IAMClient(signedBy(() => newKey)).send(new UpdateAccessKeyCommand({ UserName: "alice", AccessKeyId: oldKeyId, Status: "Inactive" }));
  const refused = await new STSClient(signedBy(() => alice!)).send(new GetAccessKeyInfoCommand({ AccessKeyId: oldKeyId })).then(
    () => undefined,
    (error: Rotation["refused"]) => error,
  );
  return { oldKeyId, newKeyId: newKey.accessKeyId, account: Account, refused };
}
