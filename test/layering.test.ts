// The layout's rules, checked on the sources: generated code and the generator stay out of the runtime, the runtime
// stays out of the generator, and src/ keeps its files in folders.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const root = resolve(import.meta.dirname, "..");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith(".ts") ? [path] : [];
  });
}

/** Each relative import of a file (static, dynamic, re-export), resolved to a path under the root, with whether it is type-only. */
function importsOf(file: string): Array<{ target: string; typeOnly: boolean }> {
  const source = readFileSync(file, "utf8");
  const found: Array<{ target: string; typeOnly: boolean }> = [];
  for (const match of source.matchAll(/^\s*(import|export)\s+(type\s+)?[^;]*?\sfrom\s+"(\.[^"]+)"/gm)) {
    found.push({ target: relative(root, resolve(dirname(file), match[3]!)), typeOnly: match[2] !== undefined });
  }
  for (const match of source.matchAll(/import\(\s*"(\.[^"]+)"\s*\)/g)) found.push({ target: relative(root, resolve(dirname(file), match[1]!)), typeOnly: false });
  return found;
}

describe("the layout", () => {
  it("nothing in src/ but src/entries/ imports generated/ or codegen/", () => {
    const offenders = sourceFiles(join(root, "src"))
      .filter((file) => !relative(root, file).startsWith("src/entries/"))
      .flatMap((file) => importsOf(file).filter(({ target }) => /^(generated|codegen)\//.test(target)).map(({ target }) => `${relative(root, file)} → ${target}`));
    expect(offenders).toEqual([]);
  });

  it("codegen/ imports nothing from src/ but types", () => {
    const offenders = sourceFiles(join(root, "codegen")).flatMap((file) =>
      importsOf(file)
        .filter(({ target, typeOnly }) => target.startsWith("src/") && !typeOnly)
        .map(({ target }) => `${relative(root, file)} → ${target}`),
    );
    expect(offenders).toEqual([]);
  });

  it("src/ has at most four files at its root", () => {
    const files = readdirSync(join(root, "src")).filter((name) => statSync(join(root, "src", name)).isFile());
    expect(files.length, files.join(", ")).toBeLessThanOrEqual(4);
  });

  it("generated/ builds no regular expression at run time and writes no empty multi-line object", () => {
    for (const file of sourceFiles(join(root, "generated"))) {
      const source = readFileSync(file, "utf8");
      expect(source, file).not.toContain("new RegExp(");
      expect(source, file).not.toMatch(/\{\n\s*\}/);
    }
  });
});
