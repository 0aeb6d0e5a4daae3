import { Client } from "@smithy/smithy-client";
import type { EndpointV2, HttpHandlerOptions, InitializeMiddleware, MetadataBearer, SerializeMiddleware } from "@smithy/types";
import { resolveQueryClientConfig, type QueryClientConfig, type QueryClientResolvedConfig } from "./config.js";
import { BUILT_IN_OPTIONS } from "./endpoint-builtins.js";
import { resolveModelEndpoint } from "./endpoints.js";
import { RetryQuota, retryMiddleware } from "./retry.js";
import { redact } from "./redact.js";
import type { QueryOperation, QueryService } from "./service.js";
import { signingMiddleware } from "./signing.js";

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
    const resolved = { ...resolveQueryClientConfig(config), service, apiVersion: service.version };
    super(resolved as QueryClientResolved<Config>);
    this.middlewareStack.add(loggerMiddleware(this.config), { step: "initialize", name: "loggerMiddleware", priority: "high" });
    this.middlewareStack.add(endpointMiddleware(this.config), {
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

/** Evaluates the service's endpoint rule set with the client's options and hands the result to the serializer. */
function endpointMiddleware(config: QueryClientResolved<QueryClientConfig>): SerializeMiddleware<any, any> {
  const parameters = Object.entries(config.service.endpointRuleSet.parameters);
  return (next, context) => async (args) => {
    const region = await config.region();
    const values: Record<string, string | boolean | undefined> = {};
    for (const [name, parameter] of parameters) {
      const option = parameter.builtIn === undefined ? undefined : BUILT_IN_OPTIONS[parameter.builtIn];
      if (option === "region") values[name] = region;
      else if (option === "endpoint") values[name] = config.endpoint?.href;
      else if (option !== undefined) values[name] = (config as unknown as Record<string, boolean | undefined>)[option];
    }
    const endpoint = resolveModelEndpoint(config.service.endpointRuleSet, values);
    const endpointV2 = {
      url: endpoint.url,
      properties: {
        authSchemes: [
          {
            name: "sigv4",
            signingName: endpoint.signingName ?? config.service.signingName,
            signingRegion: endpoint.signingRegion ?? region ?? "us-east-1",
          },
        ],
      },
    } as EndpointV2;
    context.endpointV2 = endpointV2;
    return next(args);
  };
}
