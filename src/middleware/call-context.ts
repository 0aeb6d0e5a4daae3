import type { HandlerExecutionContext } from "@smithy/types";
import type { QueryOperation } from "../contract.js";
import { redact } from "../schema/redact.js";

/**
 * smithy's context of one call, plus what a keysmith command puts in it: the operation being called, and v3's
 * functions that copy an input or output with its `@sensitive` values replaced, which logging middleware calls.
 */
export interface QueryCallContext extends HandlerExecutionContext {
  readonly operation: QueryOperation<object, object>;
  readonly inputFilterSensitiveLog: (input: any) => any;
  readonly outputFilterSensitiveLog: (output: any) => any;
}

export type SensitiveLogFilters = Pick<QueryCallContext, "inputFilterSensitiveLog" | "outputFilterSensitiveLog">;

const filtersByOperation = new WeakMap<QueryOperation<object, object>, SensitiveLogFilters>();

/** The operation's two filters, made once per operation. */
export function sensitiveLogFilters(operation: QueryOperation<object, object>): SensitiveLogFilters {
  let filters = filtersByOperation.get(operation);
  if (filters === undefined) {
    const { inputSchema, outputSchema } = operation;
    filters = {
      inputFilterSensitiveLog: inputSchema ? (input) => redact(inputSchema, input) : (input) => input,
      outputFilterSensitiveLog: outputSchema ? (output) => redact(outputSchema, output) : (output) => output,
    };
    filtersByOperation.set(operation, filters);
  }
  return filters;
}

/** The operation of the call whose context this is. */
export function operationOf(context: HandlerExecutionContext): QueryOperation<object, object> {
  return (context as QueryCallContext).operation;
}
