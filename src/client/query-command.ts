import { Command } from "@smithy/smithy-client";
import { HttpRequest, HttpResponse } from "@smithy/protocol-http";
import type {
  DeserializeMiddleware,
  EndpointV2,
  Handler,
  HandlerExecutionContext,
  HttpHandlerOptions,
  InitializeMiddleware,
  MetadataBearer,
  MiddlewareStack,
  ResponseMetadata,
  SerializeMiddleware,
} from "@smithy/types";
import { readBodyText, ResponseTooLargeError } from "../http/body.js";
import type { QueryClientResolvedConfig } from "../config/client-config.js";
import { exceptionFromEnvelope, readErrorEnvelope, type ServiceException } from "../protocol/errors.js";
import { QueryForm } from "../protocol/form.js";
import type { QueryOperation, QueryService } from "../contract.js";
import { applyMiddleware, collectEntries, MiddlewareOrder, type AnyMiddleware, type StackEntry } from "./middleware-order.js";
import { InputValidationError, validateInput } from "../schema/validate.js";
import { parseXmlDocument, xmlChild, xmlChildren, xmlText, type XmlValue } from "../protocol/xml.js";

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

function validationMiddleware<Input extends object, Output extends object>(operation: QueryOperation<Input, Output>): InitializeMiddleware<Input, any> {
  return (next) => (args) => {
    const problems = validateInput(operation.inputSchema!, args.input);
    if (problems.length > 0) throw new InputValidationError(operation.name, problems);
    return next(args);
  };
}

const FORM_CONTENT_TYPE = "application/x-www-form-urlencoded";

function serializerMiddleware<Input extends object, Output extends object>(operation: QueryOperation<Input, Output>, service: QueryService): SerializeMiddleware<Input, any> {
  return (next, context) => (args) => {
    const endpointV2 = context.endpointV2 as EndpointV2 | undefined;
    if (endpointV2 === undefined) throw new Error("no endpoint was resolved for this request");
    const endpoint = endpointV2.url;
    const form = new QueryForm(operation.name, service.version);
    operation.serialize(args.input, form);
    const body = form.toString(); // percent-encoded, so ASCII: its length is its byte count
    const request = new HttpRequest({
      method: "POST",
      protocol: endpoint.protocol,
      hostname: endpoint.hostname,
      port: endpoint.port === "" ? undefined : Number(endpoint.port),
      path: endpoint.pathname.endsWith("/") ? endpoint.pathname : `${endpoint.pathname}/`,
      headers: { "content-type": FORM_CONTENT_TYPE, "content-length": String(body.length), host: endpoint.host },
      body,
    });
    // Headers the endpoint rule names, joined as the official SDK joins them.
    for (const [name, values] of Object.entries(endpointV2.headers ?? {})) request.headers[name] = values.join(", ");
    return next({ ...args, request });
  };
}

function deserializerMiddleware<Input extends object, Output extends object>(operation: QueryOperation<Input, Output>, service: QueryService): DeserializeMiddleware<any, any> {
  // An output without members has nothing to read, so an empty body is a success, as in the official SDK; an
  // output with members needs its Result element.
  const emptyBodyIsOutput = !operation.outputSchema || Object.keys(operation.outputSchema.members).length === 0;
  return (next) => async (args) => {
    const { response } = (await next(args)) as { response: HttpResponse };
    const $metadata = metadataOf(response);
    const text = await readBodyText(response.body).catch((error: unknown) => {
      if (!(error instanceof ResponseTooLargeError)) throw error; // a transport failure: the retry policy judges it
      throw withResponse(new service.ServiceException({ name: "ResponseTooLarge", $fault: "server", $metadata, message: error.message }), response);
    });
    if (response.statusCode >= 200 && response.statusCode < 300) {
      return { response, output: { ...parseResult(operation.name, text, $metadata, response, service), $metadata } };
    }
    throw parseError(text, $metadata, response, service);
  };

  function parseResult(name: string, text: string, $metadata: ResponseMetadata, response: HttpResponse, service: QueryService): Output {
    if (emptyBodyIsOutput && text.trim() === "") return operation.deserialize(Object.create(null));
    try {
      const root = parseXmlDocument(text);
      if (root.name !== `${name}Response`) throw new Error(`expected <${name}Response>, got <${root.name}>`);
      const children = xmlChildren(root.value);
      $metadata.requestId ??= requestIdOf(xmlChild(children, "ResponseMetadata"));
      return operation.deserialize(xmlChildren(xmlChild(children, `${name}Result`)));
    } catch (cause) {
      throw withResponse(
        new service.ServiceException({
          name: "DeserializationError",
          $fault: "server",
          $metadata,
          message: `could not read the ${name} response (HTTP ${response.statusCode}): ${(cause as Error).message}`,
        }),
        response,
      );
    }
  }
}

function parseError(text: string, $metadata: ResponseMetadata, response: HttpResponse, service: QueryService): ServiceException {
  let envelope;
  try {
    const root = parseXmlDocument(text);
    envelope = readErrorEnvelope(root.name, root.value);
  } catch {
    envelope = undefined;
  }
  if (envelope === undefined) {
    return withResponse(
      new service.ServiceException({
        name: statusErrorName(response.statusCode),
        $fault: response.statusCode >= 500 ? "server" : "client",
        $metadata,
        message: `HTTP ${response.statusCode} ${response.reason ?? ""}`.trim() + " with a body that is not an AWS error document",
      }),
      response,
      text,
    );
  }
  $metadata.requestId ??= envelope.requestId;
  return withResponse(exceptionFromEnvelope(envelope, $metadata, service.errors, service.ServiceException), response, text);
}

/** Names for errors without a readable code, after their status, as the official SDK's fallbacks do. */
function statusErrorName(status: number): string {
  if (status === 503) return "ServiceUnavailable";
  if (status === 429) return "TooManyRequestsException";
  return status >= 500 ? "InternalServerError" : "UnknownError";
}

/**
 * The response rides along, unenumerated, so retry logic can read its Date header. Only status, headers and an
 * error body are kept: the live stream would lead back to the request and its credentials, and a success body
 * may hold a secret.
 */
function withResponse(error: ServiceException, response: HttpResponse, errorBody?: string): ServiceException {
  const summary = new HttpResponse({ statusCode: response.statusCode, reason: response.reason, headers: response.headers, body: errorBody });
  Object.defineProperty(error, "$response", { value: summary, enumerable: false, configurable: true });
  return error;
}

function requestIdOf(responseMetadata: XmlValue | undefined): string | undefined {
  const requestId = xmlChild(xmlChildren(responseMetadata), "RequestId");
  return requestId === undefined ? undefined : xmlText(requestId);
}

function metadataOf(response: HttpResponse): ResponseMetadata {
  return {
    httpStatusCode: response.statusCode,
    requestId: header(response, "x-amzn-requestid") ?? header(response, "x-amz-request-id"),
    extendedRequestId: header(response, "x-amz-id-2"),
    cfId: header(response, "x-amz-cf-id"),
  };
}

/** A response header by name, whatever case the handler used. */
export function header(response: HttpResponse, name: string): string | undefined {
  const headers = response.headers ?? {};
  if (Object.hasOwn(headers, name)) return headers[name];
  for (const key of Object.keys(headers)) if (key.toLowerCase() === name) return headers[key];
  return undefined;
}
