/**
 * The XML bodies IAM and STS send: `<ActionResponse><ActionResult>…</ActionResult>
 * <ResponseMetadata><RequestId/></ResponseMetadata></ActionResponse>` on success and
 * `<ErrorResponse><Error><Type/><Code/><Message/></Error><RequestId/></ErrorResponse>` on failure,
 * each in the service's namespace. Every value is escaped, since many echo caller input.
 */
import type { ServiceError } from "./errors.js";

/** Element name → text or nested elements, in document order. */
export interface XmlFields {
  [element: string]: string | XmlFields;
}

/** `result` undefined means an action with no output (UpdateAccessKey): metadata only. */
export function successXml(namespace: string, action: string, result: XmlFields | undefined, requestId: string): string {
  const resultXml = result === undefined ? "" : element(`${action}Result`, result);
  const metadata = element("ResponseMetadata", { RequestId: requestId });
  return `<${action}Response xmlns="${escapeXml(namespace)}">${resultXml}${metadata}</${action}Response>`;
}

export function errorXml(namespace: string, error: ServiceError, requestId: string): string {
  const detail = element("Error", { Type: error.type, Code: error.code, Message: error.message });
  return `<ErrorResponse xmlns="${escapeXml(namespace)}">${detail}${element("RequestId", requestId)}</ErrorResponse>`;
}

function element(name: string, content: string | XmlFields): string {
  const inner =
    typeof content === "string"
      ? escapeXml(content)
      : Object.entries(content)
          .map(([child, value]) => element(child, value))
          .join("");
  return `<${name}>${inner}</${name}>`;
}

/**
 * Escapes markup characters, keeps `\r` from being normalised away by parsers, and replaces what
 * XML 1.0 cannot carry at all (control characters, lone surrogates) with U+FFFD.
 */
function escapeXml(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, "\uFFFD")
    .replace(/[&<>"'\r]/g, (char) => ENTITIES[char]!);
}

const ENTITIES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&apos;",
  "\r": "&#13;",
};
