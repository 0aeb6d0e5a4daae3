import { mkdtempSync, mkdirSync, writeFileSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { generate } from "./codegen/generate.js";
import { typeCheck } from "./test/support/full-models-typecheck.js";
const withAgg = process.argv[2] === "with";
const dir = mkdtempSync(join(tmpdir(), "tc-"));
for (const name of ["iam", "sts"]) {
  const files = generate(JSON.parse(readFileSync(`/work/shared/aws-models/${name}.json`, "utf8")), { runtime: "/work/conv/src/runtime.js", source: name });
  for (const [path, text] of files) {
    if (!withAgg && /^(IAM|STS)\.ts$/.test(path)) continue;
    const t = !withAgg && path === "index.ts" ? text.replace(/export \* from "\.\/(IAM|STS)\.js";\n/, "") : text;
    mkdirSync(dirname(join(dir, name, path)), { recursive: true });
    writeFileSync(join(dir, name, path), t);
  }
}
const t0 = performance.now();
const errors = typeCheck([dir]);
console.log(withAgg ? "with" : "without", errors.length, Math.round(performance.now() - t0), "ms");
rmSync(dir, { recursive: true });
