// keysmith/local: the embedded IAM/STS endpoint, for demos and tests, serving keysmith's own generated operations.
import { startEndpoint, type LocalEndpoint, type LocalEndpointOptions } from "../local/server.js";
import { ownServices } from "./wiring/own-services.js";

export * from "../local/index.js";

/**
 * Starts an embedded IAM/STS endpoint on 127.0.0.1 that verifies SigV4 and answers CreateUser, CreateAccessKey,
 * UpdateAccessKey, GetAccessKeyInfo and GetCallerIdentity like AWS, validating each request with the generated
 * input schemas the clients check.
 */
export function startLocalEndpoint(options: LocalEndpointOptions = {}): Promise<LocalEndpoint> {
  return startEndpoint(ownServices, options);
}
