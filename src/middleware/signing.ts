import { SignatureV4 } from "@smithy/signature-v4";
import type { HttpRequest } from "@smithy/protocol-http";
import type { AwsCredentialIdentityProvider, FinalizeRequestMiddleware } from "@smithy/types";
import { Sha256 } from "#platform";
import type { CallEndpoint } from "./endpoint.js";

interface SigningConfig {
  credentials: AwsCredentialIdentityProvider;
  systemClockOffset: number;
}

/**
 * Signs each attempt with SigV4, for the signing name and region of the call's endpoint. One signer per client: it
 * caches the derived signing key, so the HMAC chain runs once a day per key and scope.
 */
export function signingMiddleware(config: SigningConfig, defaultSigningName: string): FinalizeRequestMiddleware<any, any> {
  const signer = new SignatureV4({
    credentials: config.credentials,
    region: "us-east-1",
    service: defaultSigningName,
    sha256: Sha256,
    uriEscapePath: true,
  });
  return (next, context) => async (args) => {
    const endpoint = context.endpointV2 as CallEndpoint | undefined;
    const request = await signer.sign(args.request as HttpRequest, {
      signingDate: new Date(Date.now() + config.systemClockOffset),
      signingRegion: endpoint?.signingRegion ?? "us-east-1",
      signingService: endpoint?.signingName ?? defaultSigningName,
    });
    return next({ ...args, request });
  };
}
