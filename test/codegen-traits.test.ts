// The trait table (codegen/model/traits.ts) is the one place that says what the generator does with each trait:
// it must know every trait AWS's awsQuery models and ours use, point at modules that exist, and be the only place in
// codegen/ that spells a trait id.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { Model } from "../codegen/model/model.js";
import { isProtocolRelevant, knownTrait, TRAIT } from "../codegen/model/traits.js";
import { planService } from "../codegen/model/walk.js";
import { hasShared, readProjectJson, readSharedJson, sharedDir, sharedSkipReason } from "./support/shared.js";

if (!hasShared) console.warn(sharedSkipReason);

const codegenDir = fileURLToPath(new URL("../codegen/", import.meta.url));
const awsModels = hasShared ? readdirSync(join(sharedDir, "aws-models")).filter((file) => file.endsWith(".json")).sort() : [];

/** Every trait id a JSON AST uses, on shapes and on members. */
function traitsOf(ast: { shapes: Record<string, any> }): Set<string> {
  const ids = new Set<string>();
  const add = (traits: Record<string, unknown> | undefined) => Object.keys(traits ?? {}).forEach((id) => ids.add(id));
  for (const shape of Object.values(ast.shapes)) {
    add(shape.traits);
    for (const member of Object.values<any>(shape.members ?? {})) add(member.traits);
    for (const field of ["member", "key", "value"]) add(shape[field]?.traits);
  }
  return ids;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : entry.name.endsWith(".ts") ? [join(dir, entry.name)] : [],
  );
}

describe.skipIf(!hasShared)("the trait table and AWS's 16 awsQuery models", () => {
  it("has all 16", () => {
    expect(awsModels).toHaveLength(16);
  });

  it.each(awsModels)("knows every trait %s uses", (file) => {
    const unknown = [...traitsOf(readSharedJson(`aws-models/${file}`))].filter((id) => knownTrait(id) === undefined);
    expect(unknown).toEqual([]);
  });

  it.each(awsModels)("lets the walker plan every operation of %s", (file) => {
    expect(planService(new Model(readSharedJson(`aws-models/${file}`))).operations.length).toBeGreaterThan(0);
  });
});

describe("the trait table", () => {
  it.each(["iam", "sts"])("knows every trait model/%s.json uses", (service) => {
    expect([...traitsOf(readProjectJson(`model/${service}.json`))].filter((id) => knownTrait(id) === undefined)).toEqual([]);
  });

  it("gives each trait one entry, with a consumer, a reason to ignore it, or a reason to refuse it", () => {
    const entries = Object.values(TRAIT);
    expect(new Set(entries.map((entry) => entry.id)).size).toBe(entries.length);
    for (const { id, handling } of entries) {
      expect(Object.values(handling)[0], id).toMatch(/\S/);
      expect(isProtocolRelevant(id) || id.startsWith("smithy.test#") || id.startsWith("smithy.waiters#"), id).toBe(true);
    }
  });

  it("names consumers that exist", () => {
    for (const { id, handling } of Object.values(TRAIT)) {
      if (!("handled" in handling)) continue;
      const modules = [...handling.handled.matchAll(/\b(?:model|emit|rules)\/[\w-]+\.ts\b/g)].map(([path]) => path);
      expect(modules.length, `${id}: ${handling.handled}`).toBeGreaterThan(0);
      for (const path of modules) expect(existsSync(join(codegenDir, path)), `${id} names ${path}`).toBe(true);
    }
  });

  it("is the only place in codegen/ that spells a trait id", () => {
    const spelled = sourceFiles(codegenDir)
      .filter((file) => !file.endsWith(join("model", "traits.ts")))
      .flatMap((file) =>
        readFileSync(file, "utf8")
          .split("\n")
          .filter((line) => !/^\s*(\/\/|\/?\*)/.test(line))
          .flatMap((line) => [...line.matchAll(/["'`](?:smithy|aws)\.[\w.]+#[a-z]\w*["'`]/g)].map(([id]) => `${file}: ${id}`)),
      );
    expect(spelled).toEqual([]);
  });
});
