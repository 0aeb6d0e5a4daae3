// Generating a client into a scratch folder outside the project and loading it, for tests that generate from
// models other than ours (the protocol vectors, AWS's full models, users' models).
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, sep } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { generate } from "../../codegen/generate.js";
import { writeGenerated } from "../../codegen/main.js";

/** The runtime that generated test clients import: the project's own sources, as generated/ does. */
export const runtimeEntry = fileURLToPath(new URL("../../src/runtime.js", import.meta.url));

/** A fresh folder in the OS temp dir, marked as ESM so that TypeScript reads generated files as modules. */
export function scratchDir(label: string): { path: string; remove: () => void } {
  const path = mkdtempSync(join(tmpdir(), `keysmith-${label}-`));
  writeFileSync(join(path, "package.json"), '{ "type": "module" }\n');
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/** The import specifier of a runtime module (the project's own by default) as seen from `dir`. */
export function runtimeSpecifier(dir: string, entry = runtimeEntry): string {
  const path = relative(dir, entry).split(sep).join("/");
  return path.startsWith(".") ? path : `./${path}`;
}

/** Generates a client from a JSON AST into `dir` (which it writes, files only); returns the files by path. */
export function generateInto(dir: string, ast: unknown, options: { source: string; operations?: readonly string[] }): Map<string, string> {
  const files = generate(ast, { ...options, runtime: runtimeSpecifier(dir) });
  writeGenerated(dir, files);
  return files;
}

/** Loads a generated client's index.ts: its client, commands, errors and models. */
export async function importGenerated(dir: string): Promise<Record<string, any>> {
  return import(/* @vite-ignore */ pathToFileURL(join(dir, "index.ts")).href);
}
