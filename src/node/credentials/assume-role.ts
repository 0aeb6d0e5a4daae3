import type { AwsCredentialIdentity, Profile } from "@smithy/types";
import { CredentialsError, fromEnvironment } from "../../config/credentials.js";
import { containerOptionsOf, fromContainerEndpoint } from "./container.js";
import type { ChainContext } from "./context.js";
import { fromInstanceMetadataService, instanceMetadataOptionsOf } from "./instance-metadata.js";
import { credentialsProfile } from "../profile.js";
import { describePath, fileOf, resolveProfile, type ProfileInChain } from "./shared-files.js";
import { assumeRole, checkRoleArn } from "./sts.js";

/** role_arn with exactly one of source_profile and credential_source, as the official SDK recognises a role profile. */
export function isRoleProfile(values: Profile): boolean {
  return values.role_arn !== undefined && (values.source_profile !== undefined) !== (values.credential_source !== undefined);
}

/** The official SDK's default lifetime of role credentials from a profile. */
const DEFAULT_DURATION_SECONDS = 3600;

/**
 * A role profile: the credentials of its source_profile (a chain of any length) or credential_source, then STS
 * AssumeRole with its role_arn, role_session_name, external_id, duration_seconds and mfa_serial. STS is called in
 * the profile's region, else the client's. A profile reached only for its credential_source (no role_arn) gives the
 * source's credentials.
 */
export async function fromRoleProfile(profile: ProfileInChain, context: ChainContext): Promise<AwsCredentialIdentity> {
  const { values, files, path } = profile;
  const where = describePath(path);
  const source = values.source_profile;
  // As in the official SDK, the top profile may name itself (its own keys then sign the AssumeRole); any other
  // repeat is a cycle.
  if (source !== undefined && path.slice(1).includes(source)) {
    throw new CredentialsError(`${where}: source_profile "${source}" makes a cycle (${describePath([...path, source])})`);
  }
  const sourceCredentials =
    source !== undefined
      ? resolveProfile(source, files, context, [...path, source], isCredentialSourceOnly(credentialsProfile({ name: source, files }) ?? {}))
      : fromCredentialSource(values.credential_source!, where, context);
  if (values.role_arn === undefined) return sourceCredentials;

  const input = {
    RoleArn: checkRoleArn(values.role_arn, `${where} (${fileOf(profile, "role_arn")}): role_arn`),
    RoleSessionName: values.role_session_name || `aws-sdk-js-${Date.now()}`,
    ExternalId: values.external_id,
    DurationSeconds: durationSeconds(profile, where),
    SerialNumber: values.mfa_serial,
    TokenCode: values.mfa_serial === undefined ? undefined : await mfaCode(values.mfa_serial, where, context),
  };
  // As in v3, every hop of a source_profile chain calls STS in the region of the profile the chain started from.
  return assumeRole(await sourceCredentials, input, context, where, credentialsProfile({ name: path[0]!, files })?.region);
}

function isCredentialSourceOnly(values: Profile): boolean {
  return values.role_arn === undefined && values.credential_source !== undefined;
}

const CREDENTIAL_SOURCES: Record<string, (context: ChainContext) => Promise<AwsCredentialIdentity>> = {
  Environment: () => fromEnvironment(),
  Ec2InstanceMetadata: (context) => fromInstanceMetadataService(instanceMetadataOptionsOf(context.init, context.profile))(),
  EcsContainer: (context) => fromContainerEndpoint(containerOptionsOf(context.init)),
};

async function fromCredentialSource(source: string, where: string, context: ChainContext): Promise<AwsCredentialIdentity> {
  const provider = Object.hasOwn(CREDENTIAL_SOURCES, source) ? CREDENTIAL_SOURCES[source]! : undefined;
  if (provider === undefined) {
    throw new CredentialsError(`${where}: credential_source must be ${Object.keys(CREDENTIAL_SOURCES).join(", ")} (got ${JSON.stringify(source)})`);
  }
  try {
    return await provider(context);
  } catch (error) {
    if (!(error instanceof CredentialsError)) throw error;
    throw new CredentialsError(`${where}: credential_source ${source}: ${error.message}`, { tryNextLink: error.tryNextLink });
  }
}

function durationSeconds(profile: ProfileInChain, where: string): number {
  const value = profile.values.duration_seconds;
  if (value === undefined) return DEFAULT_DURATION_SECONDS;
  if (/^\d+$/.test(value) && Number(value) >= 900 && Number(value) <= 43200) return Number(value);
  throw new CredentialsError(`${where} (${fileOf(profile, "duration_seconds")}): duration_seconds must be a whole number from 900 to 43200 (got ${JSON.stringify(value)})`, {
    tryNextLink: false,
  });
}

async function mfaCode(serial: string, where: string, context: ChainContext): Promise<string> {
  const { mfaCodeProvider } = context.init;
  if (mfaCodeProvider === undefined) {
    throw new CredentialsError(
      `${where} needs a code of the MFA device ${serial} (mfa_serial): pass mfaCodeProvider, as in ` +
        "`credentials: fromNodeProviderChain({ mfaCodeProvider })` from keysmith/credentials",
      { tryNextLink: false },
    );
  }
  return mfaCodeProvider(serial);
}
