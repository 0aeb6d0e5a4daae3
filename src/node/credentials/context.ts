import type { AwsCredentialIdentity, Logger, Pluggable, Provider } from "@smithy/types";
import type { ContainerEndpointSettings } from "./container.js";
import type { AssumeRoleCommandInput, AssumeRoleWithWebIdentityCommandInput } from "../../entries/sts.js";

/** A setting of the chain's options that stands in for an environment variable; named for messages. */
export interface OptionOrVariable {
  value: string | undefined;
  /** The option's name when it was given, else the variable's. */
  name: string;
}

/** The option when given (even empty, as v3's `??` takes it), else the environment variable. */
export function optionOrVariable<Options extends object>(options: Options, option: keyof Options & string, variable: string): OptionOrVariable {
  const given = options[option] as string | undefined;
  return given !== undefined ? { value: given, name: option } : { value: process.env[variable], name: variable };
}

/** What a client tells credential providers about itself (the official SDK's callerClientConfig). */
export interface CallerClientConfig {
  profile?: string;
  region?: string | Provider<string | undefined>;
  logger?: Logger;
  /** A smithy HttpHandler; STS calls of the chain go through it. */
  requestHandler?: unknown;
}

/** Which shared files the chain reads, as v3's providers take them. */
export interface SharedFileOptions {
  /** The credentials file. Default: AWS_SHARED_CREDENTIALS_FILE, else ~/.aws/credentials. */
  filepath?: string;
  /** The config file. Default: AWS_CONFIG_FILE, else ~/.aws/config. */
  configFilepath?: string;
  /** Read the files again rather than the copies this process read before. */
  ignoreCache?: boolean;
}

/**
 * The options of the default chain, with the names of the official SDK's defaultProvider / fromNodeProviderChain;
 * the container endpoint's (`awsContainerCredentialsFullUri` and the like) each over its environment variable.
 */
export interface CredentialChainInit extends SharedFileOptions, ContainerEndpointSettings {
  /** The shared-config profile. Default: the calling client's `profile`, else AWS_PROFILE, else "default". */
  profile?: string;
  /** Gets a debug line per source tried, and warnings. */
  logger?: Logger;
  /** Asked for the current code of the MFA device a role profile names in `mfa_serial`. */
  mfaCodeProvider?: (mfaSerial: string) => Promise<string>;
  /** The client this chain belongs to (set by the client): STS calls use its region, logger and request handler. */
  parentClientConfig?: CallerClientConfig;
  /** Options of the STS clients that role and web-identity credentials come from, over what the client lends them. */
  clientConfig?: Record<string, unknown>;
  /** Middleware plugins put on those STS clients. */
  clientPlugins?: Pluggable<any, any>[];
  /** Fetches a role profile's credentials instead of STS AssumeRole: given the source credentials and the call's input. */
  roleAssumer?: (sourceCreds: AwsCredentialIdentity, params: AssumeRoleParams) => Promise<AwsCredentialIdentity>;
  /** Fetches web-identity credentials instead of STS AssumeRoleWithWebIdentity: given the call's input. */
  roleAssumerWithWebIdentity?: (params: AssumeRoleWithWebIdentityParams) => Promise<AwsCredentialIdentity>;
  /** The web identity source's token file and role, each over its variable: AWS_WEB_IDENTITY_TOKEN_FILE, AWS_ROLE_ARN. */
  webIdentityTokenFile?: string;
  roleArn?: string;
  /** Its session name, over AWS_ROLE_SESSION_NAME. */
  roleSessionName?: string;
  /** Sent with that source's AssumeRoleWithWebIdentity (not a profile's web_identity_token_file's, as in the official SDK). */
  providerId?: string;
  policyArns?: AssumeRoleWithWebIdentityCommandInput["PolicyArns"];
  policy?: string;
  durationSeconds?: number;
  /** Milliseconds per request to the instance metadata service and the container endpoint (default 1000). */
  timeout?: number;
  /** Extra tries of each such request (default: none for the instance metadata service, 3 for the container endpoint). */
  maxRetries?: number;
  /** Never fall back to IMDSv1 (else AWS_EC2_METADATA_V1_DISABLED, or the profile's ec2_metadata_v1_disabled). */
  ec2MetadataV1Disabled?: boolean;
  /** IAM Identity Center settings given directly, as the official SDK's fromSSO takes them (else they come from the profile). */
  ssoStartUrl?: string;
  ssoAccountId?: string;
  ssoRegion?: string;
  ssoRoleName?: string;
  ssoSession?: string;
  /** The official SDK's SSO client (`@aws-sdk/client-sso`), asked for the role credentials of the IAM Identity Center options. */
  ssoClient?: { send(command: any, ...rest: any[]): Promise<unknown> };
  /** Lends its logger and app id to the SSO clients of the IAM Identity Center options, as in the official SDK. */
  callerClientConfig?: CallerClientConfig;
}

/** The official SDK's AssumeRoleParams: what the chain gives a `roleAssumer`, the role and session name always set. */
export type AssumeRoleParams = Pick<AssumeRoleCommandInput, "ExternalId" | "SerialNumber" | "TokenCode" | "DurationSeconds"> & {
  RoleArn: string;
  RoleSessionName: string;
};

/** The official SDK's AssumeRoleWithWebIdentityParams: what the chain gives a `roleAssumerWithWebIdentity`. */
export type AssumeRoleWithWebIdentityParams = Pick<AssumeRoleWithWebIdentityCommandInput, "ProviderId" | "PolicyArns" | "Policy" | "DurationSeconds"> & {
  RoleArn: string;
  RoleSessionName: string;
  WebIdentityToken: string;
};

/** One run of the chain: what its sources need to know. */
export interface ChainContext {
  /** The profile to read, if one was chosen: else AWS_PROFILE, else "default". */
  profile: string | undefined;
  logger: Logger | undefined;
  /** The configuration STS calls are made with. */
  client: CallerClientConfig;
  /** Passed on to the official SDK's providers. */
  callerClientConfig: CallerClientConfig | undefined;
  /** The chain's own options: the shared files to read, the MFA code provider, how role and web-identity credentials are fetched. */
  init: CredentialChainInit;
  /** The profile whose credential_process the shared-files source already ran, so the next source does not run it again. */
  processRanFor?: string;
}
