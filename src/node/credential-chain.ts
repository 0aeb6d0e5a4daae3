// The official SDK's default credential chain (defaultProvider / fromNodeProviderChain), for clients given no
// `credentials`. Node only; the client imports this module with import() when it needs it.
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from "@smithy/types";
import { CredentialsError, expiresSoon, fromEnvironment } from "../config/credentials.js";
import { containerOptionsOf, fromContainerEndpoint, isContainerConfigured } from "./credentials/container.js";
import type { CallerClientConfig, ChainContext, CredentialChainInit } from "./credentials/context.js";
import { fromIdentityCenterOptions } from "./credentials/identity-center.js";
import { fromInstanceMetadataService, instanceMetadataOptionsOf } from "./credentials/instance-metadata.js";
import { fromProfileProcess, fromSharedConfigFiles } from "./credentials/shared-files.js";
import { fromWebIdentityOptionsOrEnvironment } from "./credentials/web-identity.js";

export type { CallerClientConfig, CredentialChainInit } from "./credentials/context.js";

interface CredentialSource {
  /** How the combined error names the source. */
  name: string;
  resolve(context: ChainContext): Promise<AwsCredentialIdentity>;
}

/**
 * Tries, in the official SDK's order: the environment (AWS_ACCESS_KEY_ID, ...), IAM Identity Center options given to
 * the chain, the active profile of the shared files (every kind: static keys, role assumption, web identity,
 * credential_process, IAM Identity Center, `aws login`), the profile's credential_process, web identity (the options,
 * else the environment), the container endpoint (likewise), then the EC2 instance metadata service (IMDSv2). The first source that yields
 * credentials wins. Each source's error says whether the chain goes on (the official SDK's `tryNextLink`), with v3's
 * answers: a source that is not configured, or whose profile is incomplete or whose credential_process fails, passes
 * to the next; a call STS refuses or an unreadable token file stops it, since going on would sign as someone the user
 * did not choose. When no source has credentials, the error lists each source and why, and stops a chain the caller built
 * around this one, as v3's does. The answer is kept (see keptAsV3Keeps); each refresh runs the chain afresh, so
 * temporary credentials are fetched again, and a token file read again.
 *
 * As in the official SDK, selecting a profile (the option or AWS_PROFILE) skips the environment's keys.
 */
export function defaultCredentialChain(init: CredentialChainInit = {}): AwsCredentialIdentityProvider {
  const { logger } = init;
  const instanceMetadata = fromInstanceMetadataService(instanceMetadataOptionsOf(init, init.profile));
  let warnedAboutProfileAndKeys = false;

  const sources: CredentialSource[] = [
    {
      name: "environment variables",
      async resolve() {
        const selected = init.profile ?? process.env.AWS_PROFILE;
        if (selected) {
          if (process.env.AWS_ACCESS_KEY_ID && process.env.AWS_SECRET_ACCESS_KEY && !warnedAboutProfileAndKeys) {
            warnedAboutProfileAndKeys = true;
            logger?.warn(
              `Both a profile ("${selected}") and AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY are set; the profile is used, ` +
                "as by the official SDK. Set only one of them.",
            );
          }
          throw new CredentialsError(`not used, because profile "${selected}" is selected (${init.profile ? "profile option" : "AWS_PROFILE"})`);
        }
        try {
          return await fromEnvironment();
        } catch (error) {
          if (error instanceof CredentialsError) throw new CredentialsError("AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not both set");
          throw error;
        }
      },
    },
    { name: "IAM Identity Center options", resolve: (context) => fromIdentityCenterOptions(init, context) },
    { name: "shared config and credentials files", resolve: fromSharedConfigFiles },
    { name: "credential_process", resolve: fromProfileProcess },
    { name: "web identity token", resolve: fromWebIdentityOptionsOrEnvironment },
    {
      name: "container credentials endpoint",
      resolve: () => fromContainerEndpoint(containerOptionsOf(init)),
    },
    {
      name: "EC2 instance metadata service",
      async resolve() {
        // As in the official SDK: where container credentials are configured, the instance is not asked.
        if (isContainerConfigured(init)) throw new CredentialsError("not asked, because container credentials are configured");
        return instanceMetadata();
      },
    },
  ];

  return keptAsV3Keeps(async (properties?: { callerClientConfig?: CallerClientConfig }) => {
    const caller = properties?.callerClientConfig;
    const context: ChainContext = {
      profile: init.profile ?? caller?.profile,
      logger,
      // The official SDK's precedence: the chain owner's configuration over the calling client's.
      client: { ...caller, ...init.parentClientConfig },
      callerClientConfig: caller,
      init,
    };
    const failures: string[] = [];
    for (const source of sources) {
      try {
        const identity = await source.resolve(context);
        logger?.debug(`keysmith credentials: using ${source.name}`);
        return identity;
      } catch (error) {
        if (!(error as CredentialsError | undefined)?.tryNextLink) throw error;
        const reason = (error as Error).message;
        logger?.debug(`keysmith credentials: ${source.name}: ${reason}`);
        failures.push(`${source.name}: ${reason}`);
      }
    }
    throw new CredentialsError(
      `No AWS credentials found. Tried, in order:\n${failures.map((line) => `  - ${line}`).join("\n")}\n` +
        "Pass `credentials` to the client, or configure one of these sources.",
      { tryNextLink: false },
    );
  }, logger);
}

type ChainProvider = (properties?: { callerClientConfig?: CallerClientConfig }) => Promise<AwsCredentialIdentity>;

/**
 * The chain's answer, kept as v3's fromNodeProviderChain keeps it: one fetch shared by every caller (clients given
 * the same provider ask once, and an MFA code is asked for once); within five minutes of expiring it is fetched again
 * in the background while the kept credentials go on signing, so a failed refresh fails no call before they expire;
 * a caller waits only when there are none or they have expired.
 */
function keptAsV3Keeps(fetch: ChainProvider, logger: CredentialChainInit["logger"]): ChainProvider {
  let kept: AwsCredentialIdentity | undefined;
  let fetching: Promise<AwsCredentialIdentity> | undefined;
  const refetch: ChainProvider = (properties) =>
    (fetching ??= fetch(properties)
      .then((identity) => (kept = identity))
      .finally(() => (fetching = undefined)));
  return async (properties) => {
    const now = Date.now();
    if (kept?.expiration !== undefined && kept.expiration.getTime() <= now) kept = undefined;
    if (kept === undefined) return refetch(properties);
    if (expiresSoon(kept, now)) {
      refetch(properties).catch((error: Error) => logger?.warn(`keysmith credentials: refreshing failed, still signing with the current credentials: ${error.message}`));
    }
    return kept;
  };
}
