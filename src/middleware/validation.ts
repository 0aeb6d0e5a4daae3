import type { InitializeMiddleware } from "@smithy/types";
import type { QueryOperation } from "../contract.js";
import { InputValidationError, validateInput } from "../schema/validate.js";

/** Checks the input against the operation's input schema before anything is serialized or sent. */
export function validationMiddleware<Input extends object, Output extends object>(operation: QueryOperation<Input, Output>): InitializeMiddleware<Input, any> {
  return (next) => (args) => {
    const problems = validateInput(operation.inputSchema!, args.input);
    if (problems.length > 0) throw new InputValidationError(operation.name, problems);
    return next(args);
  };
}
