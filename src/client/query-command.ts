import { Command } from "@smithy/smithy-client";
import type { HttpRequest } from "@smithy/protocol-http";
import type { Handler, HttpHandlerOptions, InitializeHandlerOptions, MetadataBearer, MiddlewareStack, RelativeMiddlewareOptions } from "@smithy/types";
import type { QueryClientResolvedConfig } from "../config/client-config.js";
import { callLogger } from "../config/guarded-logger.js";
import type { QueryOperation, QueryService } from "../contract.js";
import { sensitiveLogFilters, type QueryCallContext } from "../middleware/call-context.js";
import { applyMiddleware, middlewareOrder } from "./middleware-order.js";
import { commandMiddlewareOf, type CommandMiddleware } from "./query-client.js";
import { VersionedStack } from "./versioned-stack.js";

/** The resolved configuration a command needs: the client's, plus the service it belongs to. */
export interface QueryCommandConfig extends QueryClientResolvedConfig {
  readonly service: QueryService;
}

/** What a command's stack held when its client's command middleware was last put on it. */
interface Registration {
  readonly middleware: CommandMiddleware;
  readonly stack: MiddlewareStack<any, any>;
  /** The stack's version then, or -1 when it also held middleware of the caller's. */
  readonly version: number;
}

/**
 * The base of every generated command: the smithy Command with its own middleware stack, which carries, from the
 * first send on, the endpoint resolution (`endpointV2Middleware`, before the serializer, as the official SDK puts it)
 * and input validation (`validateInputMiddleware`, in the initialize step) of the client that sends it.
 */
export abstract class QueryCommand<Input extends object, Output extends MetadataBearer, Config extends QueryCommandConfig> extends Command<
  Input,
  Output,
  Config
> {
  #registration: Registration | undefined;
  readonly #operation: QueryOperation<Input, Omit<Output, "$metadata">>;

  protected constructor(
    readonly input: Input,
    operation: QueryOperation<Input, Omit<Output, "$metadata">>,
  ) {
    super();
    this.#operation = operation;
    // smithy's (empty) stack for the command, counting its changes; smithy declares the field read-only.
    (this as { middlewareStack: MiddlewareStack<Input, Output> }).middlewareStack = new VersionedStack(this.middlewareStack);
  }

  /**
   * The handler for this call: the client's middleware and this command's, in the order smithy's stack resolves
   * them, around a context of the call's own. The order is kept per client (see middlewareOrder) and reused while
   * neither the client's stack nor this command's has changed; a command with middleware of its own is resolved
   * as smithy resolves it.
   */
  resolveMiddleware(clientStack: MiddlewareStack<any, any>, config: Config, options?: HttpHandlerOptions): Handler<Input, Output> {
    const middleware = commandMiddlewareOf(config);
    const onlyClientMiddleware = this.#register(middleware, config);
    const context: QueryCallContext = {
      logger: callLogger(config.logger),
      clientName: `${config.service.sdkId}Client`,
      commandName: `${this.#operation.name}Command`,
      operation: this.#operation as QueryOperation<object, object>,
      ...sensitiveLogFilters(this.#operation as QueryOperation<object, object>),
      abortSignal: options?.abortSignal,
    };
    const handlerOptions: HttpHandlerOptions = { abortSignal: options?.abortSignal, requestTimeout: options?.requestTimeout };
    const send = (args: { request: unknown }) => config.requestHandler.handle(args.request as HttpRequest, handlerOptions) as Promise<any>;
    const order = onlyClientMiddleware && clientStack instanceof VersionedStack ? middlewareOrder(clientStack, this.middlewareStack, middleware) : undefined;
    if (order !== undefined) return applyMiddleware(order, send, context);
    return clientStack.concat(this.middlewareStack).resolve(send, context);
  }

  /**
   * Puts the client's command middleware, and the operation's own (request compression, a host prefix), on this
   * command's stack, unless it is there already (the official SDK puts its own there at each send, replacing the last).
   * True when the stack holds nothing else: the operation's own middleware makes it unlike the stacks of the client's
   * other commands.
   */
  #register(middleware: CommandMiddleware, config: Config): boolean {
    const stack = this.middlewareStack;
    let registration = this.#registration;
    if (registration?.middleware !== middleware || registration.stack !== stack) {
      const onlyOurs = stack instanceof VersionedStack && stack.version === (registration?.stack === stack ? registration.version : 0);
      stack.addRelativeTo(middleware.endpoint, ENDPOINT_PLACE);
      stack.add(middleware.validation, VALIDATION_PLACE);
      const own = this.#operation.middleware;
      for (const operationMiddleware of own ?? []) operationMiddleware.applyToStack(stack, config);
      registration = this.#registration = { middleware, stack, version: onlyOurs && !own ? (stack as VersionedStack<any, any>).version : -1 };
    }
    return stack instanceof VersionedStack && stack.version === registration.version;
  }
}

/** Where the official SDK's commands put their endpoint middleware (`step` only shows in identify(), as with v3). */
const ENDPOINT_PLACE: RelativeMiddlewareOptions & { step: "serialize" } = {
  relation: "before",
  toMiddleware: "serializerMiddleware",
  step: "serialize",
  name: "endpointV2Middleware",
  tags: ["ENDPOINT_PARAMETERS", "ENDPOINT_V2", "ENDPOINT"],
  override: true,
};

/**
 * keysmith's own, with no counterpart in v3: after the client's initialize-step middleware of high and normal
 * priority, so that the input they complete is the input checked.
 */
const VALIDATION_PLACE: InitializeHandlerOptions = { step: "initialize", name: "validateInputMiddleware", override: true };
