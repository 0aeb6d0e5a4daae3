// `npm start`: an access-key rotation, step by step, against the embedded IAM/STS endpoint (no AWS account needed),
// or against AWS with `--real --user NAME` and credentials from the environment.
import { parseArgs } from "node:util";
import type { AwsCredentialIdentity } from "@smithy/types";
import { GetAccessKeyInfoCommand, STSClient, STSServiceException } from "../src/entries/sts.js";
import { CreateAccessKeyCommand, IAMClient, LimitExceededException, NoSuchEntityException, UpdateAccessKeyCommand } from "../generated/iam/index.js";
import { startLocalEndpoint } from "../src/entries/local.js";

const { values: args } = parseArgs({ options: { real: { type: "boolean" }, user: { type: "string" }, region: { type: "string" } } });

interface Target {
  /** Where the calls go: the embedded endpoint's URL, or undefined for AWS's own endpoints. */
  endpoint?: string;
  region: string;
  userName: string;
  /** Credentials allowed to manage the user's keys. */
  admin: AwsCredentialIdentity | undefined;
  /** The key being rotated out, when the demo knows its secret. */
  oldKey?: AwsCredentialIdentity;
  close(): Promise<void>;
}

const say = (text: string) => console.log(text);
const step = (n: number, text: string) => console.log(`\n${n}. ${text}`);
const mask = (secret: string | undefined) => (secret ? `${secret.slice(0, 4)}${"*".repeat(Math.max(0, secret.length - 4))}` : "(none)");

async function localTarget(): Promise<Target> {
  const server = await startLocalEndpoint();
  const alice = server.createUser("alice");
  say(`Embedded IAM/STS endpoint on ${server.url} (account ${server.accountId}); it checks every SigV4 signature.`);
  say(`User "alice" has one access key, ${alice.accessKeyId}: the key to rotate out.`);
  const oldKey = { accessKeyId: alice.accessKeyId, secretAccessKey: alice.secretAccessKey };
  return { endpoint: server.url, region: "us-east-1", userName: "alice", admin: oldKey, oldKey, close: () => server.close() };
}

function realTarget(): Target {
  if (!args.user) {
    console.error("--real needs --user NAME: a throwaway IAM user whose keys the demo may create and deactivate.");
    process.exit(2);
  }
  say(`Against AWS, for IAM user "${args.user}", with the credentials of this environment.`);
  say("The demo creates keys it cannot delete (keysmith has no DeleteAccessKey): remove them afterwards.");
  return { region: args.region ?? process.env.AWS_REGION ?? "us-east-1", userName: args.user, admin: undefined, close: async () => {} };
}

