// keysmith/credentials: the default credential chain as a provider, for what a client's options do not carry (an
// mfaCodeProvider for role profiles with mfa_serial, IAM Identity Center settings given in code). Node only: elsewhere
// it fails at the first call, as a client's default does.
export { defaultCredentials as fromNodeProviderChain } from "#platform";
export type { CallerClientConfig, CredentialChainInit as NodeProviderChainInit } from "../node/credential-chain.js";
