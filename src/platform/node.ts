// What differs under Node: hashing through node:crypto, node:http with keep-alive, the process environment, and
// the default credential chain and shared config files, both loaded only when a client first needs them.
import type { AwsCredentialIdentityProvider, Logger } from "@smithy/types";
import type { ProfileSettings } from "../node/profile.js";

export { NodeSha256 as Sha256 } from "../http/node-sha256.js";
export { NodeHttpHandler as DefaultHttpHandler } from "../http/node-handler.js";
export type { ProfileSettings };

export function readEnv(name: string): string | undefined {
  return process.env[name];
}

/** The official SDK's default chain: environment, shared files, container, IMDSv2. */
export function defaultCredentials(options: { profile?: string; logger?: Logger }): AwsCredentialIdentityProvider {
  let chain: Promise<AwsCredentialIdentityProvider> | undefined;
  return async () => {
    chain ??= import("../node/credential-chain.js").then((module) => module.defaultCredentialChain(options));
    return (await chain)();
  };
}

export async function profileSettings(profile?: string): Promise<ProfileSettings> {
  const module = await import("../node/profile.js");
  return module.profileSettings(profile);
}
