// The runtime, but with aws.partition answering as the partition data of April 2025 did, which the endpoint tests of
// AWS's models in ../shared (of that date) were written against: aws-iso and aws-iso-b had no dual-stack then.
// smithy-lang/smithy#2781 (September 2025) gave them dual-stack; the pinned data, as the official SDK's, has it.
import { partition as pinnedPartition } from "../../src/runtime.js";

export * from "../../src/runtime.js";

/** The partitions that had no dual-stack in April 2025 but have it in the pinned data. */
export const dualStackSinceTheModels: ReadonlySet<string> = new Set(["aws-iso", "aws-iso-b"]);

export function partition(region: string): ReturnType<typeof pinnedPartition> {
  const found = pinnedPartition(region);
  return dualStackSinceTheModels.has(found.name) ? { ...found, supportsDualStack: false } : found;
}
