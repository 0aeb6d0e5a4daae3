/**
 * What the endpoint serves of IAM and STS. The modeled operations come from the generated clients, which
 * `src/entries/local.ts` passes in, so the model stays the single source of truth: each request is validated with
 * the same input schema the client checks before sending.
 */
import type { QueryOperation } from "../contract.js";

/** The SigV4 signing name, which is also how a request picks the service. */
export type ServiceName = "iam" | "sts";

export interface LocalService {
  /** The API version every request must name. */
  readonly version: string;
  /** The namespace of every response envelope. */
  readonly xmlNamespace: string;
  /** Each modeled operation by action name, with the input schema requests are validated with. */
  readonly operations: Readonly<Record<string, Pick<QueryOperation<object, object>, "inputSchema">>>;
}

export type LocalServices = Readonly<Record<ServiceName, LocalService>>;
