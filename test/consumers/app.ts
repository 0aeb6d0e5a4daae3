// A key rotation against the embedded endpoint through all five entries, as a TypeScript user writes it. The test
// copies it into esm/ and cjs/ and compiles it there under each moduleResolution, so the same source becomes an ES
// module or a CommonJS one, with declarations; it prints what it saw as JSON.
import { CreateAccessKeyCommand, IAMClient, NoSuchEntityException, UpdateAccessKeyCommand, type IAMClientConfig } from "keysmith/iam";
import { startLocalEndpoint, type LocalEndpoint } from "keysmith/local";
import { QueryClient, ServiceException } from "keysmith/runtime";
import { GetAccessKeyInfoCommand, STSClient, describeAccessKeyId, getDefaultRoleAssumer } from "keysmith/sts";
import { MASK, type Fixture } from "keysmith/testing";

async function main(): Promise<Record<string, unknown>> {
  const server: LocalEndpoint = await startLocalEndpoint();
  try {
    const alice = server.createUser("alice");
    const config = { region: "us-east-1", endpoint: server.url, credentials: { accessKeyId: alice.accessKeyId, secretAccessKey: alice.secretAccessKey } };
    const iam = new IAMClient(config);
    const sts = new STSClient(config);
    const created = await iam.send(new CreateAccessKeyCommand({ UserName: "alice" }));
    const keyId = String(created.AccessKey?.AccessKeyId);
    const info = await sts.send(new GetAccessKeyInfoCommand({ AccessKeyId: keyId }));
    let updateError = "none";
    try {
      await iam.send(new UpdateAccessKeyCommand({ UserName: "bob", AccessKeyId: keyId, Status: "Inactive" }));
    } catch (error) {
      if (error instanceof NoSuchEntityException && error instanceof ServiceException) updateError = error.name;
    }
    // v3's role assumer, as code handing it to a credential provider calls it.
    const role = server.roles.create({ roleName: "Rotator", trustedPrincipals: [`arn:aws:iam::${info.Account}:user/alice`] });
    const assumed = await getDefaultRoleAssumer({ region: "us-east-1", endpoint: server.url })(config.credentials, { RoleArn: role.arn, RoleSessionName: "app" });
    const fixtures: Fixture[] = [];
    return {
      account: info.Account,
      hint: describeAccessKeyId(keyId).kind,
      roleSession: server.roles.sessionOf(assumed.accessKeyId)?.arn,
      updateError,
      clientsShareTheRuntime: iam instanceof QueryClient && sts instanceof QueryClient,
      mask: MASK,
      fixtures: fixtures.length,
    };
  } finally {
    await server.close();
  }
}

// Exported with inferred types, as a library does: compiled with declarations on, each type must be nameable from
// the package (else TypeScript's TS2742).
export const defaultClientConfig = new IAMClient({ region: "us-east-1" }).config;
export function withRetries(config: IAMClientConfig) {
  return { ...config, maxAttempts: 5 };
}

main().then(
  (result) => console.log(JSON.stringify(result)),
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
