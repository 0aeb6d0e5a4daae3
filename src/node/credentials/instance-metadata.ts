import type { AwsCredentialIdentity, AwsCredentialIdentityProvider, Logger } from "@smithy/types";
import { CredentialsError } from "../../config/credentials.js";
import { instanceMetadataDisabled } from "../instance-metadata.js";
import type { CredentialChainInit } from "./context.js";

export interface InstanceMetadataOptions {
  /** Per request to the metadata service. */
  timeoutMs?: number;
  /** Extra tries of each metadata request. */
  maxRetries?: number;
  /** The profile whose ec2_metadata_v1_disabled applies. */
  profile?: string;
  /** Never fall back to IMDSv1, whatever the environment and the profile say. */
  ec2MetadataV1Disabled?: boolean;
  logger?: Logger;
}

/** The chain's options for the instance metadata service, as v3 hands its init to fromInstanceMetadata. */
export function instanceMetadataOptionsOf(init: CredentialChainInit, profile: string | undefined): InstanceMetadataOptions {
  return { profile, logger: init.logger, timeoutMs: init.timeout, maxRetries: init.maxRetries, ec2MetadataV1Disabled: init.ec2MetadataV1Disabled };
}

/**
 * The EC2 instance role through @smithy/credential-provider-imds: IMDSv2 (a token from PUT /latest/api/token, sent
 * as x-aws-ec2-metadata-token), falling back to IMDSv1 only where the official SDK does. AWS_EC2_METADATA_SERVICE_ENDPOINT
 * moves it. Keep one provider per chain: it serves the last credentials, extended, while the service is unreachable.
 * The package is imported on first use, so a process that has credentials elsewhere never loads it.
 */
export function fromInstanceMetadataService(options: InstanceMetadataOptions = {}): AwsCredentialIdentityProvider {
  const { timeoutMs = 1000, maxRetries = 0, profile, logger, ec2MetadataV1Disabled } = options;
  let provider: AwsCredentialIdentityProvider | undefined;
  return async (): Promise<AwsCredentialIdentity> => {
    if (instanceMetadataDisabled()) throw new CredentialsError("disabled by AWS_EC2_METADATA_DISABLED");
    if (provider === undefined) {
      const { fromInstanceMetadata } = await import("../imds-provider.js");
      provider = fromInstanceMetadata({ timeout: timeoutMs, maxRetries, profile, logger, ec2MetadataV1Disabled });
    }
    try {
      return await provider();
    } catch (error) {
      throw new CredentialsError(describe(error));
    }
  };
}

function describe(error: unknown): string {
  // The parser's message quotes the response, which may hold the secret.
  if (error instanceof SyntaxError) return "the instance metadata service answered with something that is not JSON";
  const { message, code, statusCode } = error as { message?: string; code?: string; statusCode?: number };
  const details = [code, statusCode === undefined ? undefined : `HTTP ${statusCode}`].filter(Boolean);
  return `${message ?? String(error)}${details.length > 0 ? ` (${details.join(", ")})` : ""}`;
}
