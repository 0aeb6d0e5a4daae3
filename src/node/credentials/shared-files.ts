import type { AwsCredentialIdentity, Profile } from "@smithy/types";
import { CredentialsError } from "../../config/credentials.js";
import { activeProfile, credentialsProfile } from "../profile.js";
import { runCredentialProcess } from "./process.js";
import { unsupported } from "./unsupported.js";

/**
 * Credentials of the active profile in the shared `credentials` and `config` files: static keys, or the output of its
 * `credential_process`. A profile that needs role assumption, SSO or `aws login` is refused, not passed over.
 * The checks go in the official SDK's order (fromIni's resolveProfileData): a role first, then static keys, web
 * identity, credential_process, SSO, login.
 */
export async function fromSharedConfigFiles(profile?: string): Promise<AwsCredentialIdentity> {
  const active = await activeProfile(profile);
  const { name, files } = active;
  const values = credentialsProfile(active);
  if (values === undefined) {
    throw new CredentialsError(`profile "${name}" is not in ${files.credentialsPath} or ${files.configPath}`);
  }
  const what = `Profile "${name}"`;
  if (assumesRole(values)) {
    throw unsupported(`${what} assumes a role (role_arn with ${values.source_profile ? "source_profile" : "credential_source"})`, "the STS AssumeRole operation");
  }
  if (values.aws_access_key_id && values.aws_secret_access_key) {
    return {
      accessKeyId: values.aws_access_key_id,
      secretAccessKey: values.aws_secret_access_key,
      ...(values.aws_session_token ? { sessionToken: values.aws_session_token } : {}),
    };
  }
  if (values.web_identity_token_file && values.role_arn) {
    throw unsupported(`${what} uses web identity federation (web_identity_token_file)`, "the STS AssumeRoleWithWebIdentity operation");
  }
  if (values.credential_process) {
    try {
      return await runCredentialProcess(values.credential_process);
    } catch (error) {
      throw new CredentialsError(`profile "${name}": ${(error as Error).message}`);
    }
  }
  if (SSO_KEYS.some((key) => values[key] !== undefined)) {
    throw unsupported(`${what} uses IAM Identity Center (${presentKeys(values, SSO_KEYS)})`, "the SSO GetRoleCredentials and SSO OIDC CreateToken operations");
  }
  if (values.login_session) {
    throw unsupported(`${what} uses an \`aws login\` session (login_session)`, "the AWS Sign-In CreateOAuth2Token operation");
  }
  // An incomplete role setup (say role_arn alone) is still a request for a role, not for whatever comes next.
  if (ROLE_KEYS.some((key) => values[key] !== undefined)) {
    throw unsupported(`${what} configures a role (${presentKeys(values, ROLE_KEYS)})`, "the STS AssumeRole operations");
  }
  throw new CredentialsError(`profile "${name}" has neither aws_access_key_id with aws_secret_access_key nor credential_process`);
}

const SSO_KEYS = ["sso_session", "sso_start_url", "sso_account_id", "sso_region", "sso_role_name"];
const ROLE_KEYS = ["role_arn", "source_profile", "credential_source", "web_identity_token_file"];

/** role_arn with exactly one of source_profile and credential_source, as the official SDK recognises it. */
function assumesRole(values: Profile): boolean {
  return values.role_arn !== undefined && (values.source_profile !== undefined) !== (values.credential_source !== undefined);
}

function presentKeys(values: Profile, keys: string[]): string {
  return keys.filter((key) => values[key] !== undefined).join(", ");
}
