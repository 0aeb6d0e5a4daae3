import { Client } from "@smithy/smithy-client";
import type { EndpointV2, HttpHandlerOptions, InitializeMiddleware, MetadataBearer, Provider, SerializeMiddleware } from "@smithy/types";
import { resolveQueryClientConfig, resolveUseGlobalEndpoint, silentLogger, type QueryClientConfig, type QueryClientResolvedConfig } from "../config/client-config.js";
import { resolvedEndpoint, type ResolvedEndpoint } from "../endpoint/rule-endpoint.js";
import { RetryQuota, retryMiddleware } from "../middleware/retry.js";
import { redact } from "../schema/redact.js";
import type { EndpointParameterValues, QueryOperation, QueryService } from "../contract.js";
import { signingMiddleware } from "../middleware/signing.js";

export type QueryClientResolved<Config extends QueryClientConfig> = Omit<Config, keyof QueryClientConfig> &
  QueryClientResolvedConfig & { readonly service: QueryService; readonly apiVersion: string };

/**
 * The base of every generated client: resolves the configuration, then installs the middleware every call
 * shares — endpoint resolution, retries, SigV4 signing — on the smithy client's middleware stack.
 */
export class QueryClient<Input extends object, Output extends MetadataBearer, Config extends QueryClientConfig> extends Client<
  HttpHandlerOptions,
  Input,
  Output,
  QueryClientResolved<Config>
> {
  constructor(config: Config, service: QueryService) {
    // smithy's `cacheMiddleware` would reuse one call's handler, and with it that call's context, for every later
    // call of the command class; commands keep the middleware order per client themselves, and each call its context.
    const { cacheMiddleware: _perCallContexts, ...options } = config as Config & { cacheMiddleware?: boolean };
    const resolved = { ...resolveQueryClientConfig(options, service.sdkId), service, apiVersion: service.version };
    super(resolved as QueryClientResolved<Config>);
    this.middlewareStack.add(loggerMiddleware(this.config), { step: "initialize", name: "loggerMiddleware", priority: "high" });
    this.middlewareStack.add(endpointMiddleware(this.config, config), {
      step: "serialize",
      name: "endpointV2Middleware",
      priority: "high",
    });
    this.middlewareStack.add(retryMiddleware(this.config, new RetryQuota()), { step: "finalizeRequest", name: "retryMiddleware", priority: "high" });
    this.middlewareStack.add(signingMiddleware(this.config, service.signingName), {
      step: "finalizeRequest",
      name: "awsAuthMiddleware",
      priority: "low",
    });
  }
}

/**
 * One log line per call, as the official SDK writes it: info with the output on success, error with the error
 * otherwise; `@sensitive` values in inputs and outputs are replaced before the logger sees them.
 */
function loggerMiddleware(config: QueryClientResolved<QueryClientConfig>): InitializeMiddleware<any, any> {
  return (next, context) => async (args) => {
    // Nothing to write: no redacted copies to make.
    if (config.logger === silentLogger) return next(args);
    const operation = context.operation as QueryOperation<object, object> | undefined;
    const base = { clientName: context.clientName, commandName: context.commandName };
    const input = operation?.inputSchema ? redact(operation.inputSchema, args.input) : args.input;
    try {
      const result = await next(args);
      const { $metadata, ...output } = (result.output ?? {}) as MetadataBearer;
      config.logger.info?.({ ...base, input, output: operation?.outputSchema ? redact(operation.outputSchema, output) : output, metadata: $metadata });
      return result;
    } catch (error) {
      config.logger.error?.({ ...base, input, error, metadata: (error as MetadataBearer).$metadata });
      throw error;
    }
  };
}

/** Resolves the endpoint by the service's rules with the client's settings and hands it to the serializer. */
function endpointMiddleware(config: QueryClientResolved<QueryClientConfig>, options: QueryClientConfig): SerializeMiddleware<any, any> {
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
function builtInValue(builtIn: string, config: QueryClientResolved<QueryClientConfig>, options: QueryClientConfig): Provider<string | boolean | undefined> {
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
