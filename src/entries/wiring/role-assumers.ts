// The official SDK's role assumers (`getDefaultRoleAssumer`, `getDefaultRoleAssumerWithWebIdentity` of
// @aws-sdk/client-sts) on keysmith's generated STS client: what v3's credential providers take as `roleAssumer`, and
// what keysmith's own chain calls STS through. keysmith/sts exports them; the chain reaches them through that entry.
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider, Logger, Pluggable, Provider } from "@smithy/types";
import { profileSettings, readEnv } from "#platform";
import { isHandler } from "../../config/client-config.js";
import { settingValue } from "../../config/setting-value.js";
import {
  AssumeRoleCommand,
  AssumeRoleWithWebIdentityCommand,
  STSClient,
  type AssumeRoleCommandInput,
  type AssumeRoleWithWebIdentityCommandInput,
  type Credentials,
  type ServiceInputTypes,
  type ServiceOutputTypes,
  type STSClientConfig,
} from "../../../generated/sts/index.js";

/** The settings of the client a provider works for (v3's `parentClientConfig`): used where the options leave them out. */
export interface ParentClientConfig {
  region?: string | Provider<string>;
  profile?: string;
  logger?: Logger;
  requestHandler?: unknown;
  userAgentAppId?: string | Provider<string | undefined>;
  [setting: string]: unknown;
}

/** The STS client's options, as v3's role assumers take them. */
export interface STSRoleAssumerOptions extends STSClientConfig {
  parentClientConfig?: ParentClientConfig;
  /** Taken as v3 takes it (for its debug lines); keysmith's assumers write nothing there. */
  credentialProviderLogger?: Logger;
}

/** Fetches a role's credentials with STS AssumeRole, signed with `sourceCreds`. */
export type RoleAssumer = (sourceCreds: AwsCredentialIdentity, params: AssumeRoleCommandInput) => Promise<AwsCredentialIdentity>;
/** Fetches a role's credentials with STS AssumeRoleWithWebIdentity, sent unsigned. */
export type RoleAssumerWithWebIdentity = (params: AssumeRoleWithWebIdentityCommandInput) => Promise<AwsCredentialIdentity>;
/** v3's default credential provider factory: given a client's configuration, its credentials provider. */
export type DefaultCredentialProvider = (input: any) => AwsCredentialIdentityProvider;
type STSPlugins = Pluggable<ServiceInputTypes, ServiceOutputTypes>[];

/**
 * STS AssumeRole as v3's credential providers call it. The region: `stsOptions.region`, else the parent client's,
 * else AWS_REGION, else the profile's, else us-east-1 with a warning. Logger, profile, request handler and app id
 * come from the parent client unless given.
 */
export function getDefaultRoleAssumer(stsOptions: STSRoleAssumerOptions = {}, stsPlugins: STSPlugins = []): RoleAssumer {
  return (sourceCreds, params) =>
    withClient({ ...stsOptions, credentials: sourceCreds }, stsPlugins, async (client) =>
      assumedIdentity(await client.send(new AssumeRoleCommand(params)), "assumeRole", params.RoleArn),
    );
}

/** STS AssumeRoleWithWebIdentity as v3's credential providers call it; the options as for {@link getDefaultRoleAssumer}. */
export function getDefaultRoleAssumerWithWebIdentity(stsOptions: STSRoleAssumerOptions = {}, stsPlugins: STSPlugins = []): RoleAssumerWithWebIdentity {
  return (params) =>
    withClient(stsOptions, stsPlugins, async (client) =>
      assumedIdentity(await client.send(new AssumeRoleWithWebIdentityCommand(params)), "assumeRoleWithWebIdentity", params.RoleArn),
    );
}

/**
 * Gives a default credential provider v3's role assumers, whose STS clients take the region, profile, logger, request
 * handler and app id of the configuration it is called with. v3 spreads that whole configuration into its STS
 * client's options, which fails when it is a client's resolved one (as a `credentialDefaultProvider` gets it) and
 * would send STS calls to another service's endpoint.
 */
export function decorateDefaultCredentialProvider(provider: DefaultCredentialProvider): DefaultCredentialProvider {
  return (input) => {
    const options = { parentClientConfig: input };
    return provider({ roleAssumer: getDefaultRoleAssumer(options), roleAssumerWithWebIdentity: getDefaultRoleAssumerWithWebIdentity(options), ...input });
  };
}

/**
 * One STS client per call, where v3 keeps one per assumer: a call made once an hour does not hold a connection
 * between. A request handler the client made itself is closed after the call; one given or lent is left open.
 */
async function withClient<T>(stsOptions: STSRoleAssumerOptions, plugins: STSPlugins, use: (client: STSClient) => Promise<T>): Promise<T> {
  const { parentClientConfig: parent = {}, credentialProviderLogger: _, ...options } = stsOptions;
  const { profile = parent.profile, logger = parent.logger, userAgentAppId = parent.userAgentAppId } = options;
  const given = options.requestHandler ?? (parent.requestHandler as STSClientConfig["requestHandler"]);
  // STS does not speak HTTP/2: as in v3, such a handler is passed over for the default one.
  const requestHandler = (given as { metadata?: { handlerProtocol?: string } } | undefined)?.metadata?.handlerProtocol === "h2" ? undefined : given;
  const region = (await settingValue(options.region)) ?? (await settingValue(parent.region)) ?? (await defaultStsRegion(profile, logger));
  const client = new STSClient({ ...options, region, profile, logger, userAgentAppId, requestHandler });
  for (const plugin of plugins) client.middlewareStack.use(plugin);
  try {
    return await use(client);
  } finally {
    if (!isHandler(requestHandler)) client.destroy();
  }
}

/** v3's STS default region: AWS_REGION, else the profile's `region`, else us-east-1, said aloud. */
async function defaultStsRegion(profile: string | undefined, logger: Logger | undefined): Promise<string> {
  const region = readEnv("AWS_REGION") ?? (await profileSettings(profile)).region;
  if (region !== undefined) return region;
  const warning = "keysmith credentials: no region for STS; using us-east-1. Set the client's region or the profile's.";
  if (logger) logger.warn(warning);
  else console.warn(warning);
  return "us-east-1";
}

function assumedIdentity(
  { Credentials: credentials, AssumedRoleUser }: { Credentials?: Credentials; AssumedRoleUser?: { Arn?: string } },
  call: string,
  roleArn: string | undefined,
): AwsCredentialIdentity {
  if (!credentials?.AccessKeyId || !credentials.SecretAccessKey) throw new Error(`Invalid response from STS.${call} call with role ${roleArn}`);
  // The account is the ARN's fifth field: arn:aws:sts::123456789012:assumed-role/Role/session.
  const accountId = AssumedRoleUser?.Arn?.split(":")[4];
  return {
    accessKeyId: credentials.AccessKeyId,
    secretAccessKey: credentials.SecretAccessKey,
    sessionToken: credentials.SessionToken,
    expiration: credentials.Expiration,
    ...(accountId ? { accountId } : {}),
  };
}
