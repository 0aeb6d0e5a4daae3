import { HttpResponse } from "@smithy/protocol-http";
import type { ResponseMetadata } from "@smithy/types";
import type { QueryOperation, QueryService } from "../contract.js";
import { header } from "../http/headers.js";
import { exceptionFromEnvelope, readErrorEnvelope, type ServiceException } from "./errors.js";
import { parseXmlDocument, xmlChild, xmlChildren, xmlText, type XmlValue } from "./xml.js";

/**
 * Reads a 2xx awsQuery response, `<OpResponse><OpResult>…</OpResult><ResponseMetadata>…`, into the operation's
 * output; anything else is a DeserializationError of the service's base exception.
 */
export function readQueryResult<Output extends object>(
  operation: QueryOperation<object, Output>,
  service: QueryService,
  text: string,
  $metadata: ResponseMetadata,
  response: HttpResponse,
): Output {
  const { responseElement, resultElement, hasMembers } = responseShapeOf(operation);
  // An output without members has nothing to read, so an empty body is a success, as in the official SDK; an
  // output with members needs its Result element.
  if (!hasMembers && text.trim() === "") return operation.deserialize(Object.create(null));
  try {
    const root = parseXmlDocument(text);
    if (root.name !== responseElement) throw new Error(`expected <${responseElement}>, got <${root.name}>`);
    const children = xmlChildren(root.value);
    $metadata.requestId ??= requestIdOf(xmlChild(children, "ResponseMetadata"));
    const result = xmlChild(children, resultElement);
    // Without its Result element a response says nothing of the output, not that every member is absent.
    if (result === undefined && hasMembers) throw new Error(`no <${resultElement}> element`);
    return operation.deserialize(xmlChildren(result));
  } catch (cause) {
    const message = `could not read the ${operation.name} response (HTTP ${response.statusCode}): ${(cause as Error).message}`;
    throw withResponse(new service.ServiceException({ name: "DeserializationError", $fault: "server", $metadata, message }), response);
  }
}

/** What reading an operation's responses needs of it: the names of its two elements, and whether its output has members. */
interface ResponseShape {
  readonly responseElement: string;
  readonly resultElement: string;
  readonly hasMembers: boolean;
}

const responseShapes = new WeakMap<QueryOperation<object, object>, ResponseShape>();

/** Worked out at an operation's first response and kept: the names would otherwise be made, and looked up, anew each time. */
function responseShapeOf(operation: QueryOperation<object, object>): ResponseShape {
  let shape = responseShapes.get(operation);
  if (shape === undefined) {
    const hasMembers = operation.outputSchema !== undefined && Object.keys(operation.outputSchema.members).length > 0;
    shape = { responseElement: `${operation.name}Response`, resultElement: `${operation.name}Result`, hasMembers };
    responseShapes.set(operation, shape);
  }
  return shape;
}

/** The exception for a non-2xx response: the modeled one for its wire code, else the base exception. */
export function readQueryError(service: QueryService, text: string, $metadata: ResponseMetadata, response: HttpResponse): ServiceException {
  let envelope;
  try {
    envelope = readErrorEnvelope(parseXmlDocument(text));
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
  try {
    return withResponse(exceptionFromEnvelope(envelope, $metadata, service.errors, service.ServiceException), response, text);
  } catch (cause) {
    // A modeled error's members that cannot be read (a bad value, a nested structure without a required member).
    const message = `could not read the ${envelope.code} error (HTTP ${response.statusCode}): ${(cause as Error).message}`;
    return withResponse(new service.ServiceException({ name: "DeserializationError", $fault: "server", $metadata, message }), response, text);
  }
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
export function withResponse(error: ServiceException, response: HttpResponse, errorBody?: string): ServiceException {
  const summary = new HttpResponse({ statusCode: response.statusCode, reason: response.reason, headers: response.headers, body: errorBody });
  Object.defineProperty(error, "$response", { value: summary, enumerable: false, configurable: true });
  return error;
}

function requestIdOf(responseMetadata: XmlValue | undefined): string | undefined {
  const requestId = xmlChild(xmlChildren(responseMetadata), "RequestId");
  return requestId === undefined ? undefined : xmlText(requestId);
}

/** `$metadata` from the response's status and headers, the request id's three names in smithy's order; the body may add the request id later. */
export function metadataOf(response: HttpResponse): ResponseMetadata {
  return {
    httpStatusCode: response.statusCode,
    requestId: header(response.headers, "x-amzn-requestid") ?? header(response.headers, "x-amzn-request-id") ?? header(response.headers, "x-amz-request-id"),
    extendedRequestId: header(response.headers, "x-amz-id-2"),
    cfId: header(response.headers, "x-amz-cf-id"),
  };
}
