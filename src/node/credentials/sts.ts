// The chain's STS calls. The generated STS client lives in generated/, which only src/entries/ may import, so the
// calls go through keysmith/sts's role assumers, by src/entries/wiring/sts-credentials.ts, imported here on first use:
// a process whose credentials need no role never loads it.
import type { AwsCredentialIdentity } from "@smithy/types";
import { CredentialsError } from "../../config/credentials.js";
import { settingValue } from "../../config/setting-value.js";
import type { STSRoleAssumerOptions } from "../../entries/sts.js";
import type { AssumeRoleParams, AssumeRoleWithWebIdentityParams, ChainContext } from "./context.js";

/** An IAM role's ARN: arn:PARTITION:iam::ACCOUNT:role/[PATH/]NAME. */
const ROLE_ARN = /^arn:[a-z-]+:iam::\d{12}:role\/[\w+=,.@/-]+$/;

/** `value` when it is a role ARN; else an error naming `setting`, and nothing is sent. */
export function checkRoleArn(value: string, setting: string): string {
  if (ROLE_ARN.test(value)) return value;
  throw new CredentialsError(`${setting} must be an IAM role ARN such as arn:aws:iam::123456789012:role/Name (got ${JSON.stringify(value)})`, {
    tryNextLink: false,
  });
}

/**
 * STS AssumeRole with `source` credentials, or the chain's `roleAssumer`; `where` names the configuration in errors.
 * `profileRegion` is the role profile's, which STS is called in unless the chain's `clientConfig` names a region.
 */
export async function assumeRole(source: AwsCredentialIdentity, input: AssumeRoleParams, context: ChainContext, where: string, profileRegion?: string) {
  const { roleAssumer } = context.init;
  if (roleAssumer !== undefined) return call("AssumeRole (roleAssumer)", input.RoleArn, where, () => roleAssumer(source, input));
  const sts = await import("../../entries/wiring/sts-credentials.js");
  return call("AssumeRole", input.RoleArn, where, async () => sts.getDefaultRoleAssumer(await stsOptions(context, profileRegion), context.init.clientPlugins)(source, input));
}

/** STS AssumeRoleWithWebIdentity, sent unsigned, or the chain's `roleAssumerWithWebIdentity`. */
export async function assumeRoleWithWebIdentity(input: AssumeRoleWithWebIdentityParams, context: ChainContext, where: string) {
  const { roleAssumerWithWebIdentity } = context.init;
  if (roleAssumerWithWebIdentity !== undefined) {
    return call("AssumeRoleWithWebIdentity (roleAssumerWithWebIdentity)", input.RoleArn, where, () => roleAssumerWithWebIdentity(input));
  }
  const sts = await import("../../entries/wiring/sts-credentials.js");
  return call("AssumeRoleWithWebIdentity", input.RoleArn, where, async () =>
    sts.getDefaultRoleAssumerWithWebIdentity(await stsOptions(context), context.init.clientPlugins)(input),
  );
}

async function call(operation: string, roleArn: string | undefined, where: string, send: () => Promise<AwsCredentialIdentity>): Promise<AwsCredentialIdentity> {
  try {
    return await send();
  } catch (error) {
    const { name, message } = error as Error;
    throw new CredentialsError(`${where}: STS ${operation} of ${roleArn} failed: ${name}: ${message}`, { tryNextLink: false, cause: error });
  }
}

/**
 * The STS client's settings, as the official SDK's chain passes them to its role assumers: the chain's `clientConfig`,
 * over the calling client's settings (profile, logger, request handler) with the role profile's region in place of
 * the client's.
 */
async function stsOptions({ client, init }: ChainContext, profileRegion?: string): Promise<STSRoleAssumerOptions> {
  // A client without a region anywhere has a region() that rejects, as v3's does: the assumer's default decides then.
  const clientRegion = await Promise.resolve(settingValue(client.region)).catch(() => undefined);
  return { ...init.clientConfig, parentClientConfig: { ...client, region: profileRegion ?? clientRegion } };
}
