import { HttpRequest } from "@smithy/protocol-http";
import type { AbsoluteLocation, BuildHandlerOptions, BuildMiddleware, MiddlewareStack } from "@smithy/types";
import { gzip } from "#platform";
import { compressionSettings } from "../config/compression-config.js";
import type { OperationMiddleware } from "../contract.js";
import { headerKey } from "../http/headers.js";
import { byteLength } from "./content-length.js";

/** The encodings keysmith can apply, of those `@requestCompression` may list. */
const SUPPORTED_ENCODINGS: readonly string[] = ["gzip"];

/** The client settings compression reads: the options as given, and the profile to read when they leave a setting out. */
export type CompressionConfig = Parameters<typeof compressionSettings>[0];

/** Where the official SDK puts its compressionMiddleware: first in the build step, so Content-Length and the signature cover the compressed body. */
const COMPRESSION_PLACE: BuildHandlerOptions & AbsoluteLocation = {
  step: "build",
  priority: "high",
  name: "compressionMiddleware",
  tags: ["REQUEST_BODY_COMPRESSION", "GZIP"],
  override: true,
};

/**
 * What the generated description of an operation with `@requestCompression` carries, made from the model's encodings
 * (in its order of preference): the placing of the middleware that applies them on the stack of each of its commands.
 */
export function requestCompression(encodings: readonly string[]): OperationMiddleware {
  return { applyToStack: (stack: MiddlewareStack<any, any>, config: CompressionConfig) => stack.add(compressionMiddleware(config, encodings), COMPRESSION_PLACE) };
}

/**
 * Compresses the body with the first of `encodings` keysmith supports, as the official SDK does: unless disabled, when
 * the body has at least `requestMinCompressionSizeBytes` bytes (and any at all); the encoding is appended to a
 * Content-Encoding the request already has. The bodies awsQuery sends are strings; a stream that a caller's
 * middleware put in their place is sent as it is.
 */
function compressionMiddleware(config: CompressionConfig, encodings: readonly string[]): BuildMiddleware<any, any> {
  const encoding = encodings.find((name) => SUPPORTED_ENCODINGS.includes(name));
  const settings = compressionSettings(config);
  return (next) => async (args) => {
    const request = args.request;
    if (encoding === undefined || !HttpRequest.isInstance(request) || (await settings.disableRequestCompression())) return next(args);
    const length = byteLength(request.body);
    if (!length || length < (await settings.requestMinCompressionSizeBytes())) return next(args);
    const compressed = HttpRequest.clone(request);
    compressed.body = await gzip(request.body);
    const name = headerKey(request.headers, "content-encoding") ?? "content-encoding";
    compressed.headers[name] = request.headers[name] ? `${request.headers[name]}, ${encoding}` : encoding;
    return next({ ...args, request: compressed });
  };
}
