import type { AwsCredentialIdentity } from "@smithy/types";
import { CredentialsError } from "../../config/credentials.js";
import { unsupported } from "./unsupported.js";

/**
 * Web identity federation from the environment (EKS IAM roles for service accounts and the like), which the official
 * SDK tries after the shared files. It needs STS, so when it is configured the chain stops with a clear error instead
 * of falling through to, say, the node's instance role.
 */
export async function fromWebIdentityEnvironment(): Promise<AwsCredentialIdentity> {
  if (process.env.AWS_WEB_IDENTITY_TOKEN_FILE && process.env.AWS_ROLE_ARN) {
    throw unsupported("AWS_WEB_IDENTITY_TOKEN_FILE and AWS_ROLE_ARN are set (web identity federation)", "the STS AssumeRoleWithWebIdentity operation");
  }
  throw new CredentialsError("AWS_WEB_IDENTITY_TOKEN_FILE and AWS_ROLE_ARN are not both set");
}
