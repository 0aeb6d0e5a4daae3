// Generating a client into a scratch folder outside the project and loading it, for tests that generate from
// models other than ours (the protocol vectors, AWS's full models, users' models).
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, sep } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { generate } from "../../codegen/generate.js";
import { writeGenerated } from "../../codegen/main.js";
import type { EndpointParameterValues, EndpointSetting, RuleEndpoint } from "../../src/contract.js";
import { readSharedJson } from "./shared.js";

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
/** Generates the client of one of AWS's models in ../shared/aws-models into dir, with only the operations named. */
export function generateFromAwsModel(dir: string, file: string, operations: readonly string[]): Map<string, string> {
  return generateInto(dir, readSharedJson(`aws-models/${file}`), { source: file, operations });
}

export async function importGenerated(dir: string): Promise<Record<string, any>> {
  return import(/* @vite-ignore */ pathToFileURL(join(dir, "index.ts")).href);
}

/** A generated endpoints.ts: the compiled rules and the client setting each built-in parameter is read from. */
export interface EndpointsModule {
  resolveEndpoint: (parameters: EndpointParameterValues) => RuleEndpoint;
  endpointSettings: Readonly<Record<string, EndpointSetting>>;
}

/**
 * Generates a model's endpoints.ts into `dir` as `<label>-endpoints.ts`, its rules' functions imported from `runtime`
 * (the project's runtime by default), and loads it. `operations` only saves time: the rules are the service's.
 */
export async function importEndpoints(
  dir: string,
  ast: unknown,
  options: { label: string; runtime?: string; operations?: readonly string[] },
): Promise<EndpointsModule> {
  const { label, runtime, operations } = options;
  const files = generate(ast, { source: `${label}.json`, runtime: runtimeSpecifier(dir, runtime), operations });
  const path = join(dir, `${label}-endpoints.ts`);
  writeFileSync(path, files.get("endpoints.ts")!);
  return import(/* @vite-ignore */ pathToFileURL(path).href);
}
