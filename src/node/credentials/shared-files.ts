import type { AwsCredentialIdentity, Profile } from "@smithy/types";
import { CredentialsError } from "../../config/credentials.js";
import { activeProfile, credentialsProfile, type SharedConfigFiles } from "../profile.js";
import { fromRoleProfile, isRoleProfile } from "./assume-role.js";
import type { ChainContext } from "./context.js";
import { fromIdentityCenterProfile, fromLoginSession, usesIdentityCenter } from "./identity-center.js";
import { runCredentialProcess } from "./process.js";
import { fromWebIdentityTokenFile } from "./web-identity.js";

/** A profile being resolved: its name, its values, the files, and the profiles that led to it through source_profile. */
export interface ProfileInChain {
  name: string;
  values: Profile;
  files: SharedConfigFiles;
  /** The top profile first, this one last. */
  path: string[];
}

/** Credentials of the active profile in the shared `credentials` and `config` files, of whichever kind it is. */
export async function fromSharedConfigFiles(context: ChainContext): Promise<AwsCredentialIdentity> {
  const { name, files } = await activeProfile(context.profile, context.init);
  return resolveProfile(name, files, context, [name], false);
}

/**
 * The official SDK's resolveProfileData, in its order: a profile reached through source_profile that has static keys
 * gives them; a role profile (or one reached for its credential_source) assumes its role; then static keys, web
 * identity, credential_process, IAM Identity Center, `aws login`.
 */
export async function resolveProfile(
  name: string,
  files: SharedConfigFiles,
  context: ChainContext,
  path: string[],
  forCredentialSource: boolean,
): Promise<AwsCredentialIdentity> {
  const values = credentialsProfile({ name, files });
  if (values === undefined) throw new CredentialsError(`${describePath(path)} is not in ${files.credentialsPath} or ${files.configPath}`);
  const profile: ProfileInChain = { name, values, files, path };
  const where = describePath(path);
  if (path.length > 1 && hasStaticKeys(values)) return staticKeys(values);
  if (forCredentialSource || isRoleProfile(values)) return fromRoleProfile(profile, context);
  if (hasStaticKeys(values)) return staticKeys(values);
  if (values.web_identity_token_file !== undefined && values.role_arn !== undefined) {
    return fromWebIdentityTokenFile(
      { tokenFile: values.web_identity_token_file, roleArn: values.role_arn, sessionName: values.role_session_name, where, setting: "role_arn" },
      context,
    );
  }
  if (values.credential_process !== undefined) {
    if (path.length === 1) context.processRanFor = name;
    return processCredentials(values.credential_process, where, values.aws_account_id);
  }
  if (usesIdentityCenter(values)) return fromIdentityCenterProfile(profile, context);
  if (values.login_session !== undefined) return fromLoginSession(profile, context);
  throw new CredentialsError(
    `${where} has no credentials: neither static keys, a role (role_arn with source_profile or credential_source), ` +
      "web_identity_token_file, credential_process, IAM Identity Center (sso_*) nor login_session",
  );
}

/**
 * The official SDK's separate credential_process source, after the shared files: the active profile's command, when
 * the shared-files source did not already run it (a role profile whose role could not be resolved, say).
 */
export async function fromProfileProcess(context: ChainContext): Promise<AwsCredentialIdentity> {
  const { name, files } = await activeProfile(context.profile, context.init);
  const values = credentialsProfile({ name, files });
  const command = values?.credential_process;
  if (command === undefined) throw new CredentialsError(`profile "${name}" has none`);
  if (context.processRanFor === name) throw new CredentialsError(`profile "${name}": already run with the shared files`);
  return processCredentials(command, `profile "${name}"`, values!.aws_account_id);
}

/** `profile "dev"`, or for a profile reached through source_profile, `profile "dev" → "base"`. */
export function describePath(path: readonly string[]): string {
  return `profile ${path.map((name) => `"${name}"`).join(" → ")}`;
}

/** The file that holds `key` of the profile, for messages: the credentials file wins, as when reading. */
export function fileOf({ name, files }: ProfileInChain, key: string): string {
  return Object.hasOwn(files.credentials[name] ?? {}, key) ? files.credentialsPath : files.configPath;
}

function hasStaticKeys(values: Profile): boolean {
  return values.aws_access_key_id !== undefined && values.aws_secret_access_key !== undefined;
}

/** The profile's keys, with its `aws_credential_scope` and `aws_account_id` when set, as v3 reads them. */
function staticKeys(values: Profile): AwsCredentialIdentity {
  return {
    accessKeyId: values.aws_access_key_id!,
    secretAccessKey: values.aws_secret_access_key!,
    ...(values.aws_session_token ? { sessionToken: values.aws_session_token } : {}),
    ...(values.aws_credential_scope ? { credentialScope: values.aws_credential_scope } : {}),
    ...(values.aws_account_id ? { accountId: values.aws_account_id } : {}),
  };
}

/** What the command prints; the account is the profile's `aws_account_id` when the output names none, as in v3. */
async function processCredentials(command: string, where: string, profileAccountId: string | undefined): Promise<AwsCredentialIdentity> {
  try {
    return await runCredentialProcess(command, { profileAccountId });
  } catch (error) {
    throw new CredentialsError(`${where}: ${(error as Error).message}`);
  }
}
