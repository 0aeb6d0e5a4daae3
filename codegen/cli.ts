#!/usr/bin/env node
import { runCodegen, UsageError } from "./main.js";

try {
  const written = runCodegen(process.argv.slice(2));
  console.log(`keysmith-codegen: wrote ${written.length} files`);
} catch (error) {
  console.error(`keysmith-codegen: ${(error as Error).message}`);
  process.exit(error instanceof UsageError ? 2 : 1);
}
