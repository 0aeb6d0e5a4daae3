import type { EndpointV2, Provider, SerializeMiddleware } from "@smithy/types";
import { resolveUseGlobalEndpoint, type QueryClientConfig, type QueryClientResolvedConfig } from "../config/client-config.js";
import type { EndpointParameterValues, QueryService } from "../contract.js";
import { resolvedEndpoint, type ResolvedEndpoint } from "../endpoint/rule-endpoint.js";

type EndpointConfig = QueryClientResolvedConfig & { readonly service: QueryService };

/** Resolves the endpoint by the service's rules with the client's settings and hands it to the serializer. */
export function endpointMiddleware(config: EndpointConfig, options: QueryClientConfig): SerializeMiddleware<any, any> {
  const parameters = Object.entries(config.service.endpointBuiltIns).map(([name, builtIn]) => [name, builtInValue(builtIn, config, options)] as const);
  // Settings seldom change between calls: the endpoint for the last ones is kept, as the official SDK's cache keeps it.
  let last: { settings: readonly unknown[]; endpoint: EndpointV2 } | undefined;
  return (next, context) => async (args) => {
    const values: EndpointParameterValues = {};
    for (const [name, value] of parameters) values[name] = await value();
    const region = await config.region();
    const settings = [region, ...Object.values(values)];
    if (last === undefined || settings.some((setting, i) => setting !== last?.settings[i])) {
      const endpoint = resolveEndpointExplained(config.service, values, region);
      const signingRegion = endpoint.signingRegion ?? region ?? "us-east-1";
      const authSchemes = [{ name: "sigv4", signingName: endpoint.signingName ?? config.service.signingName, signingRegion }];
      last = { settings, endpoint: { url: endpoint.url, properties: { authSchemes }, headers: endpoint.headers } as EndpointV2 };
    }
    context.endpointV2 = last.endpoint;
    return next(args);
  };
}

/** The rules' answer; when they fail without a region, the error also says where a region can be set. */
function resolveEndpointExplained(service: QueryService, values: EndpointParameterValues, region: string | undefined): ResolvedEndpoint {
  try {
    return resolvedEndpoint(service.resolveEndpoint(values));
  } catch (error) {
    if (region !== undefined) throw error;
    throw new Error(`${(error as Error).message}: set the region option, AWS_REGION or AWS_DEFAULT_REGION, or region in the shared config profile`, { cause: error });
  }
}

/** Where a rule-set built-in's value comes from: the client setting the official SDK binds it to. */
function builtInValue(builtIn: string, config: EndpointConfig, options: QueryClientConfig): Provider<string | boolean | undefined> {
  switch (builtIn) {
    case "AWS::Region":
      return config.region;
    case "AWS::UseFIPS":
      return config.useFipsEndpoint;
    case "AWS::UseDualStack":
      return config.useDualstackEndpoint;
    case "SDK::Endpoint":
      return async () => (await config.endpoint())?.href;
    case "AWS::STS::UseGlobalEndpoint":
      return resolveUseGlobalEndpoint((options as { useGlobalEndpoint?: boolean }).useGlobalEndpoint, options.profile);
    default:
      throw new Error(`the endpoint rules use the built-in ${builtIn}, which keysmith does not supply`);
  }
}
