import { readFile } from "node:fs/promises";
import type { AwsCredentialIdentity } from "@smithy/types";
import { CredentialsError } from "../../config/credentials.js";
import { optionOrVariable, type AssumeRoleWithWebIdentityParams, type ChainContext } from "./context.js";
import { assumeRoleWithWebIdentity, checkRoleArn } from "./sts.js";

export interface WebIdentitySettings {
  tokenFile: string;
  roleArn: string;
  /** The profile's role_session_name; else AWS_ROLE_SESSION_NAME, else one is made up, as in the official SDK. */
  sessionName?: string;
  /** More of the call's input, given to the chain: ProviderId, PolicyArns, Policy, DurationSeconds. */
  input?: Omit<AssumeRoleWithWebIdentityParams, "RoleArn" | "RoleSessionName" | "WebIdentityToken">;
  /** Where the settings come from, for messages: `profile "p"` or the environment. */
  where: string;
  /** The name of the role ARN's setting. */
  setting: string;
}

/**
 * Web identity federation from the chain's options or the environment (EKS IAM roles for service accounts and the
 * like), which the official SDK tries after the shared files: `webIdentityTokenFile`, `roleArn` and `roleSessionName`,
 * each over its variable (AWS_WEB_IDENTITY_TOKEN_FILE, AWS_ROLE_ARN, AWS_ROLE_SESSION_NAME), as in v3's fromTokenFile;
 * `providerId`, `policyArns`, `policy` and `durationSeconds` go with the call.
 */
export async function fromWebIdentityOptionsOrEnvironment(context: ChainContext): Promise<AwsCredentialIdentity> {
  const { init } = context;
  const tokenFile = optionOrVariable(init, "webIdentityTokenFile", "AWS_WEB_IDENTITY_TOKEN_FILE");
  const roleArn = optionOrVariable(init, "roleArn", "AWS_ROLE_ARN");
  if (!tokenFile.value || !roleArn.value) throw new CredentialsError(`${tokenFile.name} and ${roleArn.name} are not both set`);
  const { providerId, policyArns, policy, durationSeconds } = init;
  return fromWebIdentityTokenFile(
    {
      tokenFile: tokenFile.value,
      roleArn: roleArn.value,
      sessionName: init.roleSessionName,
      input: { ProviderId: providerId, PolicyArns: policyArns, Policy: policy, DurationSeconds: durationSeconds },
      where: tokenFile.name,
      setting: roleArn.name,
    },
    context,
  );
}

/**
 * STS AssumeRoleWithWebIdentity with the token in `tokenFile`, read at every call: the issuer rotates the file, and
 * the chain runs again at each refresh. STS is called in the client's region, as in the official SDK.
 */
export async function fromWebIdentityTokenFile(settings: WebIdentitySettings, context: ChainContext): Promise<AwsCredentialIdentity> {
  const { tokenFile, where } = settings;
  const roleArn = checkRoleArn(settings.roleArn, `${where}: ${settings.setting}`);
  let token: string;
  try {
    token = (await readFile(tokenFile, "utf8")).trim();
  } catch (error) {
    throw new CredentialsError(`${where}: the web identity token file ${tokenFile} cannot be read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, {
      tryNextLink: false,
    });
  }
  if (token === "") throw new CredentialsError(`${where}: the web identity token file ${tokenFile} is empty`, { tryNextLink: false });
  const sessionName = settings.sessionName || process.env.AWS_ROLE_SESSION_NAME || `aws-sdk-js-session-${Date.now()}`;
  return assumeRoleWithWebIdentity({ ...settings.input, RoleArn: roleArn, RoleSessionName: sessionName, WebIdentityToken: token }, context, where);
}
