// What generated clients import. Users who generate their own clients get it as "keysmith/runtime".
export { QueryClient } from "./client.js";
export { QueryCommand } from "./command.js";
export type { QueryClientConfig, QueryClientResolvedConfig } from "./config.js";
export { ServiceException, type ExceptionOptions, type ModeledError, type ServiceExceptionOptions } from "./errors.js";
export { QueryForm, formatBlob, formatFloat, formatTimestamp, idempotencyToken } from "./form.js";
export type { QueryOperation, QueryService } from "./service.js";
export { putEntry, xmlChild, xmlChildren, xmlItems, xmlText, type XmlElement, type XmlValue } from "./xml.js";
export type { MetadataBearer } from "@smithy/types";
export { NumericValue, parseBigDecimal, parseBigInteger, parseBlob, parseBoolean, parseFloatValue, parseInteger, parseTimestamp } from "./parse.js";
export type { QueryClientResolved } from "./client.js";
export type { RuleEndpoint } from "./endpoints.js";
export { getAttr, isValidHostLabel, isVirtualHostableS3Bucket, parseArn, parseURL, partition, split, substring, uriEncode } from "./endpoint-functions.js";
export type { StructureSchema } from "./schema.js";
export { InputValidationError, type InputProblem } from "./validate.js";
