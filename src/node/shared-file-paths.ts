// Where the shared `config` and `credentials` files are, and whether either may exist: the one check a client's first
// call makes before it loads the profile reader, so that a machine without the files never loads it.
import { existsSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import type { SharedFileOptions } from "./credentials/context.js";

/** Whether the config or credentials file exists (see sharedFilePaths). */
export function sharedFilesMayExist(): boolean {
  const { configPath, credentialsPath } = sharedFilePaths(process.env.HOME || process.env.USERPROFILE || homedir());
  return existsSync(configPath) || existsSync(credentialsPath);
}

/** The files given (v3's `configFilepath`, `filepath`), else AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE, else under ~/.aws. */
export function sharedFilePaths(home: string, files: SharedFileOptions = {}): { configPath: string; credentialsPath: string } {
  return {
    configPath: expandHome(files.configFilepath || process.env.AWS_CONFIG_FILE || join(home, ".aws", "config"), home),
    credentialsPath: expandHome(files.filepath || process.env.AWS_SHARED_CREDENTIALS_FILE || join(home, ".aws", "credentials"), home),
  };
}

function expandHome(path: string, home: string): string {
  return path.startsWith("~/") ? join(home, path.slice(2)) : path;
}
