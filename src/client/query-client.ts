import { Client, type SmithyResolvedConfiguration } from "@smithy/smithy-client";
import type { Command, HttpHandlerOptions, MetadataBearer } from "@smithy/types";
import { resolveQueryClientConfig, type QueryClientConfig, type QueryClientResolvedConfig } from "../config/client-config.js";
import type { QueryService } from "../contract.js";
import { contentLengthMiddleware } from "../middleware/content-length.js";
import { deserializerMiddleware } from "../middleware/deserializer.js";
import { endpointMiddleware } from "../middleware/endpoint.js";
import { hostHeaderMiddleware } from "../middleware/host-header.js";
import { loggerMiddleware } from "../middleware/logger.js";
import { recursionDetectionMiddleware } from "../middleware/recursion-detection.js";
import { RetryQuota, retryMiddleware } from "../middleware/retry.js";
import { serializerMiddleware } from "../middleware/serializer.js";
import { signingMiddleware } from "../middleware/signing.js";
import { userAgentMiddleware } from "../middleware/user-agent.js";
import { validationMiddleware } from "../middleware/validation.js";
import type { AnyMiddleware } from "./middleware-order.js";
import { VersionedStack } from "./versioned-stack.js";

export type QueryClientResolved<Config extends QueryClientConfig<any>> = Omit<Config, keyof QueryClientConfig | keyof QueryClientResolvedConfig> &
  QueryClientResolvedConfig & { readonly service: QueryService; readonly apiVersion: string };

/** The middleware a client's commands add to their own stacks at each send, as the official SDK's commands do. */
export interface CommandMiddleware {
  readonly endpoint: AnyMiddleware;
  readonly validation: AnyMiddleware;
}

const commandMiddleware = new WeakMap<object, CommandMiddleware>();

/** The middleware the commands of the client with this (resolved) configuration add. */
export function commandMiddlewareOf(config: object): CommandMiddleware {
  const middleware = commandMiddleware.get(config);
  if (middleware === undefined) throw new Error("a keysmith command is resolved with the configuration of the keysmith client that sends it");
  return middleware;
}

/**
 * `send` as smithy's Client declares it, with the callback form first: an arrow function passed as the second
 * argument then gets its parameters' types from the callback, as it does with v3's clients (tried against the
 * options form first, it would be left with implicit `any`s).
 */
export interface QueryClient<Input extends object, Output extends MetadataBearer, Config extends QueryClientConfig<any>> {
  send<InputType extends Input, OutputType extends Output>(
    command: Command<Input, InputType, Output, OutputType, SmithyResolvedConfiguration<HttpHandlerOptions>>,
    cb: (err: any, data?: OutputType) => void,
  ): void;
  send<InputType extends Input, OutputType extends Output>(
    command: Command<Input, InputType, Output, OutputType, SmithyResolvedConfiguration<HttpHandlerOptions>>,
    options?: HttpHandlerOptions,
  ): Promise<OutputType>;
  send<InputType extends Input, OutputType extends Output>(
    command: Command<Input, InputType, Output, OutputType, SmithyResolvedConfiguration<HttpHandlerOptions>>,
    options: HttpHandlerOptions,
    cb: (err: any, data?: OutputType) => void,
  ): void;
}

/**
 * The base of every generated client: resolves the configuration, then fills the smithy middleware stack as the
 * official SDK fills a client's, with the same names, steps, priorities, tags and order, each middleware doing the
 * job its name says: serializer, deserializer, user agent, retries,
 * Content-Length, Host, logging, recursion detection, SigV4 signing. Endpoint resolution and input validation go
 * on each command's stack (see QueryCommand), where the official SDK puts its endpoint middleware.
 */
export class QueryClient<Input extends object, Output extends MetadataBearer, Config extends QueryClientConfig<any>> extends Client<
  HttpHandlerOptions,
  Input,
  Output,
  QueryClientResolved<Config>
> {
  constructor(config: Config, service: QueryService) {
    // smithy's `cacheMiddleware` would reuse one call's handler, and with it that call's context, for every later
    // call of the command class; commands keep the middleware order per client themselves, and each call its context.
    const { cacheMiddleware: _perCallContexts, ...options } = config as Config & { cacheMiddleware?: boolean };
    // The resolved object itself becomes client.config, so that its providers read what a user replaces on it.
    const resolved = Object.assign(resolveQueryClientConfig(options, service.sdkId), { service, apiVersion: service.version });
    super(resolved as QueryClientResolved<Config>);
    const stack = new VersionedStack(this.middlewareStack);
    this.middlewareStack = stack;
    // In the order the official SDK adds them, which decides the order within a step and priority.
    stack.add(serializerMiddleware(this.config), { step: "serialize", priority: "normal", name: "serializerMiddleware", tags: ["SERIALIZER"], override: true });
    stack.add(deserializerMiddleware(this.config), { step: "deserialize", priority: "normal", name: "deserializerMiddleware", tags: ["DESERIALIZER"], override: true });
    stack.add(userAgentMiddleware(this.config, service.sdkId), { step: "build", priority: "low", name: "getUserAgentMiddleware", tags: ["SET_USER_AGENT", "USER_AGENT"], override: true });
    stack.add(retryMiddleware(this.config, new RetryQuota()), { step: "finalizeRequest", priority: "high", name: "retryMiddleware", tags: ["RETRY"], override: true });
    stack.add(contentLengthMiddleware(), { step: "build", priority: "normal", name: "contentLengthMiddleware", tags: ["SET_CONTENT_LENGTH", "CONTENT_LENGTH"], override: true });
    stack.add(hostHeaderMiddleware(this.config), { step: "build", priority: "low", name: "hostHeaderMiddleware", tags: ["HOST"], override: true });
    stack.add(loggerMiddleware(this.config), { step: "initialize", name: "loggerMiddleware", tags: ["LOGGER"], override: true });
    stack.add(recursionDetectionMiddleware(), {
      step: "build",
      priority: "low",
      name: "recursionDetectionMiddleware",
      tags: ["RECURSION_DETECTION", "TRACE_CONTEXT_PROPAGATION"],
      override: true,
    });
    stack.addRelativeTo(signingMiddleware(this.config, service.signingName), {
      relation: "after",
      toMiddleware: "retryMiddleware",
      step: "finalizeRequest",
      name: "httpSigningMiddleware",
      aliases: ["apiKeyMiddleware", "tokenMiddleware", "awsAuthMiddleware"],
      tags: ["HTTP_SIGNING"],
      override: true,
    });
    commandMiddleware.set(this.config, {
      endpoint: endpointMiddleware(this.config) as AnyMiddleware,
      validation: validationMiddleware(this.config) as AnyMiddleware,
    });
  }
}
