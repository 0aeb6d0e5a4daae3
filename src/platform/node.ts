// What differs under Node: hashing through node:crypto, node:http with keep-alive, the process environment, and
// the default credential chain and shared config files, both loaded only when a client first needs them.
import type { AwsCredentialIdentityProvider } from "@smithy/types";
import type { CredentialChainInit } from "../node/credential-chain.js";
import type { ProfileSettings } from "../node/profile.js";

export { NodeSha256 as Sha256 } from "../http/node-sha256.js";
export { NodeHttpHandler as DefaultHttpHandler } from "../http/node-handler.js";
export type { ProfileSettings };

export function readEnv(name: string): string | undefined {
  return process.env[name];
}

/** The official SDK's default chain (environment, SSO, shared files, credential_process, web identity, container, IMDSv2). */
export function defaultCredentials(init: CredentialChainInit = {}): AwsCredentialIdentityProvider {
  let chain: Promise<AwsCredentialIdentityProvider> | undefined;
  return async (properties) => {
    chain ??= import("../node/credential-chain.js").then((module) => module.defaultCredentialChain(init));
    return (await chain)(properties);
  };
}

export async function profileSettings(profile?: string): Promise<ProfileSettings> {
  const module = await import("../node/profile.js");
  return module.profileSettings(profile);
}
