import type { InitializeMiddleware } from "@smithy/types";
import { InputValidationError, validateInput } from "../schema/validate.js";
import { operationOf } from "./call-context.js";

/** Checks the call's input against its operation's input schema, unless turned off, before anything is serialized or sent. */
export function validationMiddleware(config: { readonly validateInput: boolean }): InitializeMiddleware<any, any> {
  return (next, context) => (args) => {
    const operation = operationOf(context);
    if (config.validateInput && operation.inputSchema !== undefined) {
      const problems = validateInput(operation.inputSchema, args.input);
      if (problems.length > 0) throw new InputValidationError(operation.name, problems);
    }
    return next(args);
  };
}
