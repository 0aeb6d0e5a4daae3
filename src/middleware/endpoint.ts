import type { EndpointV2, SerializeMiddleware } from "@smithy/types";
import type { QueryClientResolvedConfig } from "../config/client-config.js";
import type { EndpointParameterValues, QueryService, RuleEndpoint } from "../contract.js";

type EndpointConfig = QueryClientResolvedConfig & { readonly service: QueryService };

/** The endpoint of a call as the endpoint middleware leaves it in the context: smithy's EndpointV2 and its SigV4 scope. */
export interface CallEndpoint extends EndpointV2 {
  readonly signingName: string;
  readonly signingRegion: string;
}

/**
 * Resolves the endpoint by the service's rules, each parameter read from the resolved setting the generated table
 * names, and hands it to the serializer and the signer.
 */
export function endpointMiddleware(config: EndpointConfig): SerializeMiddleware<any, any> {
  const settings = Object.entries(config.service.endpointSettings);
  // Settings seldom change between calls: the endpoint for the last ones is kept, as the official SDK's cache keeps it.
  let last: { values: readonly unknown[]; endpoint: CallEndpoint } | undefined;
  return (next, context) => async (args) => {
    const region = await config.region();
    const parameters: EndpointParameterValues = {};
    const values: unknown[] = [region];
    for (const [parameter, setting] of settings) {
      const value = await config[setting]();
      // The endpoint setting is a parsed URL; the rules take its text.
      values.push((parameters[parameter] = value instanceof URL ? value.href : value));
    }
    if (last === undefined || values.some((value, i) => value !== last!.values[i])) {
      const endpoint = resolveEndpointExplained(config.service, parameters, region);
      last = {
        values,
        endpoint: {
          url: new URL(endpoint.url),
          headers: endpoint.headers,
          signingName: endpoint.signingName ?? config.service.signingName,
          signingRegion: endpoint.signingRegion ?? region ?? "us-east-1",
        },
      };
    }
    context.endpointV2 = last.endpoint;
    return next(args);
  };
}

/** The rules' answer; when they fail without a region, the error also says where a region can be set. */
function resolveEndpointExplained(service: QueryService, parameters: EndpointParameterValues, region: string | undefined): RuleEndpoint {
  try {
    return service.resolveEndpoint(parameters);
  } catch (error) {
    if (region !== undefined) throw error;
    throw new Error(`${(error as Error).message}: set the region option, AWS_REGION or AWS_DEFAULT_REGION, or region in the shared config profile`, { cause: error });
  }
}
