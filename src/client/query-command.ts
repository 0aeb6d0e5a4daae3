import { Command } from "@smithy/smithy-client";
import type { HttpRequest } from "@smithy/protocol-http";
import type { Handler, HandlerExecutionContext, HttpHandlerOptions, MetadataBearer, MiddlewareStack } from "@smithy/types";
import type { QueryClientResolvedConfig } from "../config/client-config.js";
import type { QueryOperation, QueryService } from "../contract.js";
import { deserializerMiddleware } from "../middleware/deserializer.js";
import { serializerMiddleware } from "../middleware/serializer.js";
import { validationMiddleware } from "../middleware/validation.js";
import { applyMiddleware, collectEntries, MiddlewareOrder, type AnyMiddleware, type StackEntry } from "./middleware-order.js";

/** The resolved configuration a command needs: the client's, plus the service it belongs to. */
export interface QueryCommandConfig extends QueryClientResolvedConfig {
  readonly service: QueryService;
}

/**
 * The base of every generated command: the smithy Command with its own middleware stack, plus the two
 * awsQuery middlewares that turn the input into a form request and the response into output or a typed error.
 */
export abstract class QueryCommand<Input extends object, Output extends MetadataBearer, Config extends QueryCommandConfig> extends Command<
  Input,
  Output,
  Config
> {
  protected constructor(
    readonly input: Input,
    private readonly operation: QueryOperation<Input, Omit<Output, "$metadata">>,
  ) {
    super();
  }

  /**
   * The handler for this call: the client's middleware, this command's and the operation's, in the order smithy's
   * stack would resolve them (kept per client and operation, see {@link MiddlewareOrder}), around a context of the
   * call's own.
   */
  resolveMiddleware(clientStack: MiddlewareStack<any, any>, config: Config, options?: HttpHandlerOptions): Handler<Input, Output> {
    const context: HandlerExecutionContext = {
      logger: config.logger,
      clientName: `${config.service.sdkId}Client`,
      commandName: `${this.operation.name}Command`,
      operation: this.operation,
      abortSignal: options?.abortSignal,
    };
    const handlerOptions: HttpHandlerOptions = { abortSignal: options?.abortSignal, requestTimeout: options?.requestTimeout };
    const send = (args: { request: unknown }) => config.requestHandler.handle(args.request as HttpRequest, handlerOptions) as Promise<any>;
    const resolved = resolvedMiddleware(clientStack, this.operation, config);
    const entries: StackEntry[] = [];
    if (collectEntries(clientStack, entries) && collectEntries(this.middlewareStack, entries)) {
      for (const entry of resolved.own) entries.push(entry);
      return applyMiddleware(resolved.order.of(entries), send, context);
    }
    // A stack that logs its middleware on every resolve gets a real resolve.
    const stack: MiddlewareStack<Input, Output> = clientStack.concat(this.middlewareStack);
    for (const { middleware, options } of resolved.own) stack.add(middleware, options);
    return stack.resolve(send, context);
  }
}

/** What one client keeps for one operation: the operation's own middleware, and the order of the whole stack. */
interface ResolvedMiddleware {
  readonly service: QueryService;
  readonly validate: boolean;
  readonly own: readonly StackEntry[];
  readonly order: MiddlewareOrder;
}

const resolvedByClient = new WeakMap<MiddlewareStack<any, any>, WeakMap<QueryOperation<any, any>, ResolvedMiddleware>>();

function resolvedMiddleware(clientStack: MiddlewareStack<any, any>, operation: QueryOperation<any, any>, config: QueryCommandConfig): ResolvedMiddleware {
  let byOperation = resolvedByClient.get(clientStack);
  if (byOperation === undefined) resolvedByClient.set(clientStack, (byOperation = new WeakMap()));
  const validate = config.validateInput && operation.inputSchema !== undefined;
  let resolved = byOperation.get(operation);
  if (resolved === undefined || resolved.service !== config.service || resolved.validate !== validate) {
    resolved = { service: config.service, validate, own: operationMiddleware(operation, config.service, validate), order: new MiddlewareOrder() };
    byOperation.set(operation, resolved);
  }
  return resolved;
}

/** The awsQuery middleware every command adds to the client's: input validation, then the form serializer and the response deserializer. */
function operationMiddleware(operation: QueryOperation<any, any>, service: QueryService, validate: boolean): StackEntry[] {
  const own: StackEntry[] = [];
  if (validate) own.push({ relative: false, middleware: validationMiddleware(operation) as unknown as AnyMiddleware, options: { step: "initialize", name: "validateInputMiddleware" } });
  own.push({ relative: false, middleware: serializerMiddleware(operation, service) as unknown as AnyMiddleware, options: { step: "serialize", name: "serializerMiddleware" } });
  own.push({ relative: false, middleware: deserializerMiddleware(operation, service) as unknown as AnyMiddleware, options: { step: "deserialize", name: "deserializerMiddleware" } });
  return own;
}

