import type { HttpRequest } from "@smithy/protocol-http";
import type { RelativeMiddlewareOptions, SerializeMiddleware } from "@smithy/types";
import type { OperationMiddleware } from "../contract.js";
import { isValidHostLabel } from "../endpoint/functions.js";
import { describeValue, InputValidationError } from "../schema/validate.js";
import { operationOf } from "./call-context.js";

/** The client setting a host prefix reads: v3's option, as given. */
export interface HostPrefixConfig {
  readonly disableHostPrefix?: boolean;
}

const LABEL = /\{([^{}]+)\}/g;
const HOST_LABEL_RULE = 'must be a host name\'s label, or labels joined by ".": 1 to 63 letters, digits or "-" each, neither first nor last a "-"';
/** An IPv4 address, or an IPv6 one in brackets: a host no prefix can go in front of. */
const IP_ADDRESS = /^(?:\d+\.\d+\.\d+\.\d+|\[.*\])$/;

/**
 * Right after the serializer, where v3's serializer prefixes the host: before the Host header is set and the request
 * signed. v3 has no middleware of its own for it; keysmith's is on the stacks of the operations with `@endpoint` only.
 */
const HOST_PREFIX_PLACE: RelativeMiddlewareOptions = { relation: "after", toMiddleware: "serializerMiddleware", name: "hostPrefixMiddleware", override: true };

/**
 * What the generated description of an operation with `@endpoint` carries, made from the model's host prefix with its
 * labels named as the input's members: the middleware that sends each call to the prefix, its labels filled from the
 * input, in front of the endpoint's host, unless the client's `disableHostPrefix` is set.
 */
export function hostPrefix(template: string): OperationMiddleware {
  return { applyToStack: (stack, config) => stack.addRelativeTo(hostPrefixMiddleware(config, template), HOST_PREFIX_PLACE) };
}

function hostPrefixMiddleware(config: HostPrefixConfig, template: string): SerializeMiddleware<any, any> {
  return (next, context) => (args) => {
    if (config.disableHostPrefix !== true) {
      const request = args.request as HttpRequest;
      request.hostname = prefixed(template, request.hostname, args.input, operationOf(context).name);
    }
    return next(args);
  };
}

/**
 * The prefix, each label filled with its member's value, then the host. A value that is not a host label (Smithy asks
 * clients to fail on an empty one) is an InputValidationError naming the member; an IP address takes no prefix.
 */
function prefixed(template: string, host: string, input: Record<string, unknown>, operation: string): string {
  // v3 would send to "foo.127.0.0.1", a name no resolver knows; the client's option is the way out.
  if (IP_ADDRESS.test(host)) {
    throw new TypeError(`${operation} goes to a host prefixed with ${JSON.stringify(template)} (its model's @endpoint), which the IP address ${host} cannot take: set the client's disableHostPrefix to send it to ${host} as it is`);
  }
  const prefix = template.replace(LABEL, (_, member: string) => {
    const value = input[member];
    if (typeof value !== "string" || !isValidHostLabel(value, true)) {
      throw new InputValidationError(operation, [{ path: member, rule: HOST_LABEL_RULE, got: describeValue(value, false) }]);
    }
    return value;
  });
  return prefix + host;
}
