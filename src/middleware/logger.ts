import type { InitializeMiddleware, Logger, MetadataBearer } from "@smithy/types";
import { callLogger, silentLogger } from "../config/guarded-logger.js";
import type { QueryCallContext } from "./call-context.js";

/**
 * One log line per call, as the official SDK writes it: info with the output on success, error with the error
 * otherwise; `@sensitive` values in inputs and outputs are replaced before the logger sees them.
 */
export function loggerMiddleware(config: { readonly logger: Logger }): InitializeMiddleware<any, any> {
  return (next, context) => async (args) => {
    const logger = callLogger(config.logger);
    // Nothing to write: no redacted copies to make.
    if (logger === silentLogger) return next(args);
    const { inputFilterSensitiveLog, outputFilterSensitiveLog } = context as QueryCallContext;
    const base = { clientName: context.clientName, commandName: context.commandName };
    const input = inputFilterSensitiveLog(args.input);
    try {
      const result = await next(args);
      const { $metadata, ...output } = (result.output ?? {}) as MetadataBearer;
      logger.info({ ...base, input, output: outputFilterSensitiveLog(output), metadata: $metadata });
      return result;
    } catch (error) {
      logger.error({ ...base, input, error, metadata: (error as MetadataBearer).$metadata });
      throw error;
    }
  };
}

