import { ServiceException, type ServiceExceptionOptions } from "@smithy/smithy-client";
import type { ResponseMetadata } from "@smithy/types";
import { xmlChild, xmlChildren, xmlText, type XmlDocument, type XmlElement, type XmlValue } from "./xml.js";

export { ServiceException, type ServiceExceptionOptions };

/** What a modeled exception's constructor takes: its own members plus `$metadata` and `message`. */
export type ExceptionOptions<E extends ServiceException> = Omit<E, Exclude<keyof ServiceException, "$metadata" | "message">>;

/** A service's base exception class: every error a client throws for a response is an instance of it. */
export type ServiceExceptionClass = new (options: ServiceExceptionOptions) => ServiceException;

/** A modeled exception: its class, and how to read its extra members from the `<Error>` element. */
export interface ModeledError {
  readonly exception: new (options: any) => ServiceException;
  /** Present when the error has members besides its message. */
  readonly deserialize?: (error: XmlElement) => object;
}

/** The parts of an awsQuery error document: `ErrorResponse/Error` or `ErrorResponse/Errors/Error`. */
export interface QueryErrorEnvelope {
  code: string;
  message: string | undefined;
  type: string | undefined;
  requestId: string | undefined;
  /** The `<Error>` element's children. */
  error: XmlElement;
  /** The root's children and attributes: the `<Error>` or `<Errors>`, `<RequestId>`. */
  document: XmlElement;
  /** The root's default namespace (`xmlns`), which v3's exceptions carry. */
  namespace: string | undefined;
}

/** Reads an error document's root; undefined when it is not one. */
export function readErrorEnvelope(root: XmlDocument): QueryErrorEnvelope | undefined {
  if (root.name !== "ErrorResponse" && root.name !== "Response") return undefined;
  const response = xmlChildren(root.value);
  let errorValue = xmlChild(response, "Error");
  if (errorValue === undefined) {
    const errors = xmlChild(response, "Errors");
    if (errors !== undefined) errorValue = firstOf(xmlChild(xmlChildren(errors), "Error"));
  }
  if (errorValue === undefined) return undefined;
  const error = xmlChildren(firstOf(errorValue));
  const text = (element: XmlElement, name: string) => {
    const value = xmlChild(element, name);
    return value === undefined ? undefined : xmlText(value);
  };
  const code = text(error, "Code");
  if (code === undefined || code === "") return undefined;
  return {
    code,
    message: text(error, "Message"),
    type: text(error, "Type"),
    requestId: text(response, "RequestId") ?? text(response, "RequestID"),
    error,
    document: response,
    namespace: root.namespace,
  };
}

function firstOf(value: XmlValue | undefined): XmlValue | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/**
 * Builds the exception for an error document: the modeled class when the wire code is one of the service's
 * `awsQueryError` codes (whichever operation lists it, as in v3), else the service's base exception named after the code.
 */
export function exceptionFromEnvelope(
  envelope: QueryErrorEnvelope,
  $metadata: ResponseMetadata,
  errors: Readonly<Record<string, ModeledError>>,
  BaseException: ServiceExceptionClass,
): ServiceException {
  const message = envelope.message ?? envelope.code;
  // A code may name its shape with the namespace (`com.amazonaws.iam#NoSuchEntity`): v3 reads the name after `#`.
  const code = envelope.code.includes("#") ? envelope.code.split("#")[1]! : envelope.code;
  const modeled = Object.hasOwn(errors, code) ? errors[code] : undefined;
  if (modeled) {
    const exception = new modeled.exception({ ...modeled.deserialize?.(envelope.error), $metadata, message });
    const { Error: _error, ...rest } = documentFields(envelope.document);
    return withDocumentFields(exception, { message, Type: envelope.type, Code: envelope.code, Error: errorField(envelope, message), ...rest, xmlns: envelope.namespace });
  }
  const status = $metadata.httpStatusCode ?? 500;
  const exception = new BaseException({ name: code, $fault: status >= 500 ? "server" : "client", $metadata, message });
  const { Message: _message, message: _lowerCase, ...members } = documentFields(envelope.error);
  return withDocumentFields(exception, { ...members, message, Error: errorField(envelope, message) });
}

/** v3's summary of the error element, which it puts on every exception as `Error`. */
function errorField(envelope: QueryErrorEnvelope, message: string): { Type?: string; Code: string; Message: string } {
  return { Type: envelope.type, Code: envelope.code, Message: message };
}

/**
 * Puts the error document's fields on the exception in v3's order, so that `JSON.stringify(error)` gives what v3's
 * gives: for a modeled error `message`, `Type`, `Code`, `Error` and the rest of the document (`RequestId`, `xmlns`);
 * for an unmodeled one the `<Error>` element's children, then `message` and `Error`. As in v3, a field the exception
 * already has (its name, its modeled members, `stack`, a method) is kept; `message` becomes an own, enumerable
 * property, as v3's exceptions have it.
 */
function withDocumentFields(exception: ServiceException, fields: Record<string, unknown>): ServiceException {
  delete (exception as { message?: string }).message;
  const target = exception as unknown as Record<string, unknown>;
  for (const [name, value] of Object.entries(fields)) {
    if (value === undefined || (target[name] !== undefined && target[name] !== null && target[name] !== "")) continue;
    target[name] = value;
  }
  return exception;
}

/** An element's children and attributes as v3's XML reader gives them: text as strings, attributes without "@". */
function documentFields(element: XmlElement): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(element)) fields[name.startsWith("@") ? name.slice(1) : name] = plainValue(value);
  return fields;
}

function plainValue(value: XmlValue): unknown {
  if (typeof value === "string") return value;
  if (Array.isArray(value)) return value.map(plainValue);
  return documentFields(value);
}
