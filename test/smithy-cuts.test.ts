// keysmith's pre-bundled builds leave out the parts of smithy's classes that keysmith never calls
// (scripts/unused-smithy-code.ts). The cuts themselves, here; that the packed builds run without that code, in
// test/package.test.ts and test/runtimes.test.ts.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build, transform, type Plugin } from "esbuild";
import { describe, expect, it } from "vitest";
import { applyCut, SMITHY_CUTS, type Cut } from "../scripts/unused-smithy-code.js";

const root = fileURLToPath(new URL("..", import.meta.url));

const source = `
import { bindAdapter } from "./adapter";
export class Signer extends Base {
  formatter = new Formatter();
  constructor(init) { super(init); }
  static builder() { return new Builder(); }
  async sign(request) { return this.signRequest(request); }
  async presign(request) { return request; }
}
export class Adapter extends bindAdapter(toText, fromText) {}
`;

describe("a cut", () => {
  it.each([
    { given: { members: ["presign"] }, gone: ["presign("], kept: ["formatter =", "static builder(", "async sign("] },
    { given: { members: ["formatter", "builder", "presign"] }, gone: ["formatter =", "static builder(", "presign("], kept: ["constructor(init)", "async sign("] },
    { given: { pureCalls: ["bindAdapter"] }, gone: [], kept: ["extends /* @__PURE__ */ bindAdapter(toText, fromText)", "presign("] },
  ])("removes exactly the members it names, and marks the calls it names pure: $given", ({ given, gone, kept }) => {
    const cut = applyCut(source, { file: "signer.js", why: "a test", ...given });
    for (const text of gone) expect(cut).not.toContain(text);
    for (const text of kept) expect(cut).toContain(text);
  });

  it("marked pure, an unused class built by a call is dropped by the bundler; unmarked, it is kept", async () => {
    const module = "const bindAdapter = (base) => class extends base {};\nexport class Adapter extends bindAdapter(Uint8Array) {}\nexport const used = 1;\n";
    const bundled = async (code: string) => {
      const { outputFiles } = await build({ stdin: { contents: `import { used } from "./module.js";\nconsole.log(used);\n`, resolveDir: root }, bundle: true, write: false, plugins: [moduleOf(code)], logLevel: "error" });
      return outputFiles[0]!.text;
    };
    expect(await bundled(applyCut(module, { file: "module.js", why: "a test", pureCalls: ["bindAdapter"] }))).not.toContain("Uint8Array");
    expect(await bundled(module)).toContain("Uint8Array");
  });

  const compiledEnum = `export var State;\n(function (State) {\n    State["DONE"] = "DONE";\n    State["FAILED"] = "FAILED";\n})(State || (State = {}));\nexport const isDone = (state) => state === State.DONE;\n`;

  it("writes a compiled string enum as the object its function fills, which the bundler drops when unused and keeps when used", async () => {
    const cut = applyCut(compiledEnum, { file: "state.js", why: "a test", enumsAsObjects: ["State"] });
    expect(cut).toBe(`export var State = { "DONE": "DONE", "FAILED": "FAILED" };\nexport const isDone = (state) => state === State.DONE;\n`);
    const bundled = async (code: string, use: string) => {
      const { outputFiles } = await build({ stdin: { contents: `import { ${use} } from "./module.js";\nconsole.log(${use});\n`, resolveDir: root }, bundle: true, write: false, plugins: [moduleOf(code)], logLevel: "error" });
      return outputFiles[0]!.text;
    };
    const noEnum = `${cut}export const other = 1;\n`;
    expect(await bundled(noEnum, "other")).not.toContain("FAILED");
    expect(await bundled(`${compiledEnum}export const other = 1;\n`, "other")).toContain("FAILED");
    expect(await bundled(noEnum, "isDone")).toContain('"FAILED"');
    // A numeric enum maps its values back to names: not an object literal of its members, so the build stops.
    const numeric = `var Level;\n(function (Level) {\n    Level[Level["LOW"] = 0] = "LOW";\n})(Level || (Level = {}));\n`;
    expect(() => applyCut(numeric, { file: "level.js", why: "a test", enumsAsObjects: ["Level"] })).toThrow('the enum Level is not a string enum as TypeScript compiles it: Level[Level["LOW"] = 0] = "LOW";');
  });

  it.each<{ given: Partial<Cut>; error: string }>([
    { given: { members: ["presign", "signEvent"] }, error: "signer.js has no signEvent any more: look at the cut again (a test)" },
    { given: { pureCalls: ["bindBlob"] }, error: "signer.js has no bindBlob any more" },
    { given: { enumsAsObjects: ["Status"] }, error: "signer.js has no Status any more" },
  ])("fails the build, naming the file and what is missing, when the code no longer has it: $given", ({ given, error }) => {
    expect(() => applyCut(source, { file: "signer.js", why: "a test", ...given })).toThrow(error);
  });
});

describe("smithy's installed code", () => {
  it.each(SMITHY_CUTS.map((cut) => ({ ...cut, name: `${cut.file}: ${[...(cut.members ?? []), ...(cut.pureCalls ?? []), ...(cut.enumsAsObjects ?? [])].join(", ")}` })))(
    "still has what the cut names, and the cut leaves valid JavaScript without it: $name",
    async (cut) => {
      const cutText = applyCut(readFileSync(join(root, "node_modules", cut.file), "utf8"), cut);
      for (const member of cut.members ?? []) expect(() => applyCut(cutText, { ...cut, members: [member], pureCalls: [] })).toThrow(`has no ${member} any more`);
      for (const call of cut.pureCalls ?? []) expect(cutText).toContain(`/* @__PURE__ */ ${call}(`);
      for (const name of cut.enumsAsObjects ?? []) expect(cutText).toMatch(new RegExp(`var ${name} = \\{ "`));
      await expect(transform(cutText, { format: "esm" })).resolves.toBeDefined();
    },
  );

  it("keysmith calls none of the members cut", () => {
    const members = SMITHY_CUTS.flatMap((cut) => cut.members ?? []);
    const own = ["src", "generated"].flatMap((folder) => listTs(join(root, folder)));
    const callers = own.filter((file) => members.some((member) => new RegExp(`\\.${member}\\b|\\["${member}"\\]`).test(readFileSync(file, "utf8"))));
    expect(callers).toEqual([]);
  });
});

function listTs(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((file) => file.endsWith(".ts"))
    .map((file) => join(dir, file));
}

/** Gives `./module.js` the code, as a package module with no side effects of its own. */
function moduleOf(code: string): Plugin {
  return {
    name: "module",
    setup(esbuild) {
      esbuild.onResolve({ filter: /^\.\/module\.js$/ }, () => ({ path: "module.js", namespace: "module", sideEffects: false }));
      esbuild.onLoad({ filter: /.*/, namespace: "module" }, () => ({ contents: code, loader: "js" }));
    },
  };
}
