import { CredentialsError } from "../../config/credentials.js";

/**
 * Credentials are configured, but getting them needs an AWS operation keysmith does not include (STS AssumeRole,
 * SSO GetRoleCredentials, ...). The chain stops here: the official SDK would use this configuration, so moving on to
 * other credentials would sign as someone the user did not choose.
 */
export class UnsupportedCredentialsError extends CredentialsError {}

const WORKAROUND =
  "Get the credentials with the AWS CLI and pass them to the client (`credentials` option or AWS_ACCESS_KEY_ID / " +
  "AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN), or give keysmith a profile whose credential_process runs " +
  "`aws configure export-credentials --profile NAME --format process`.";

/** `what` is configured, and resolving it needs `operations`, which keysmith does not include. */
export function unsupported(what: string, operations: string): UnsupportedCredentialsError {
  return new UnsupportedCredentialsError(`${what}: this needs ${operations}, which keysmith does not include. ${WORKAROUND}`);
}
