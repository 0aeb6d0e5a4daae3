// `npm run update-partitions`: rewrites src/endpoint/partitions.ts from the partition data of the installed @aws-sdk/core,
// which the official SDK's `aws.partition` reads but the package does not export.
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

interface SourcePartition {
  id: string;
  outputs: Record<string, unknown>;
  regionRegex: string;
  regions: Record<string, Record<string, unknown>>;
}

const packageJsonPath = createRequire(import.meta.url).resolve("@aws-sdk/core/package.json");
const { version } = JSON.parse(readFileSync(packageJsonPath, "utf8")) as { version: string };
const dataPath = join(dirname(packageJsonPath), "dist-es/submodules/client/util-endpoints/lib/aws/partitions.js");
const source = readFileSync(dataPath, "utf8");

// The module is one JSON object literal assigned to an export; anything else means the package changed its layout.
const literal = /^export const partitionsInfo = (\{[\s\S]*\});\s*$/.exec(source)?.[1];
if (!literal) throw new Error(`${dataPath} is no longer \`export const partitionsInfo = {...};\`: update this script`);
const { partitions } = JSON.parse(literal) as { partitions: SourcePartition[] };
if (!partitions.some((entry) => entry.id === "aws")) throw new Error(`${dataPath} has no "aws" partition, which partition() falls back to`);

const key = (name: string): string => (/^[A-Za-z_$][\w$]*$/.test(name) ? name : JSON.stringify(name));
const flatObject = (fields: Record<string, unknown>): string => {
  const entries = Object.entries(fields).map(([name, value]) => `${key(name)}: ${JSON.stringify(value)}`);
  return entries.length === 0 ? "{}" : `{ ${entries.join(", ")} }`;
};

const lines = [
  `// Written by scripts/update-partitions.ts from @aws-sdk/core@${version}'s partition data.`,
  `// Do not edit: run \`npm run update-partitions\` after updating @aws-sdk/core.`,
  `import type { Partition } from "./functions.js";`,
  ``,
  `/** Per partition: its outputs, the regex for regions it does not list, and the regions it lists with their overrides. */`,
  `export interface PartitionData {`,
  `  partitions: ReadonlyArray<{`,
  `    id: string;`,
  `    outputs: Partition;`,
  `    regionRegex: RegExp;`,
  `    regions: Readonly<Record<string, Partial<Partition>>>;`,
  `  }>;`,
  `}`,
  ``,
  `export const partitionData: PartitionData = {`,
  `  partitions: [`,
];
for (const entry of partitions) {
  lines.push(`    {`, `      id: ${JSON.stringify(entry.id)},`, `      outputs: {`);
  for (const [name, value] of Object.entries(entry.outputs)) lines.push(`        ${key(name)}: ${JSON.stringify(value)},`);
  // A regex literal compiles once, when the module loads; String(RegExp) escapes the source so it reads back the same.
  lines.push(`      },`, `      regionRegex: ${String(new RegExp(entry.regionRegex))},`, `      regions: {`);
  // A region's description is for people: the rules language's partition result has no such field, and no rule set
  // reads it, so it would only weigh on every bundle.
  for (const [region, { description: _, ...overrides }] of Object.entries(entry.regions)) lines.push(`        ${key(region)}: ${flatObject(overrides)},`);
  lines.push(`      },`, `    },`);
}
lines.push(`  ],`, `};`, ``);

const outPath = new URL("../src/endpoint/partitions.ts", import.meta.url);
writeFileSync(outPath, lines.join("\n"));
console.log(`src/endpoint/partitions.ts: ${partitions.length} partitions from @aws-sdk/core@${version}`);
