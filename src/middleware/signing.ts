import { SignatureV4 } from "@smithy/signature-v4";
import type { HttpRequest } from "@smithy/protocol-http";
import type { AwsCredentialIdentityProvider, EndpointV2, FinalizeRequestMiddleware } from "@smithy/types";
import { Sha256 } from "#platform";

interface SigningConfig {
  credentials: AwsCredentialIdentityProvider;
  systemClockOffset: number;
}

interface SigV4AuthScheme {
  name: string;
  signingName?: string;
  signingRegion?: string;
}

/**
 * Signs each attempt with SigV4, for the signing name and region the resolved endpoint names. One signer per
 * client: it caches the derived signing key, so the HMAC chain runs once a day per key and scope.
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
    const scheme = sigv4SchemeOf(context.endpointV2 as EndpointV2 | undefined);
    const request = await signer.sign(args.request as HttpRequest, {
      signingDate: new Date(Date.now() + config.systemClockOffset),
      signingRegion: scheme?.signingRegion ?? "us-east-1",
      signingService: scheme?.signingName ?? defaultSigningName,
    });
    return next({ ...args, request });
  };
}

function sigv4SchemeOf(endpoint: EndpointV2 | undefined): SigV4AuthScheme | undefined {
  const schemes = endpoint?.properties?.authSchemes as SigV4AuthScheme[] | undefined;
  return schemes?.find((scheme) => scheme.name === "sigv4");
}
