#!/usr/bin/env node
import { ModelError } from "./model/model.js";
import { runCodegen, USAGE, UsageError } from "./main.js";

// Exit codes: 0 written, 2 bad arguments, 1 a model that cannot be read or generated from (or a bug, with its stack).
const args = process.argv.slice(2);
if (args.includes("--help") || args.includes("-h")) {
  console.log(USAGE);
} else {
  try {
    const written = runCodegen(args);
    console.log(`keysmith-codegen: wrote ${written.length} files`);
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`keysmith-codegen: ${error.message}`);
      process.exitCode = 2;
    } else {
      console.error(`keysmith-codegen: ${error instanceof ModelError ? error.message : (error as Error).stack}`);
      process.exitCode = 1;
    }
  }
}
