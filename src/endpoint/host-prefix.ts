import type { HostPrefix } from "../contract.js";
import { describe, InputValidationError } from "../schema/validate.js";
import { isValidHostLabel } from "./functions.js";

const LABEL = /\{([^{}]+)\}/g;
const HOST_LABEL_RULE = 'must be a host name\'s label, or labels joined by ".": 1 to 63 letters, digits or "-" each, neither first nor last a "-"';
/** An IPv4 address, or an IPv6 one in brackets: a host no prefix can go in front of. */
const IP_ADDRESS = /^(?:\d+\.\d+\.\d+\.\d+|\[.*\])$/;

/**
 * What the generated description of an operation with `@endpoint` carries, made from the model's host prefix with its
 * labels named as the input's members: the host each call goes to. A label's value must be a host label (Smithy asks
 * clients to fail on an empty one): else an InputValidationError naming the member, and nothing is sent.
 */
export function hostPrefix(template: string): HostPrefix {
  return (host, input, operation) => {
    // v3 would send to "foo.127.0.0.1", a name no resolver knows; the client's option is the way out.
    if (IP_ADDRESS.test(host)) {
      throw new TypeError(`${operation} goes to a host prefixed with ${JSON.stringify(template)} (its model's @endpoint), which the IP address ${host} cannot take: set the client's disableHostPrefix to send it to ${host} as it is`);
    }
    return (
      template.replace(LABEL, (_, member: string) => {
        const value = (input as Record<string, unknown>)[member];
        if (typeof value !== "string" || !isValidHostLabel(value, true)) {
          throw new InputValidationError(operation, [{ path: member, rule: HOST_LABEL_RULE, got: describe(value, false) }]);
        }
        return value;
      }) + host
    );
  };
}
