/**
 * The embedded IAM/STS endpoint on 127.0.0.1 that verifies SigV4 and answers CreateUser, CreateAccessKey,
 * UpdateAccessKey, GetAccessKeyInfo and GetCallerIdentity like AWS, with fault injection for tests. For demos and
 * end-to-end tests, never for production. `keysmith/local` (src/entries/local.ts) starts it with keysmith's own
 * generated operations.
 */
export type {
  InvocationRuns,
  LocalAccessKeySummary,
  LocalEndpoint,
  LocalEndpointOptions,
  LocalEndpointStats,
  LocalSessionCredentials,
  LocalUserCredentials,
} from "./server.js";
export type { FaultHandle, FaultKind, FaultRule, LocalFaults } from "./faults.js";
