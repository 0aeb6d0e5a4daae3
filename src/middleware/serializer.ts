import { HttpRequest } from "@smithy/protocol-http";
import type { EndpointV2, SerializeMiddleware } from "@smithy/types";
import type { QueryService } from "../contract.js";
import { QueryForm } from "../protocol/form.js";
import { operationOf } from "./call-context.js";

const FORM_CONTENT_TYPE = "application/x-www-form-urlencoded";

/**
 * Writes the call's input as an awsQuery form body, POSTed to the endpoint the endpoint middleware resolved, with
 * the headers the endpoint rule names. Host and Content-Length come later, in the build step, as in the official SDK.
 */
export function serializerMiddleware(config: { readonly service: QueryService }): SerializeMiddleware<any, any> {
  return (next, context) => (args) => {
    const endpointV2 = context.endpointV2 as EndpointV2 | undefined;
    if (endpointV2 === undefined) throw new Error("no endpoint was resolved for this request");
    const endpoint = endpointV2.url;
    const operation = operationOf(context);
    const form = new QueryForm(operation.name, config.service.version);
    operation.serialize(args.input, form);
    const request = new HttpRequest({
      method: "POST",
      protocol: endpoint.protocol,
      hostname: endpoint.hostname,
      port: endpoint.port === "" ? undefined : Number(endpoint.port),
      path: endpoint.pathname.endsWith("/") ? endpoint.pathname : `${endpoint.pathname}/`,
      headers: { "content-type": FORM_CONTENT_TYPE },
      body: form.toString(),
    });
    // Headers the endpoint rule names, joined as the official SDK joins them.
    for (const [name, values] of Object.entries(endpointV2.headers ?? {})) request.headers[name] = values.join(", ");
    return next({ ...args, request });
  };
}
