import { HttpRequest } from "@smithy/protocol-http";
import type { BuildMiddleware, RequestHandler } from "@smithy/types";

/**
 * Names the request's host, as the official SDK's middleware does: the Host header, or `:authority` for a request
 * handler that speaks HTTP/2; either only when the request does not name it already.
 */
export function hostHeaderMiddleware(config: { readonly requestHandler: RequestHandler<any, any, any> }): BuildMiddleware<any, any> {
  return (next) => (args) => {
    const request = args.request;
    if (!HttpRequest.isInstance(request)) return next(args);
    const handlerProtocol = config.requestHandler.metadata?.handlerProtocol ?? "";
    if (handlerProtocol.includes("h2") && !request.headers[":authority"]) {
      delete request.headers.host;
      request.headers[":authority"] = request.hostname + (request.port ? `:${request.port}` : "");
    } else if (!request.headers.host) {
      request.headers.host = request.hostname + (request.port != null ? `:${request.port}` : "");
    }
    return next(args);
  };
}
