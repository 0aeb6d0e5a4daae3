// generated/ is committed; it must be exactly what the generator makes from model/ today.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { generate } from "../codegen/generate.js";
import { readProjectJson } from "./support/shared.js";

function filesOnDisk(dir: string, prefix = ""): string[] {
  return readdirSync(join(dir, prefix), { withFileTypes: true }).flatMap((entry) => {
    const path = prefix ? `${prefix}/${entry.name}` : entry.name;
    return entry.isDirectory() ? filesOnDisk(dir, path) : [path];
  });
}

describe.each(["sts", "iam"])("generated/%s", (service) => {
  const options = { runtime: "../../src/runtime.js", source: `${service}.json` };
  const fresh = generate(readProjectJson(`model/${service}.json`), options);
  const dir = join("generated", service);

  it("holds exactly the files the generator makes (run `npm run generate` if this fails)", () => {
    expect(filesOnDisk(dir).sort()).toEqual([...fresh.keys()].sort());
  });

  it.each([...fresh.keys()])("%s equals the generator's output (run `npm run generate` if this fails)", (path) => {
    expect(readFileSync(join(dir, path), "utf8")).toBe(fresh.get(path));
  });

  it("reads as careful hand-written code: regex literals, no empty multi-line objects, no unreachable rules failure", () => {
    for (const [path, contents] of fresh) {
      expect(contents, path).not.toContain("new RegExp(");
      expect(contents, path).not.toMatch(/\{\n\s*\}/);
      expect(contents, path).not.toContain("Rules evaluation failed");
    }
  });

  it("is byte-identical when generated twice", () => {
    expect(generate(readProjectJson(`model/${service}.json`), options)).toEqual(fresh);
  });
});
