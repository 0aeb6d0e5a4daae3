// The chain's STS calls. The generated STS client lives in generated/, which only src/entries/ may import, so the
// calls themselves are in src/entries/wiring/sts-credentials.ts, imported here on first use: a process whose credentials
// need no role never loads it.
import type { AwsCredentialIdentity } from "@smithy/types";
import { CredentialsError } from "../../config/credentials.js";
import type { AssumeRoleInput, AssumeRoleWithWebIdentityInput, StsCallConfig } from "../../entries/wiring/sts-credentials.js";
import { profileSettings } from "../profile.js";
import type { ChainContext } from "./context.js";

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
export async function assumeRole(source: AwsCredentialIdentity, input: AssumeRoleInput, context: ChainContext, where: string, profileRegion?: string) {
  const { roleAssumer } = context.init;
  if (roleAssumer !== undefined) return call("AssumeRole (roleAssumer)", input.RoleArn, where, () => roleAssumer(source, input));
  const sts = await import("../../entries/wiring/sts-credentials.js");
  return call("AssumeRole", input.RoleArn, where, async () => sts.assumeRole(await stsConfig(context, profileRegion), source, input));
}

/** STS AssumeRoleWithWebIdentity, sent unsigned, or the chain's `roleAssumerWithWebIdentity`. */
export async function assumeRoleWithWebIdentity(input: AssumeRoleWithWebIdentityInput, context: ChainContext, where: string) {
  const { roleAssumerWithWebIdentity } = context.init;
  if (roleAssumerWithWebIdentity !== undefined) {
    return call("AssumeRoleWithWebIdentity (roleAssumerWithWebIdentity)", input.RoleArn, where, () => roleAssumerWithWebIdentity(input));
  }
  const sts = await import("../../entries/wiring/sts-credentials.js");
  return call("AssumeRoleWithWebIdentity", input.RoleArn, where, async () => sts.assumeRoleWithWebIdentity(await stsConfig(context), input));
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
 * The STS client's settings, as the official SDK's role assumers pick them: the chain's `clientConfig` first; then
 * for the region the role profile's, else the calling client's, else AWS_REGION, else the profile's region, else
 * us-east-1 with a warning; the calling client's profile, logger and request handler.
 */
async function stsConfig({ client, init }: ChainContext, profileRegion?: string): Promise<StsCallConfig> {
  const { region: configRegion, profile = client.profile, logger = client.logger, requestHandler = client.requestHandler, ...clientConfig } = init.clientConfig ?? {};
  // A client without a region anywhere has a region() that rejects, as v3's does: the next source decides then.
  const clientRegion = typeof client.region === "function" ? await Promise.resolve(client.region()).catch(() => undefined) : client.region;
  let region = (configRegion as string | undefined) ?? profileRegion ?? clientRegion ?? process.env.AWS_REGION ?? (await profileSettings(client.profile)).region;
  if (region === undefined) {
    (logger as StsCallConfig["logger"])?.warn("keysmith credentials: no region for STS; using us-east-1. Set the client's region or the profile's.");
    region = "us-east-1";
  }
  return {
    ...clientConfig,
    region,
    profile: profile as string | undefined,
    logger: logger as StsCallConfig["logger"],
    requestHandler: requestHandler as StsCallConfig["requestHandler"],
    plugins: init.clientPlugins ?? [],
  };
}
