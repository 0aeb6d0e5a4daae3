// What generated clients import. Users who generate their own clients get it as "keysmith/runtime".
export { QueryClient } from "./client/query-client.js";
export { QueryCommand } from "./client/query-command.js";
export { sendCall, type SendCallback } from "./client/send-call.js";
export type { QueryClientConfig, QueryClientResolvedConfig } from "./config/client-config.js";
export { ServiceException, type ExceptionOptions, type ModeledError, type ServiceExceptionOptions } from "./protocol/errors.js";
export { QueryForm, formatBlob, formatFloat, formatTimestamp, idempotencyToken } from "./protocol/form.js";
export type { QueryOperation, QueryService } from "./contract.js";
export { putEntry, xmlChild, xmlChildren, xmlItems, xmlText, type XmlElement, type XmlValue } from "./protocol/xml.js";
export type { HttpHandlerOptions, MetadataBearer, PaginationConfiguration, Paginator } from "@smithy/types";
export { createPaginator } from "@smithy/core";
export { NumericValue, parseBigDecimal, parseBigInteger, parseBlob, parseBoolean, parseFloatValue, parseInteger, parseTimestamp, requireMembers } from "./protocol/values.js";
export type { QueryClientResolved } from "./client/query-client.js";
export type { RuleEndpoint } from "./contract.js";
export { getAttr, isValidHostLabel, isVirtualHostableS3Bucket, parseArn, parseURL, partition, split, substring, uriEncode } from "./endpoint/functions.js";
export type { StructureSchema } from "./contract.js";
export { InputValidationError, type InputProblem } from "./schema/validate.js";
export { requestCompression } from "./middleware/compression.js";
export { hostPrefix } from "./middleware/host-prefix.js";