async function main(): Promise<void> {
  const target = args.real ? realTarget() : await localTarget();
  const common = { region: target.region, ...(target.endpoint ? { endpoint: target.endpoint } : {}) };
  const iam = new IAMClient({ ...common, credentials: target.admin });
  try {
    let oldKey = target.oldKey;
    if (!oldKey) {
      step(0, `Creating a first key for ${target.userName}, to play the old key.`);
      const first = await iam.send(new CreateAccessKeyCommand({ UserName: target.userName }));
      oldKey = { accessKeyId: first.AccessKey!.AccessKeyId!, secretAccessKey: first.AccessKey!.SecretAccessKey! };
      say(`   old key ${oldKey.accessKeyId}`);
    }

    step(1, `CreateAccessKey: a second key for ${target.userName}.`);
    const created = await iam.send(new CreateAccessKeyCommand({ UserName: target.userName }));
    const newKey = created.AccessKey!;
    say(`   new key ${newKey.AccessKeyId} (${newKey.Status}), secret ${mask(newKey.SecretAccessKey)} — shown once, store it now`);
    say(`   request id ${created.$metadata.requestId}, ${created.$metadata.attempts} attempt(s)`);

    step(2, "GetAccessKeyInfo: which account owns the new key?");
    const sts = new STSClient({ ...common, credentials: { accessKeyId: newKey.AccessKeyId!, secretAccessKey: newKey.SecretAccessKey! } });
    const info = await withPropagation(() => sts.send(new GetAccessKeyInfoCommand({ AccessKeyId: newKey.AccessKeyId! })));
    say(`   account ${info.Account} (signed with the new key itself, so it works)`);

    step(3, `UpdateAccessKey: deactivate the old key ${oldKey.accessKeyId}, signed with the new key.`);
    const iamWithNewKey = new IAMClient({ ...common, credentials: { accessKeyId: newKey.AccessKeyId!, secretAccessKey: newKey.SecretAccessKey! } });
    await iamWithNewKey.send(new UpdateAccessKeyCommand({ UserName: target.userName, AccessKeyId: oldKey.accessKeyId, Status: "Inactive" }));
    say("   old key is Inactive (reversible, unlike deletion)");

    step(4, "The old key no longer authenticates:");
    const stsWithOldKey = new STSClient({ ...common, credentials: oldKey, maxAttempts: 1 });
    const refused = await untilRefused(() => stsWithOldKey.send(new GetAccessKeyInfoCommand({ AccessKeyId: oldKey!.accessKeyId })));
    say(`   ${refused.name} (HTTP ${refused.$metadata.httpStatusCode}): ${refused.message}`);
    say(`   instanceof STSServiceException: ${refused instanceof STSServiceException}`);

    step(5, "Typed errors:");
    const limit = await iamWithNewKey.send(new CreateAccessKeyCommand({ UserName: target.userName })).catch((error: unknown) => error);
    if (limit instanceof LimitExceededException) say(`   a third key: LimitExceededException (${limit.$fault} fault, HTTP ${limit.$metadata.httpStatusCode}): ${limit.message}`);
    else say(`   a third key was not refused (${describe(limit)}); the user had fewer keys than assumed`);
    const missing = await iamWithNewKey
      .send(new UpdateAccessKeyCommand({ UserName: target.userName, AccessKeyId: "AKIAIOSFODNN7EXAMPLE", Status: "Active" }))
      .catch((error: unknown) => error);
    if (missing instanceof NoSuchEntityException) say(`   an unknown key: NoSuchEntityException (HTTP ${missing.$metadata.httpStatusCode}): ${missing.message}`);
    else say(`   an unknown key was not refused as expected (${describe(missing)})`);
    const invalid = await iamWithNewKey.send(new UpdateAccessKeyCommand({ AccessKeyId: "AKIA", Status: "Bogus" as "Active" })).catch((error: unknown) => error);
    say(`   bad input, caught before sending: ${(invalid as Error).message}`);

    say("\nRotation done: the new key is in use, the old one is off.");
  } finally {
    await target.close();
  }
}

/** AWS takes a few seconds to make a new key usable; the embedded endpoint does not. */
async function withPropagation<T>(call: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      if (!args.real || attempt >= 10 || (error as Error).name !== "InvalidClientTokenId") throw error;
      await new Promise((resolve) => setTimeout(resolve, 2000));
    }
  }
}

/** Calls until the service refuses the credentials; on AWS a deactivation takes a little while to take effect. */
async function untilRefused(call: () => Promise<unknown>): Promise<STSServiceException> {
  for (let attempt = 1; ; attempt++) {
    const outcome = await call().then(() => undefined, (error: unknown) => error);
    if (outcome instanceof STSServiceException) return outcome;
    if (outcome !== undefined) throw outcome;
    if (!args.real || attempt >= 15) throw new Error("the old key still authenticates");
    await new Promise((resolve) => setTimeout(resolve, 2000));
  }
}

function describe(value: unknown): string {
  return value instanceof Error ? `${value.name}: ${value.message}` : "it succeeded";
}

main().catch((error: unknown) => {
  console.error(`\ndemo failed: ${describe(error)}`);
  process.exit(1);
});
