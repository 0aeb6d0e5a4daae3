import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** ../shared beside the project: reference data that is not ours to commit. Tests that need it skip without it. */
export const sharedDir = fileURLToPath(new URL("../../../shared/", import.meta.url));
export const hasShared = existsSync(sharedDir);
export const sharedSkipReason = `../shared/ not found at ${sharedDir}: skipping tests that compare with the official AWS models and test vectors`;

export function readSharedJson(path: string): any {
  return JSON.parse(readFileSync(`${sharedDir}${path}`, "utf8"));
}

export function readProjectJson(path: string): any {
  return JSON.parse(readFileSync(fileURLToPath(new URL(`../../${path}`, import.meta.url)), "utf8"));
}
