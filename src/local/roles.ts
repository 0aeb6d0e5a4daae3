/**
 * The roles of the local endpoint and STS's two ways into them. A test registers roles (whom each trusts, an external
 * id, an MFA device) and OpenID Connect providers; AssumeRole and AssumeRoleWithWebIdentity then hand out temporary
 * ASIA credentials with session tokens, which act as the role, authenticate like any key, and stop working at their
 * expiration.
 */
import { randomBytes, type KeyObject } from "node:crypto";
import { makeAccessKeyId } from "../key-id/describe.js";
import { ServiceError } from "./errors.js";
import type { XmlFields } from "./responses.js";
import type { AccessKeyRecord } from "./store.js";
import { openIdProviderArn, publicKeyOf, verifyWebIdentityToken, type OpenIdProvider } from "./web-identity.js";

export interface LocalRoleOptions {
  roleName: string;
  /** Who may assume it: user ARNs, role ARNs (role chaining), OpenID Connect provider ARNs (web identity). */
  trustedPrincipals: string[];
  /** The sts:ExternalId the trust policy requires, if any. */
  externalId?: string;
  /** The MFA device and its current code, when the trust policy requires MFA. */
  mfa?: { serialNumber: string; tokenCode: string };
  /** The longest session it grants, in seconds (IAM's MaxSessionDuration); default 3600. */
  maxSessionDuration?: number;
}

export interface LocalRole {
  roleName: string;
  arn: string;
  roleId: string;
}

export interface LocalOpenIdProviderOptions {
  /** The issuer URL, the `iss` of its tokens. */
  issuer: string;
  /** The audiences (client ids) it accepts. */
  audiences: string[];
  /** The key its tokens are signed with (RSA for RS256, P-256 for ES256), as a KeyObject or PEM. */
  publicKey: KeyObject | string;
}

export interface LocalRoleSession {
  roleArn: string;
  sessionName: string;
  /** arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION */
  arn: string;
  expiration: Date;
  /** For web identity sessions: the token's subject. */
  webIdentitySubject?: string;
}

/** What tests do with roles; the endpoint exposes it as `roles`. */
export interface LocalRoles {
  create(options: LocalRoleOptions): LocalRole;
  /** Registers an identity provider; its ARN is what a role's trustedPrincipals name to trust its tokens. */
  addOpenIdProvider(options: LocalOpenIdProviderOptions): { arn: string };
  /** Issues session credentials for a role directly, as a service acting for it would (an SSO portal, say). */
  createSession(roleArn: string, options: { sessionName: string; durationSeconds?: number }): LocalRoleSessionCredentials;
  /** The role session a temporary key id belongs to. */
  sessionOf(accessKeyId: string): LocalRoleSession | undefined;
}

export interface LocalRoleSessionCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  expiration: Date;
}

interface RoleRecord extends LocalRole {
  options: LocalRoleOptions;
}

interface SessionKey extends AccessKeyRecord {
  roleSession: LocalRoleSession & { role: RoleRecord };
}

const DEFAULT_SESSION_SECONDS = 3600;
/** AWS caps sessions assumed by role chaining at one hour. */
const CHAINED_SESSION_SECONDS = 3600;
const MIN_SESSION_SECONDS = 900;
/** The largest session token STS issues, in bytes: SessionTokenUtilization is the share of it a token takes. */
const MAX_SESSION_TOKEN_BYTES = 4096;
/** Random bytes in a session token (256 base64 characters) unless MinimumSessionTokenSize asks for more. */
const SESSION_TOKEN_RANDOM_BYTES = 192;

export class Roles implements LocalRoles {
  private readonly roles = new Map<string, RoleRecord>();
  private readonly providers = new Map<string, OpenIdProvider>();
  private readonly keys = new Map<string, SessionKey>();

  constructor(
    private readonly accountId: string,
    private readonly clock: () => number,
  ) {}

  create(options: LocalRoleOptions): LocalRole {
    const arn = `arn:aws:iam::${this.accountId}:role/${options.roleName}`;
    if (this.roles.has(arn)) throw new ServiceError(409, "EntityAlreadyExists", `Role with name ${options.roleName} already exists.`);
    const role: RoleRecord = { roleName: options.roleName, arn, roleId: `AROA${randomBytes(10).toString("hex").toUpperCase().slice(0, 17)}`, options };
    this.roles.set(arn, role);
    return { roleName: role.roleName, arn, roleId: role.roleId };
  }

  addOpenIdProvider(options: LocalOpenIdProviderOptions): { arn: string } {
    const arn = openIdProviderArn(this.accountId, options.issuer);
    this.providers.set(options.issuer, { arn, issuer: options.issuer, audiences: options.audiences, publicKey: publicKeyOf(options.publicKey) });
    return { arn };
  }

  createSession(roleArn: string, options: { sessionName: string; durationSeconds?: number }): LocalRoleSessionCredentials {
    const role = this.roles.get(roleArn);
    if (!role) throw new ServiceError(404, "NoSuchEntity", `The role with ARN ${roleArn} cannot be found.`);
    const { Credentials } = this.issue(role, options.sessionName, options.durationSeconds ?? DEFAULT_SESSION_SECONDS, 0);
    return { accessKeyId: Credentials.AccessKeyId, secretAccessKey: Credentials.SecretAccessKey, sessionToken: Credentials.SessionToken, expiration: new Date(Credentials.Expiration) };
  }

  sessionOf(accessKeyId: string): LocalRoleSession | undefined {
    const session = this.keys.get(accessKeyId)?.roleSession;
    if (!session) return undefined;
    const { role: _role, ...rest } = session;
    return rest;
  }

