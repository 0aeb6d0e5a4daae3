import type { Logger, Provider } from "@smithy/types";

/** What a client tells credential providers about itself (the official SDK's callerClientConfig). */
export interface CallerClientConfig {
  profile?: string;
  region?: string | Provider<string | undefined>;
  logger?: Logger;
  /** A smithy HttpHandler; STS calls of the chain go through it. */
  requestHandler?: unknown;
}

/** The options of the default chain, with the names of the official SDK's defaultProvider / fromNodeProviderChain. */
export interface CredentialChainInit {
  /** The shared-config profile. Default: the calling client's `profile`, else AWS_PROFILE, else "default". */
  profile?: string;
  /** Gets a debug line per source tried, and warnings. */
  logger?: Logger;
  /** Asked for the current code of the MFA device a role profile names in `mfa_serial`. */
  mfaCodeProvider?: (mfaSerial: string) => Promise<string>;
  /** The client this chain belongs to (set by the client): STS calls use its region, logger and request handler. */
  parentClientConfig?: CallerClientConfig;
  /** IAM Identity Center settings given directly, as the official SDK's fromSSO takes them (else they come from the profile). */
  ssoStartUrl?: string;
  ssoAccountId?: string;
  ssoRegion?: string;
  ssoRoleName?: string;
  ssoSession?: string;
}

/** One run of the chain: what its sources need to know. */
export interface ChainContext {
  /** The profile to read, if one was chosen: else AWS_PROFILE, else "default". */
  profile: string | undefined;
  logger: Logger | undefined;
  mfaCodeProvider: CredentialChainInit["mfaCodeProvider"];
  /** The configuration STS calls are made with. */
  client: CallerClientConfig;
  /** Passed on to the official SDK's providers. */
  callerClientConfig: CallerClientConfig | undefined;
  /** The profile whose credential_process the shared-files source already ran, so the next source does not run it again. */
  processRanFor?: string;
}
