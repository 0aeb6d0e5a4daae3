import { Client } from "@smithy/smithy-client";
import type { HttpHandlerOptions, MetadataBearer } from "@smithy/types";
import { resolveQueryClientConfig, type QueryClientConfig, type QueryClientResolvedConfig } from "../config/client-config.js";
import type { QueryService } from "../contract.js";
import { endpointMiddleware } from "../middleware/endpoint.js";
import { loggerMiddleware } from "../middleware/logger.js";
import { RetryQuota, retryMiddleware } from "../middleware/retry.js";
import { signingMiddleware } from "../middleware/signing.js";

export type QueryClientResolved<Config extends QueryClientConfig> = Omit<Config, keyof QueryClientConfig | keyof QueryClientResolvedConfig> &
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

