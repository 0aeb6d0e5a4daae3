// The build's rewriting of dist/esm's and dist/bundler's static imports of Node's builtins into the module objects
// process.getBuiltinModule gives (scripts/builtin-modules.ts says why). That the packed dist/esm has no such import
// left, and dist/cjs its require()s, in test/package.test.ts.
import { describe, expect, it } from "vitest";
import { withBuiltinModulesAsObjects } from "../scripts/builtin-modules.js";

describe("dist/esm's static imports of Node's builtins", () => {
  it.each([
    {
      name: "named imports become a destructured module object, renamings kept",
      given: 'import { join, sep as separator } from "node:path";\nexport const x = join("a", separator);\n',
      want: 'const { join, sep: separator } = process.getBuiltinModule("node:path");\nexport const x = join("a", separator);\n',
    },
    {
      name: "a default import, and one with named imports beside it, bind the module object",
      given: 'import crypto, { createHash } from "node:crypto";\nimport os from "node:os";\n',
      want: 'const crypto = process.getBuiltinModule("node:crypto"), { createHash } = crypto;\nconst os = process.getBuiltinModule("node:os");\n',
    },
    {
      name: "a namespace import binds the module object, an import for its effect loads it",
      given: 'import * as http from "node:http";\nimport "node:net";\n',
      want: 'const http = process.getBuiltinModule("node:http");\nprocess.getBuiltinModule("node:net");\n',
    },
    {
      name: "bindings go to the top, after the file's opening comments, where the imports were hoisted from",
      given: '// Includes code of @smithy/core.\nimport { a } from "./chunk.js";\n\n// one module\nfunction early() { return join("x"); }\n\n// a later module\nimport { join } from "node:path";\n',
      want: '// Includes code of @smithy/core.\nconst { join } = process.getBuiltinModule("node:path");\nimport { a } from "./chunk.js";\n\n// one module\nfunction early() { return join("x"); }\n\n// a later module\n',
    },
    {
      name: "one binding per builtin, however many of the file's modules import it, as esbuild keeps each module's",
      given: 'import { join } from "node:path";\nimport { join as join2, sep } from "node:path";\nimport path from "node:path";\nimport * as path2 from "node:path";\nimport "node:path";\n',
      want: 'const path = process.getBuiltinModule("node:path"), path2 = path, { join, join: join2, sep } = path;\n',
    },
    {
      name: "leaves other imports, dynamic imports of builtins and files without builtins alone",
      given: 'import { a } from "./chunk.js";\nimport { b } from "@smithy/core";\nconst https = () => import("node:https");\n',
      want: 'import { a } from "./chunk.js";\nimport { b } from "@smithy/core";\nconst https = () => import("node:https");\n',
    },
  ])("$name", ({ given, want }) => {
    expect(withBuiltinModulesAsObjects(given, "chunk.js", "getBuiltinModule")).toBe(want);
  });

  it("for bundles, which may run on a Node 20 without process.getBuiltinModule, falls back to require()", () => {
    const given = 'import { request } from "node:http";\nimport crypto from "node:crypto";\n';
    const want =
      'const { request } = (process.getBuiltinModule?.("node:http") ?? require("node:http"));\nconst crypto = (process.getBuiltinModule?.("node:crypto") ?? require("node:crypto"));\n';
    expect(withBuiltinModulesAsObjects(given, "chunk.js", "getBuiltinModule, else require")).toBe(want);
  });

  it.each([
    { name: "a re-export of a builtin", given: 'export { join } from "node:path";\n', error: "chunk.js: export { join } from \"node:path\"; re-exports a builtin, which the build cannot rewrite" },
    { name: "the default imported by name", given: 'import { default as path } from "node:path";\n', error: "chunk.js: imports the default of node:path by name, which the build cannot rewrite" },
  ])("fails the build on a form it cannot rewrite: $name", ({ given, error }) => {
    expect(() => withBuiltinModulesAsObjects(given, "chunk.js", "getBuiltinModule")).toThrow(error);
  });

  it("keeps what the module does: the rewritten module runs, its bindings the builtins' own", async () => {
    const given = 'import { join as joined } from "node:path";\nimport crypto, { createHash } from "node:crypto";\nexport const path = joined("a", "b");\nexport const same = crypto.createHash === createHash;\n';
    const module = (await import(`data:text/javascript,${encodeURIComponent(withBuiltinModulesAsObjects(given, "chunk.js", "getBuiltinModule"))}`)) as { path: string; same: boolean };
    expect(module).toMatchObject({ path: "a/b", same: true });
  });
});
