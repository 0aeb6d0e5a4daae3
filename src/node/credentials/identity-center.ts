// IAM Identity Center (SSO) and `aws login` sessions, through the official SDK's providers, which keysmith declares as
// optional peer dependencies and loads only when a profile needs them: they own the token caches' formats, the
// OIDC refresh with its write-back, and `aws login`'s DPoP-signed refresh, all of which AWS may change.
import { createHash } from "node:crypto";
import { join } from "node:path";
import type { AwsCredentialIdentity, Logger, Profile } from "@smithy/types";
import { CredentialsError } from "../../config/credentials.js";
import type { CallerClientConfig, ChainContext, CredentialChainInit } from "./context.js";
import { describePath, type ProfileInChain } from "./shared-files.js";

const SSO_PACKAGE = "@aws-sdk/credential-provider-sso";
const LOGIN_PACKAGE = "@aws-sdk/credential-provider-login";
const SSO_KEYS = ["sso_session", "sso_start_url", "sso_account_id", "sso_region", "sso_role_name"];

type ProviderFactory = (init: object) => (properties: { callerClientConfig?: CallerClientConfig }) => Promise<AwsCredentialIdentity>;

export function usesIdentityCenter(values: Profile): boolean {
  return SSO_KEYS.some((key) => values[key] !== undefined);
}

/** The chain's SSO source: settings given to the chain itself (as the official SDK's defaultProvider takes them). */
export async function fromIdentityCenterOptions(init: CredentialChainInit, context: ChainContext): Promise<AwsCredentialIdentity> {
  const { ssoStartUrl, ssoAccountId, ssoRegion, ssoRoleName, ssoSession } = init;
  if (!ssoStartUrl && !ssoAccountId && !ssoRegion && !ssoRoleName && !ssoSession) throw new CredentialsError("none given");
  const { fromSSO } = await optionalPackage<{ fromSSO: ProviderFactory }>(SSO_PACKAGE, "the IAM Identity Center options");
  return provide("the IAM Identity Center options", fromSSO({ ...init, profile: context.profile }), context);
}

/** A profile with sso_session (or the legacy sso_start_url): the cached token, refreshed when near expiry, for role credentials. */
export async function fromIdentityCenterProfile({ name, values, path }: ProfileInChain, context: ChainContext): Promise<AwsCredentialIdentity> {
  const where = `${describePath(path)} (IAM Identity Center, token cache ${ssoTokenCache(values.sso_session ?? values.sso_start_url ?? "")})`;
  const { fromSSO } = await optionalPackage<{ fromSSO: ProviderFactory }>(SSO_PACKAGE, where);
  return provide(where, fromSSO(providerInit(name, context)), context);
}

/** A profile with login_session: the credentials `aws login` cached, refreshed as the official SDK does. */
export async function fromLoginSession({ name, path }: ProfileInChain, context: ChainContext): Promise<AwsCredentialIdentity> {
  const where = `${describePath(path)} (aws login session)`;
  const { fromLoginCredentials } = await optionalPackage<{ fromLoginCredentials: ProviderFactory }>(LOGIN_PACKAGE, where);
  return provide(where, fromLoginCredentials(providerInit(name, context)), context);
}

function providerInit(profile: string, context: ChainContext): { profile: string; logger?: Logger; parentClientConfig: CallerClientConfig } {
  return { profile, logger: context.logger, parentClientConfig: context.client };
}

/** Their errors keep their say on whether the chain goes on (tryNextLink), and gain which configuration failed. */
async function provide(where: string, provider: ReturnType<ProviderFactory>, context: ChainContext): Promise<AwsCredentialIdentity> {
  try {
    return await provider({ callerClientConfig: context.callerClientConfig });
  } catch (error) {
    const { message, tryNextLink } = error as { message?: string; tryNextLink?: boolean };
    throw new CredentialsError(`${where}: ${message ?? String(error)}`, { tryNextLink: tryNextLink === true, cause: error });
  }
}

/** Where the AWS CLI caches an SSO token: ~/.aws/sso/cache/, named by the SHA-1 of the session name or start URL. */
function ssoTokenCache(key: string): string {
  const home = process.env.HOME || process.env.USERPROFILE || "~";
  return join(home, ".aws", "sso", "cache", `${createHash("sha1").update(key).digest("hex")}.json`);
}

/** An optional peer dependency, by a specifier bundlers leave alone, or an error that says what to install. */
async function optionalPackage<T>(name: string, where: string): Promise<T> {
  try {
    return (await import(name)) as T;
  } catch (error) {
    const { code, message } = error as NodeJS.ErrnoException;
    if (code !== "ERR_MODULE_NOT_FOUND" || !message.includes(name)) throw error;
    throw new CredentialsError(`${where} needs the package ${name}, which is not installed: npm install ${name}`, { tryNextLink: false });
  }
}
