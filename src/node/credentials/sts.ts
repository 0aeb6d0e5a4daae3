// The chain's STS calls. The generated STS client lives in generated/, which only src/entries/ may import, so the
// calls themselves are in src/entries/wiring/sts-credentials.ts, imported here on first use: a process whose credentials
// need no role never loads it.
import type { AwsCredentialIdentity } from "@smithy/types";
import { CredentialsError } from "../../config/credentials.js";
import type { AssumeRoleInput, AssumeRoleWithWebIdentityInput, StsCallConfig } from "../../entries/wiring/sts-credentials.js";
import { profileSettings } from "../profile.js";
import type { CallerClientConfig } from "./context.js";

/** An IAM role's ARN: arn:PARTITION:iam::ACCOUNT:role/[PATH/]NAME. */
const ROLE_ARN = /^arn:[a-z-]+:iam::\d{12}:role\/[\w+=,.@/-]+$/;

/** `value` when it is a role ARN; else an error naming `setting`, and nothing is sent. */
export function checkRoleArn(value: string, setting: string): string {
  if (ROLE_ARN.test(value)) return value;
  throw new CredentialsError(`${setting} must be an IAM role ARN such as arn:aws:iam::123456789012:role/Name (got ${JSON.stringify(value)})`, {
    tryNextLink: false,
  });
}

/** STS AssumeRole with `source` credentials; `where` names the configuration in errors. */
export async function assumeRole(source: AwsCredentialIdentity, input: AssumeRoleInput, client: CallerClientConfig, where: string) {
  const sts = await import("../../entries/wiring/sts-credentials.js");
  return call("AssumeRole", input.RoleArn, where, async () => sts.assumeRole(await stsConfig(client), source, input));
}

/** STS AssumeRoleWithWebIdentity, sent unsigned. */
export async function assumeRoleWithWebIdentity(input: AssumeRoleWithWebIdentityInput, client: CallerClientConfig, where: string) {
  const sts = await import("../../entries/wiring/sts-credentials.js");
  return call("AssumeRoleWithWebIdentity", input.RoleArn, where, async () => sts.assumeRoleWithWebIdentity(await stsConfig(client), input));
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
 * The STS client's settings, as the official SDK's role assumers pick them: the region given (the role profile's,
 * else the calling client's), else AWS_REGION, else the profile's region, else us-east-1 with a warning; the
 * calling client's profile, logger and request handler.
 */
async function stsConfig(client: CallerClientConfig): Promise<StsCallConfig> {
  // A client without a region anywhere has a region() that rejects, as v3's does: the next source decides then.
  const given = typeof client.region === "function" ? await Promise.resolve(client.region()).catch(() => undefined) : client.region;
  let region = given ?? process.env.AWS_REGION ?? (await profileSettings(client.profile)).region;
  if (region === undefined) {
    client.logger?.warn("keysmith credentials: no region for STS; using us-east-1. Set the client's region or the profile's.");
    region = "us-east-1";
  }
  return { region, profile: client.profile, logger: client.logger, requestHandler: client.requestHandler as StsCallConfig["requestHandler"] };
}
