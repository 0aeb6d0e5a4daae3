// The STS calls of the credential chain, on the generated client. Not a package entry point: the chain
// (src/node/credentials/sts.ts) imports it with import() when a profile or the environment needs a role, since only
// src/entries/ may import generated/. The client comes through keysmith/sts's own entry module, the one users import:
// a bundler that inlines the lazy import then initializes the client one way (esbuild, reached through the generated
// index's `export *` instead, left the user's STSClient uninitialized).
import type { AwsCredentialIdentity, Logger, Pluggable } from "@smithy/types";
import type { HttpRequestHandler } from "../../config/client-config.js";
import {
  AssumeRoleCommand,
  AssumeRoleWithWebIdentityCommand,
  STSClient,
  type AssumeRoleCommandInput,
  type AssumeRoleWithWebIdentityCommandInput,
  type Credentials,
} from "../sts.js";

export type { AssumeRoleCommandInput as AssumeRoleInput, AssumeRoleWithWebIdentityCommandInput as AssumeRoleWithWebIdentityInput };

/** The STS client's options (the chain's `clientConfig` among them), and the plugins to put on its stack. */
export interface StsCallConfig {
  region: string;
  profile?: string;
  logger?: Logger;
  /** The calling client's handler; without one, the STS client makes its own and closes it after the call. */
  requestHandler?: HttpRequestHandler;
  plugins: Pluggable<any, any>[];
  [option: string]: unknown;
}

export function assumeRole(config: StsCallConfig, source: AwsCredentialIdentity, input: AssumeRoleCommandInput): Promise<AwsCredentialIdentity> {
  return withClient({ ...config, credentials: source }, async (client) => toIdentity(await client.send(new AssumeRoleCommand(input))));
}

/** Sent unsigned, as the model says (`@auth([])`): the caller may have no credentials at all. */
export function assumeRoleWithWebIdentity(config: StsCallConfig, input: AssumeRoleWithWebIdentityCommandInput): Promise<AwsCredentialIdentity> {
  return withClient(config, async (client) => toIdentity(await client.send(new AssumeRoleWithWebIdentityCommand(input))));
}

async function withClient<T>({ plugins, ...config }: StsCallConfig, use: (client: STSClient) => Promise<T>): Promise<T> {
  const client = new STSClient(config);
  for (const plugin of plugins) client.middlewareStack.use(plugin);
  try {
    return await use(client);
  } finally {
    // destroy() closes the request handler, which is not ours to close when the calling client lent it.
    if (config.requestHandler === undefined) client.destroy();
  }
}

function toIdentity({ Credentials: credentials, AssumedRoleUser }: { Credentials?: Credentials; AssumedRoleUser?: { Arn?: string } }): AwsCredentialIdentity {
  if (!credentials?.AccessKeyId || !credentials.SecretAccessKey) throw new Error("the response has no credentials");
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
