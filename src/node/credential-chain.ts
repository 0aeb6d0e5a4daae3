// The official SDK's default credential chain (defaultProvider / fromNodeProviderChain), for clients given no
// `credentials`. Node only; the client imports this module with import() when it needs it.
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider, Logger } from "@smithy/types";
import { CredentialsError, fromEnvironment } from "../config/credentials.js";
import { fromContainerEndpoint, isContainerConfigured } from "./credentials/container.js";
import { fromInstanceMetadataService } from "./credentials/instance-metadata.js";
import { fromSharedConfigFiles } from "./credentials/shared-files.js";
import { UnsupportedCredentialsError } from "./credentials/unsupported.js";
import { fromWebIdentityEnvironment } from "./credentials/web-identity.js";

export { UnsupportedCredentialsError } from "./credentials/unsupported.js";

export interface CredentialChainOptions {
  /** The shared-config profile. Default: AWS_PROFILE, else "default". */
  profile?: string;
  /** Gets a debug line per source tried, and a warning when AWS_PROFILE and environment keys are both set. */
  logger?: Logger;
}

interface CredentialSource {
  /** How the combined error names the source. */
  name: string;
  resolve(): Promise<AwsCredentialIdentity>;
}

/**
 * Tries, in order: the environment (AWS_ACCESS_KEY_ID, ...), the active profile of the shared files (static keys or
 * credential_process), web identity from the environment (refused), the container endpoint, then the EC2 instance
 * metadata service (IMDSv2). The first source that yields credentials wins. When none does, the error lists each
 * source and why it did not; a configuration that needs operations keysmith lacks (role assumption, SSO) stops the
 * chain with an UnsupportedCredentialsError. Every call runs the chain afresh: the client's resolveCredentials caches.
 *
 * As in the official SDK, selecting a profile (the option or AWS_PROFILE) skips the environment's keys.
 */
export function defaultCredentialChain(options: CredentialChainOptions = {}): AwsCredentialIdentityProvider {
  const { logger } = options;
  const instanceMetadata = fromInstanceMetadataService({ profile: options.profile, logger });
  let warnedAboutProfileAndKeys = false;

  const sources: CredentialSource[] = [
    {
      name: "environment variables",
      async resolve() {
        const selected = options.profile ?? process.env.AWS_PROFILE;
        if (selected) {
          if (process.env.AWS_ACCESS_KEY_ID && process.env.AWS_SECRET_ACCESS_KEY && !warnedAboutProfileAndKeys) {
            warnedAboutProfileAndKeys = true;
            logger?.warn(
              `Both a profile ("${selected}") and AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY are set; the profile is used, ` +
                "as by the official SDK. Set only one of them.",
            );
          }
          throw new CredentialsError(`not used, because profile "${selected}" is selected (${options.profile ? "profile option" : "AWS_PROFILE"})`);
        }
        try {
          return await fromEnvironment();
        } catch (error) {
          if (error instanceof CredentialsError) throw new CredentialsError("AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not both set");
          throw error;
        }
      },
    },
    { name: "shared config and credentials files", resolve: () => fromSharedConfigFiles(options.profile) },
    { name: "web identity token", resolve: fromWebIdentityEnvironment },
    { name: "container credentials endpoint", resolve: () => fromContainerEndpoint() },
    {
      name: "EC2 instance metadata service",
      async resolve() {
        // As in the official SDK: where container credentials are configured, the instance is not asked.
        if (isContainerConfigured()) throw new CredentialsError("not asked, because container credentials are configured");
        return instanceMetadata();
      },
    },
  ];

  return async () => {
    const failures: string[] = [];
    for (const source of sources) {
      try {
        const identity = await source.resolve();
        logger?.debug(`keysmith credentials: using ${source.name}`);
        return identity;
      } catch (error) {
        if (error instanceof UnsupportedCredentialsError) throw error;
        const reason = error instanceof Error ? error.message : String(error);
        logger?.debug(`keysmith credentials: ${source.name}: ${reason}`);
        failures.push(`${source.name}: ${reason}`);
      }
    }
    throw new CredentialsError(
      `No AWS credentials found. Tried, in order:\n${failures.map((line) => `  - ${line}`).join("\n")}\n` +
        "Pass `credentials` to the client, or configure one of these sources.",
    );
  };
}
