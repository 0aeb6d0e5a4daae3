import { readFile } from "node:fs/promises";
import type { AwsCredentialIdentity } from "@smithy/types";
import { CredentialsError } from "../../config/credentials.js";
import type { ChainContext } from "./context.js";
import { assumeRoleWithWebIdentity, checkRoleArn } from "./sts.js";

export interface WebIdentitySettings {
  tokenFile: string;
  roleArn: string;
  /** The profile's role_session_name; else AWS_ROLE_SESSION_NAME, else one is made up, as in the official SDK. */
  sessionName?: string;
  /** Where the settings come from, for messages: `profile "p"` or the environment. */
  where: string;
  /** The name of the role ARN's setting. */
  setting: string;
}

/**
 * Web identity federation from the environment (EKS IAM roles for service accounts and the like), which the official
 * SDK tries after the shared files: AWS_WEB_IDENTITY_TOKEN_FILE, AWS_ROLE_ARN and AWS_ROLE_SESSION_NAME.
 */
export async function fromWebIdentityEnvironment(context: ChainContext): Promise<AwsCredentialIdentity> {
  const { AWS_WEB_IDENTITY_TOKEN_FILE: tokenFile, AWS_ROLE_ARN: roleArn } = process.env;
  if (!tokenFile || !roleArn) throw new CredentialsError("AWS_WEB_IDENTITY_TOKEN_FILE and AWS_ROLE_ARN are not both set");
  return fromWebIdentityTokenFile({ tokenFile, roleArn, where: "AWS_WEB_IDENTITY_TOKEN_FILE", setting: "AWS_ROLE_ARN" }, context);
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
  const input = { RoleArn: roleArn, RoleSessionName: sessionName, WebIdentityToken: token };
  return assumeRoleWithWebIdentity(input, context, where);
}
