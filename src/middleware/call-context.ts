import type { HandlerExecutionContext } from "@smithy/types";
import type { QueryOperation } from "../contract.js";

/** smithy's context of one call, plus what a keysmith command puts in it: the operation being called. */
export interface QueryCallContext extends HandlerExecutionContext {
  readonly operation: QueryOperation<object, object>;
}

/** The operation of the call whose context this is. */
export function operationOf(context: HandlerExecutionContext): QueryOperation<object, object> {
  return (context as QueryCallContext).operation;
}
