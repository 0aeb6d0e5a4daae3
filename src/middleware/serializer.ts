import { HttpRequest } from "@smithy/protocol-http";
import type { EndpointV2, SerializeMiddleware } from "@smithy/types";
import type { QueryOperation, QueryService } from "../contract.js";
import { QueryForm } from "../protocol/form.js";

const FORM_CONTENT_TYPE = "application/x-www-form-urlencoded";

/** Writes the input as an awsQuery form body, POSTed to the endpoint the endpoint middleware resolved. */
export function serializerMiddleware<Input extends object, Output extends object>(operation: QueryOperation<Input, Output>, service: QueryService): SerializeMiddleware<Input, any> {
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
