import type { EndpointV2, Logger, SerializeMiddleware } from "@smithy/types";
import type { QueryClientResolvedConfig } from "../config/client-config.js";
import { callLogger } from "../config/guarded-logger.js";
import { settingValue } from "../config/setting-value.js";
import type { EndpointParameterValues, QueryService, RuleEndpoint } from "../contract.js";

type EndpointConfig = QueryClientResolvedConfig & { readonly service: QueryService; readonly endpointProvider?: EndpointProvider };

/** The endpoint of a call as the endpoint middleware leaves it in the context: smithy's EndpointV2 and its SigV4 scope. */
export interface CallEndpoint extends EndpointV2 {
  readonly signingName: string;
  readonly signingRegion: string;
}

/**
 * v3's `endpointProvider` option: a function from the rules' parameters to an endpoint, in place of the rules; a
 * generated client types the parameters as its rules name them.
 */
export type EndpointProvider<Parameters extends object = EndpointParameterValues> = (parameters: Parameters, context?: { logger?: Logger }) => EndpointV2;

/**
 * Resolves the endpoint by the service's rules, each parameter read from the resolved setting the generated table
 * names, and hands it to the serializer and the signer. A client's `endpointProvider` replaces the rules and, as in
 * v3, is asked at every call.
 */
export function endpointMiddleware(config: EndpointConfig): SerializeMiddleware<any, any> {
  const settings = Object.entries(config.service.endpointSettings);
  // Settings seldom change between calls: the endpoint for the last ones is kept, as the official SDK's cache keeps it.
  let last: { values: readonly unknown[]; endpoint: CallEndpoint } | undefined;
  return (next, context) => async (args) => {
    const region = await settingValue(config.region);
    const parameters: EndpointParameterValues = {};
    const values: unknown[] = [region];
    for (const [parameter, setting] of settings) {
      const value = await settingValue<string | boolean | URL | undefined>(config[setting]);
      // The endpoint setting is a parsed URL; the rules take its text.
      values.push((parameters[parameter] = value instanceof URL ? value.href : value));
    }
    if (config.endpointProvider !== undefined || last === undefined || values.some((value, i) => value !== last!.values[i])) {
      const provided = config.endpointProvider?.(parameters, { logger: callLogger(config.logger) });
      const { url, headers = {}, ...scope } = config.endpointProvider ? fromEndpointV2(provided!) : config.service.resolveEndpoint(parameters);
      last = {
        values,
        endpoint: {
          url: new URL(url),
          // v3's shape, which middleware may read: the scope the rules name as their auth scheme, headers always there.
          // (smithy's type has an auth scheme's fields under `properties`; the rules' objects, as v3 gives them, do not).
          properties: provided?.properties ?? ((scope.signingName ?? scope.signingRegion ? { authSchemes: [{ name: "sigv4", ...scope }] } : {}) as EndpointV2["properties"]),
          headers,
          // As in v3, the rules' scope wins over the client's signing options, which win over its region and service.
          signingName: scope.signingName ?? config.signingName ?? config.service.signingName,
          signingRegion: scope.signingRegion ?? config.signingRegion ?? region,
        },
      };
    }
    context.endpointV2 = last.endpoint;
    return next(args);
  };
}

interface AuthScheme {
  name?: string;
  signingName?: string;
  signingRegion?: string;
}

/** An endpointProvider's answer as the rules give theirs: the URL, its headers, the SigV4 scope of its auth scheme. */
function fromEndpointV2(endpoint: EndpointV2): RuleEndpoint {
  if (!(endpoint?.url instanceof URL)) throw new TypeError("endpointProvider must return an EndpointV2: an object whose url is a URL");
  const schemes = (endpoint.properties?.authSchemes ?? []) as AuthScheme[];
  const sigv4 = schemes.find((scheme) => scheme.name === "sigv4");
  if (schemes.length > 0 && sigv4 === undefined) {
    throw new TypeError(`endpointProvider returned auth schemes ${schemes.map((scheme) => scheme.name).join(", ")}: keysmith signs with sigv4 only`);
  }
  return { url: endpoint.url.href, headers: endpoint.headers, signingName: sigv4?.signingName, signingRegion: sigv4?.signingRegion };
}
