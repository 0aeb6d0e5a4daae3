import type { HttpResponse } from "@smithy/protocol-http";
import type { DeserializeMiddleware, ResponseMetadata } from "@smithy/types";
import type { QueryService } from "../contract.js";
import { readBodyText, UnreadableBodyError } from "../http/body.js";
import { metadataOf, readQueryError, readQueryResult, withResponse } from "../protocol/deserialize.js";
import { operationOf } from "./call-context.js";

/** Reads the response into the call's output with `$metadata`, or throws the typed error it carries. */
export function deserializerMiddleware(config: { readonly service: QueryService }): DeserializeMiddleware<any, any> {
  return (next, context) => async (args) => {
    const { service } = config;
    const { response } = (await next(args)) as { response: HttpResponse };
    const $metadata = metadataOf(response);
    const text = await readBodyText(response.body).catch((error: unknown) => {
      if (!(error instanceof UnreadableBodyError)) throw error; // a transport failure: the retry policy judges it
      throw withResponse(new service.ServiceException({ name: error.errorName, $fault: "server", $metadata, message: error.message }), response);
    });
    if (response.statusCode >= 200 && response.statusCode < 300) {
      // The deserializer's output is a fresh object: $metadata is added to it rather than copied with it.
      const output = readQueryResult(operationOf(context), service, text, $metadata, response) as { $metadata?: ResponseMetadata };
      output.$metadata = $metadata;
      return { response, output };
    }
    throw readQueryError(service, text, $metadata, response);
  };
}
