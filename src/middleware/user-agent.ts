import type { BuildMiddleware } from "@smithy/types";

/**
 * Where the official SDK sets its user-agent headers. keysmith sends none yet; the entry holds the official name
 * and place, so that middleware placed relative to it (addRelativeTo getUserAgentMiddleware) runs where it runs
 * with the official SDK. Returning `next` itself adds nothing to a call.
 */
export function userAgentMiddleware(): BuildMiddleware<any, any> {
  return (next) => next;
}
