// Where the shared `config` and `credentials` files are, and whether either may exist: the one check a client's first
// call makes before it loads the profile reader, so that a machine without the files never loads it.
import { existsSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";

/** Whether the config or credentials file (AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE, else under ~/.aws) exists. */
export function sharedFilesMayExist(): boolean {
  const home = process.env.HOME || process.env.USERPROFILE || homedir();
  const paths = [process.env.AWS_CONFIG_FILE || join(home, ".aws", "config"), process.env.AWS_SHARED_CREDENTIALS_FILE || join(home, ".aws", "credentials")];
  return paths.some((path) => existsSync(expandHome(path, home)));
}

export function expandHome(path: string, home: string): string {
  return path.startsWith("~/") ? join(home, path.slice(2)) : path;
}