  /** A session key this endpoint issued, for signature checks. */
  findKey(accessKeyId: string): AccessKeyRecord | undefined {
    return this.keys.get(accessKeyId);
  }

  /** GetCallerIdentity's answer for a role session key, or undefined for other keys. */
  identityOf(key: AccessKeyRecord): XmlFields | undefined {
    const session = (key as Partial<SessionKey>).roleSession;
    if (!session) return undefined;
    return { Arn: session.arn, UserId: `${session.role.roleId}:${session.sessionName}`, Account: this.accountId };
  }

  /** The role a session key acts as, or undefined for other keys. */
  roleOf(key: AccessKeyRecord): string | undefined {
    return (key as Partial<SessionKey>).roleSession?.roleArn;
  }

  /** STS AssumeRole by `principal` (a user's ARN, or for role chaining the caller's role). */
  assumeRole(principal: string, chained: boolean, params: ReadonlyMap<string, string>): XmlFields {
    const roleArn = params.get("RoleArn")!;
    const role = this.roles.get(roleArn);
    const denied = () =>
      new ServiceError(403, "AccessDenied", `User: ${principal} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`);
    if (!role || !role.options.trustedPrincipals.includes(principal)) throw denied();
    if (role.options.externalId !== undefined && params.get("ExternalId") !== role.options.externalId) throw denied();
    const mfa = role.options.mfa;
    if (mfa !== undefined && params.get("SerialNumber") !== mfa.serialNumber) throw denied();
    if (mfa !== undefined && params.get("TokenCode") !== mfa.tokenCode) {
      throw new ServiceError(403, "AccessDenied", "MultiFactorAuthentication failed with invalid MFA one time pass code.");
    }
    return this.issue(role, params.get("RoleSessionName")!, this.duration(role, params, chained), minimumTokenBytes(params));
  }

  /** STS AssumeRoleWithWebIdentity: no caller, the token is the proof. */
  assumeRoleWithWebIdentity(params: ReadonlyMap<string, string>): XmlFields {
    const token = verifyWebIdentityToken(params.get("WebIdentityToken")!, this.providers, this.clock());
    const role = this.roles.get(params.get("RoleArn")!);
    if (!role || !role.options.trustedPrincipals.includes(token.provider.arn)) {
      throw new ServiceError(403, "AccessDenied", "Not authorized to perform sts:AssumeRoleWithWebIdentity");
    }
    const result = this.issue(role, params.get("RoleSessionName")!, this.duration(role, params, false), minimumTokenBytes(params), token.subject);
    return {
      Credentials: result.Credentials,
      SubjectFromWebIdentityToken: token.subject,
      AssumedRoleUser: result.AssumedRoleUser,
      Provider: token.provider.issuer,
      Audience: token.audience,
      SessionTokenUtilization: result.SessionTokenUtilization,
      SessionTokenSize: result.SessionTokenSize,
    };
  }

  private duration(role: RoleRecord, params: ReadonlyMap<string, string>, chained: boolean): number {
    const requested = params.has("DurationSeconds") ? Number(params.get("DurationSeconds")) : DEFAULT_SESSION_SECONDS;
    const max = chained ? CHAINED_SESSION_SECONDS : (role.options.maxSessionDuration ?? DEFAULT_SESSION_SECONDS);
    if (!Number.isInteger(requested) || requested < MIN_SESSION_SECONDS) {
      throw new ServiceError(400, "ValidationError", `1 validation error detected: Value '${params.get("DurationSeconds")}' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900`);
    }
    if (requested > max) {
      throw new ServiceError(
        400,
        "ValidationError",
        chained
          ? "The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining."
          : "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.",
      );
    }
    return requested;
  }

  private issue(role: RoleRecord, sessionName: string, seconds: number, minimumTokenBytes: number, webIdentitySubject?: string) {
    let accessKeyId: string;
    do accessKeyId = makeAccessKeyId("ASIA", this.accountId, randomBytes);
    while (this.keys.has(accessKeyId));
    const now = this.clock();
    const expiration = new Date(now + seconds * 1000);
    const arn = `arn:aws:sts::${this.accountId}:assumed-role/${role.roleName}/${sessionName}`;
    // Whole base64 quads of random bytes, at least the size asked for (at most 4,096, which validation enforces).
    const token = randomBytes(Math.max(SESSION_TOKEN_RANDOM_BYTES, Math.ceil(minimumTokenBytes / 4) * 3)).toString("base64");
    const key: SessionKey = {
      accessKeyId,
      // As the store's keys: 40 base64 characters, and a long opaque token.
      secretAccessKey: randomBytes(30).toString("base64"),
      // The session is no IAM user: IAM actions that default to the caller's user find none.
      userName: arn,
      status: "Active",
      createDate: new Date(now),
      session: { token, expiration },
      roleSession: { roleArn: role.arn, sessionName, arn, expiration, ...(webIdentitySubject ? { webIdentitySubject } : {}), role },
    };
    this.keys.set(accessKeyId, key);
    return {
      Credentials: { AccessKeyId: accessKeyId, SecretAccessKey: key.secretAccessKey, SessionToken: key.session!.token, Expiration: expiration.toISOString() },
      AssumedRoleUser: { AssumedRoleId: `${role.roleId}:${sessionName}`, Arn: arn },
      SessionTokenUtilization: String(Math.ceil((token.length * 100) / MAX_SESSION_TOKEN_BYTES)),
      SessionTokenSize: String(token.length),
    };
  }
}

/** MinimumSessionTokenSize, already checked against its range (0 to 4,096), or 0 when absent. */
function minimumTokenBytes(params: ReadonlyMap<string, string>): number {
  return Number(params.get("MinimumSessionTokenSize") ?? 0);
}
