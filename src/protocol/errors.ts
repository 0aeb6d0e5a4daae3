import { ServiceException, type ServiceExceptionOptions } from "@smithy/smithy-client";
import type { ResponseMetadata } from "@smithy/types";
import { xmlChild, xmlChildren, xmlText, type XmlElement, type XmlValue } from "./xml.js";

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
  error: XmlElement;
}

/** Reads an error document's root; undefined when it is not one. */
export function readErrorEnvelope(rootName: string, root: XmlValue): QueryErrorEnvelope | undefined {
  if (rootName !== "ErrorResponse" && rootName !== "Response") return undefined;
  const response = xmlChildren(root);
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
  };
}

function firstOf(value: XmlValue | undefined): XmlValue | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/**
 * Builds the exception for an error document: the modeled class when the wire code is one of the operation's or the
 * service's `awsQueryError` codes, else the service's base exception named after the code.
 */
export function exceptionFromEnvelope(
  envelope: QueryErrorEnvelope,
  $metadata: ResponseMetadata,
  errorTables: readonly (Readonly<Record<string, ModeledError>> | undefined)[],
  BaseException: ServiceExceptionClass,
): ServiceException {
  const common = { message: envelope.message ?? envelope.code };
  const table = errorTables.find((errors) => errors !== undefined && Object.hasOwn(errors, envelope.code));
  const modeled = table?.[envelope.code];
  if (modeled) {
    return Object.assign(new modeled.exception({ ...modeled.deserialize?.(envelope.error), $metadata, message: common.message }), {
      Type: envelope.type,
      Code: envelope.code,
    });
  }
  const status = $metadata.httpStatusCode ?? 500;
  return Object.assign(new BaseException({ name: envelope.code, $fault: status >= 500 ? "server" : "client", $metadata, message: common.message }), {
    Type: envelope.type,
    Code: envelope.code,
  });
}
