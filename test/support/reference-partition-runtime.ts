// The runtime, but with the reference aws.partition of @aws-sdk/util-endpoints: its data can be replaced
// (setPartitionInfo), so tests reach the rule branches of partitions without FIPS or dual-stack.
export * from "../../src/runtime.js";
export { partition } from "@aws-sdk/util-endpoints";
