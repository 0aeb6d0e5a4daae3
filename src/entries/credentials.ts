// keysmith/credentials: the default credential chain as a provider, for what a client's options do not carry (an
// mfaCodeProvider for role profiles with mfa_serial, IAM Identity Center settings given in code). Node only: elsewhere
// it fails at the first call, as a client's default does.
import type { AwsCredentialIdentityProvider } from "@smithy/types";
import { defaultCredentials } from "#platform";
import type { CredentialChainInit } from "../node/credential-chain.js";

export type { CallerClientConfig, CredentialChainInit as NodeProviderChainInit } from "../node/credential-chain.js";

/** v3's `fromNodeProviderChain`: the chain a client given no `credentials` uses, with these settings. */
export function fromNodeProviderChain(init: CredentialChainInit = {}): AwsCredentialIdentityProvider {
  return defaultCredentials(init);
}
