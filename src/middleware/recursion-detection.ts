import { HttpRequest } from "@smithy/protocol-http";
import type { BuildMiddleware } from "@smithy/types";
import { readEnv } from "#platform";
import { header } from "../http/headers.js";

const TRACE_ID_HEADER = "X-Amzn-Trace-Id";

/**
 * Inside a Lambda function, passes the invocation's X-Ray trace id on as X-Amzn-Trace-Id, as the official SDK does,
 * so that a call the function makes is traced with it and AWS can tell a function that calls itself in a loop.
 * Lambda sets the trace id in _X_AMZN_TRACE_ID for each invocation, so it is read at each call. Node only: the
 * environment is empty elsewhere. A trace id the request already carries is kept.
 */
export function recursionDetectionMiddleware(): BuildMiddleware<any, any> {
  return (next) => (args) => {
    const request = args.request;
    if (HttpRequest.isInstance(request) && readEnv("AWS_LAMBDA_FUNCTION_NAME")) {
      const traceId = readEnv("_X_AMZN_TRACE_ID");
      if (traceId && header(request.headers, TRACE_ID_HEADER) === undefined) request.headers[TRACE_ID_HEADER] = traceId;
    }
    return next(args);
  };
}
