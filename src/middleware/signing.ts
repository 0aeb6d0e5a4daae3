import { SignatureV4 } from "@smithy/signature-v4";
import type { HttpRequest } from "@smithy/protocol-http";
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider, DateInput, FinalizeRequestMiddleware, Provider } from "@smithy/types";
import { Sha256, sha256Hex } from "#platform";
import { currentIdentity } from "../config/credentials.js";
import { settingValue } from "../config/setting-value.js";
import { operationOf } from "./call-context.js";
import type { CallEndpoint } from "./endpoint.js";
import { signingDates } from "./signing-date.js";

interface SigningConfig {
  credentials: AwsCredentialIdentityProvider;
  systemClockOffset: number;
  disableClockSkewCorrection: Provider<boolean>;
}

/** Scopes (day, region, service) whose keys are kept for one identity; past it, they are derived anew. */
const MAX_KEPT_SCOPES = 16;

type DeriveKey = (credentials: AwsCredentialIdentity, region: string, shortDate: string, service?: string) => Promise<Uint8Array>;

/**
 * Makes the signer keep the keys it derives for the identity it signs with. smithy caches derived keys too, but finds
 * them by an HMAC of the secret that it computes for every signature, a third of the signer's hashing. Here a key is
 * found by the identity object itself (a client's credentials stay one object until refreshed) and the scope; a new
 * identity, or a secret changed in place, derives again, and keys live no longer than their identity.
 * `getSigningKey` is where smithy's sign, presign and signString get their key (private in its types only).
 */
function keepDerivedKeys(signer: SignatureV4, defaultService: string): void {
  const derive: DeriveKey = signer["getSigningKey"].bind(signer);
  const kept = new WeakMap<AwsCredentialIdentity, { secret: string; byScope: Map<string, Promise<Uint8Array>> }>();
  const getSigningKey: DeriveKey = (credentials, region, shortDate, service) => {
    let keys = kept.get(credentials);
    if (keys === undefined || keys.secret !== credentials.secretAccessKey || keys.byScope.size >= MAX_KEPT_SCOPES) {
      keys = { secret: credentials.secretAccessKey, byScope: new Map() };
      kept.set(credentials, keys);
    }
    const scope = `${shortDate}/${region}/${service || defaultService}`;
    let key = keys.byScope.get(scope);
    if (key === undefined) keys.byScope.set(scope, (key = derive(credentials, region, shortDate, service)));
    return key;
  };
  signer["getSigningKey"] = getSigningKey;
}

/**
 * smithy's signer, doing once what it would do at every signature: keeping the keys it derived (see keepDerivedKeys)
 * and the two forms of the signing date, which change once a second; and hashing the canonical request without
 * turning it into bytes.
 */
class ClientSigner extends SignatureV4 {
  #second = NaN;
  #dates: { longDate: string; shortDate: string } | undefined;

  constructor(init: ConstructorParameters<typeof SignatureV4>[0]) {
    super(init);
    keepDerivedKeys(this, init.service);
  }

  protected override formatDate(now: DateInput): { longDate: string; shortDate: string } {
    if (!(now instanceof Date)) return super.formatDate(now);
    const second = Math.floor(now.getTime() / 1000);
    if (second !== this.#second || this.#dates === undefined) {
      this.#dates = signingDates(now) ?? super.formatDate(now);
      this.#second = second;
    }
    return this.#dates;
  }

  /**
   * smithy's string to sign, with the canonical request hashed as the text it is: smithy turns it into bytes first
   * and the digest into hex in JavaScript, where node:crypto does both natively.
   */
  protected override async createStringToSign(longDate: string, credentialScope: string, canonicalRequest: string, algorithmIdentifier: string): Promise<string> {
    return `${algorithmIdentifier}\n${longDate}\n${credentialScope}\n${await sha256Hex(canonicalRequest)}`;
  }
}

/**
 * Signs each attempt with SigV4, for the signing name and region of the call's endpoint. One signer per client,
 * keeping the keys it derived, so the HMAC chain runs once a day per identity and scope. An operation the model
 * sends unsigned passes as it is, and no credentials are resolved for it.
 */
export function signingMiddleware(config: SigningConfig, defaultSigningName: string): FinalizeRequestMiddleware<any, any> {
  const signer = new ClientSigner({
    // Read at each signature, as v3 reads it: what is put on client.config after the client was made signs the next call.
    credentials: () => currentIdentity(config.credentials),
    region: "us-east-1",
    service: defaultSigningName,
    sha256: Sha256,
    uriEscapePath: true,
  });
  return (next, context) => async (args) => {
    if (operationOf(context).unsigned) return next(args);
    const endpoint = context.endpointV2 as CallEndpoint | undefined;
    // With correction disabled v3 signs with the local clock, whatever offset was given or learnt; without an offset
    // the setting makes no difference, and is not read.
    const offset = config.systemClockOffset !== 0 && !(await settingValue(config.disableClockSkewCorrection)) ? config.systemClockOffset : 0;
    const request = await signer.sign(args.request as HttpRequest, {
      signingDate: new Date(Date.now() + offset),
      signingRegion: endpoint?.signingRegion ?? "us-east-1",
      signingService: endpoint?.signingName ?? defaultSigningName,
    });
    return next({ ...args, request });
  };
}
