// The published package as consumers get it: `npm pack` of a clean copy of this checkout, installed offline into one
// consumer project (test/consumers/) whose folders are an ES module and a CommonJS package, then loaded every way users
// load it: Node's import and require (also as Node before 20.19 requires), TypeScript under each moduleResolution,
// bundlers for Node and for browsers, Jest in its default CommonJS mode and vitest, both with aws-sdk-client-mock. attw
// and publint check the tarball.
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { build } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { binPath, installConsumer, packKeysmith, root, run } from "./support/consumer-project.js";

const fixtures = join(root, "test/consumers");
const work = mkdtempSync(join(tmpdir(), "keysmith-pack-"));
const project = join(work, "consumer");
let tarball = "";
afterAll(() => rmSync(work, { recursive: true, force: true }));

interface Manifest {
  exports: Record<string, Record<string, unknown> | string>;
  dependencies: Record<string, string>;
  scripts?: Record<string, string>;
  imports: Record<string, Record<string, unknown>>;
}

const entries = readdirSync(join(root, "src/entries")).filter((file) => file.endsWith(".ts")).map((file) => file.replace(/\.ts$/, ""));

describe("package.json", () => {
  const manifest = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as Manifest;

  it("exports every module of src/entries, each for browser bundlers, Node bundlers, a Node that can require() ES modules, Node's import and require", () => {
    expect(Object.keys(manifest.exports).sort()).toEqual([...entries.map((entry) => `./${entry}`), "./package.json", "./dist/*"].sort());
    for (const entry of entries) expect(Object.keys(manifest.exports[`./${entry}`]!)).toEqual(["browser", "module", "module-sync", "import", "require"]);
  });

  // TypeScript names a type that a consumer's declarations infer by the file that declares it: each must be reachable
  // from the package, for types only (nothing under dist/ can be imported at run time but through an entry).
  it("exports dist/ for types only", () => {
    expect(manifest.exports["./dist/*"]).toEqual({ types: "./dist/*" });
  });

  it("depends on ranges, so that consumers dedupe with v3's @smithy packages", () => {
    for (const [name, range] of Object.entries(manifest.dependencies)) expect(`${name}@${range}`).toMatch(/@\^\d+\.\d+\.\d+$/);
  });
});

/** Code of the runtime's waiters and of smithy's that they use: its helpers, its errors' texts, smithy's enum of states. */
const WAITER_CODE = ["checkAcceptors", "contains() takes", "Waiter has timed out", "AbortController signal aborted", '"TIMEOUT"'];

/**
 * The README's ```ts blocks that are ES modules (a block showing `require()` beside `import` is not), each as its own
 * file: dedented, as blocks inside a list item are indented.
 */
function readmeTypeScriptModules(readme: string): string[] {
  return [...readme.matchAll(/^( *)```ts\n([\s\S]*?)^\1```$/gm)]
    .map(([, indent, body]) => body!.split("\n").map((line) => line.slice(indent!.length)).join("\n"))
    .filter((body) => !/\brequire\(/.test(body));
}

/** Node flags that take process.getBuiltinModule away, as a Node 20 before 20.16 lacks it. */
const withoutGetBuiltinModule = ["--import", "data:text/javascript,delete process.getBuiltinModule"];
/** esbuild's banner that gives an ES module bundle a require(), as CommonJS packages bundled for Node need. */
const CREATE_REQUIRE = 'import { createRequire } from "node:module"; const require = createRequire(import.meta.url);';

describe("the packed tarball in a consumer project", () => {
  beforeAll(() => {
    tarball = packKeysmith(work);
    cpSync(fixtures, project, { recursive: true, filter: (path) => path !== join(fixtures, "app.ts") });
    for (const folder of ["esm", "cjs"]) cpSync(join(fixtures, "app.ts"), join(project, folder, "app.ts"));
    // chalk: aws-sdk-client-mock-jest 4.1.0's vitest matchers import chalk 5 without depending on it (its issue #243),
    // and Jest's own chalk is 4: a project using both needs chalk 5 of its own.
    const tools = ["@types/node", "aws-sdk-client-mock", "aws-sdk-client-mock-jest", "chalk", "jest", "vitest"];
    installConsumer(project, tarball, { devDependencies: tools });
  }, 300_000);

  it("carries a package.json without scripts or the source-only condition", () => {
    const published = JSON.parse(readFileSync(join(project, "node_modules/keysmith/package.json"), "utf8")) as Manifest;
    expect(published.scripts).toBeUndefined();
    expect(Object.keys(published.imports["#platform"]!)).not.toContain("keysmith-source");
  });

  it("has no problem that attw (are the types wrong) or publint finds", () => {
    run(process.execPath, [binPath(root, "@arethetypeswrong/cli", "attw"), tarball], work);
    expect(run(process.execPath, [binPath(root, "publint"), "--strict", tarball], work)).toMatch(/All good/);
  }, 120_000);

  const app = { account: expect.stringMatching(/^\d{12}$/), hint: "access-key", roleSession: expect.stringMatching(/^arn:aws:sts::\d{12}:assumed-role\/Rotator\/app$/), updateError: "NoSuchEntityException", clientsShareTheRuntime: true, mask: "<masked>", fixtures: 0 };

  it.each([
    { resolution: "node10", folder: "cjs" },
    { resolution: "node16", folder: "cjs" },
    { resolution: "node16", folder: "esm" },
    { resolution: "nodenext", folder: "esm" },
  ])("TypeScript strict, moduleResolution $resolution in a $folder package: type-checks, and its output runs", ({ resolution, folder }) => {
    run(process.execPath, [binPath(root, "typescript", "tsc"), "-p", `${folder}/tsconfig.${resolution}.json`], project);
    expect(JSON.parse(run(process.execPath, [`${folder}/out-${resolution}/app.js`], project))).toEqual(app);
  }, 120_000);

  // The app starts the embedded endpoint from the bundle and calls it: keysmith/local bundles like the clients, for an
  // app or a test harness built for Node (it reads no file of its package at run time).
  it("TypeScript strict, moduleResolution bundler: type-checks, and esbuild bundles the pre-bundled ES module build for Node, the embedded endpoint included", async () => {
    run(process.execPath, [binPath(root, "typescript", "tsc"), "-p", "esm/tsconfig.bundler.json"], project);
    const bundle = join(project, "esm/bundle.mjs");
    const { metafile } = await build({
      absWorkingDir: project,
      entryPoints: ["esm/app.ts"],
      bundle: true,
      platform: "node",
      format: "esm",
      outfile: bundle,
      metafile: true,
      logLevel: "error",
    });
    const fromKeysmith = Object.keys(metafile.inputs).filter((input) => input.startsWith("node_modules/keysmith/"));
    expect(fromKeysmith).toEqual(expect.arrayContaining(["node_modules/keysmith/dist/bundler/iam.js", "node_modules/keysmith/dist/bundler/local.js"]));
    expect(fromKeysmith.filter((input) => !input.startsWith("node_modules/keysmith/dist/bundler/"))).toEqual([]);
    // smithy's code comes inlined in keysmith's build: none of esbuild's default picks (CommonJS builds) is bundled.
    expect(Object.keys(metafile.inputs).filter((input) => input.startsWith("node_modules/@smithy/"))).toEqual([]);
    // The credential chain comes in by static imports: esbuild wraps no module in a lazy initializer (`__esm`).
    const bundled = readFileSync(bundle, "utf8");
    expect(bundled).toContain("defaultCredentialChain");
    expect(bundled).not.toContain("__esm(");
    // The runtime's waiter code shares a chunk with every client; a client without waiters leaves all of it out.
    for (const waiterOnly of WAITER_CODE) expect(bundled).not.toContain(waiterOnly);
    expect(JSON.parse(run(process.execPath, [bundle], project))).toEqual(app);
    // Node's builtins come from process.getBuiltinModule, as ES module imports they would cost ~30 ms on Node 22+.
    expect(bundled).not.toMatch(/^import[^;]*["']node:/m);
    // A Node 20 before 20.16 has no process.getBuiltinModule: there an ES module bundle takes the builtins from the
    // require() its bundler gives it (esbuild's, with a createRequire banner), and says what it lacks without one.
    expect(() => run(process.execPath, [...withoutGetBuiltinModule, bundle], project)).toThrow(/Dynamic require of "node:[a-z/]+" is not supported/);
    const withRequire = join(project, "esm/bundle-with-require.mjs");
    await build({ absWorkingDir: project, entryPoints: ["esm/app.ts"], bundle: true, platform: "node", format: "esm", outfile: withRequire, logLevel: "error", banner: { js: CREATE_REQUIRE } });
    expect(JSON.parse(run(process.execPath, [...withoutGetBuiltinModule, withRequire], project))).toEqual(app);
  }, 120_000);

  // The README's examples are what a user copies first: each ES module among them type-checks strict as it stands.
  it("the README's TypeScript examples that are ES modules type-check strict against the package", () => {
    const examples = readmeTypeScriptModules(readFileSync(join(root, "README.md"), "utf8"));
    expect(examples.length).toBeGreaterThanOrEqual(4);
    const folder = join(project, "readme");
    mkdirSync(folder);
    writeFileSync(join(folder, "package.json"), JSON.stringify({ type: "module" }));
    const files = examples.map((example, n) => {
      writeFileSync(join(folder, `example-${n + 1}.ts`), example);
      return `example-${n + 1}.ts`;
    });
    const compilerOptions = { module: "nodenext", moduleResolution: "nodenext", noEmit: true };
    writeFileSync(join(folder, "tsconfig.json"), JSON.stringify({ extends: "../tsconfig.base.json", compilerOptions, files }));
    run(process.execPath, [binPath(root, "typescript", "tsc"), "-p", "tsconfig.json"], folder);
  }, 60_000);

  // Regenerating from a model, as a user does: the packed bin writes a client that imports keysmith/runtime.
  it("the packed keysmith-codegen writes a client from a model, paginator and waiter included, that type-checks strict against keysmith/runtime, pages and waits", () => {
    const folder = join(project, "generated");
    expect(run(process.execPath, [binPath(project, "keysmith", "keysmith-codegen"), "--model", "pages.json", "--out", "pages"], folder)).toMatch(/^keysmith-codegen: wrote \d+ files/);
    run(process.execPath, [binPath(root, "typescript", "tsc"), "-p", "tsconfig.json"], folder);
    const form = (marker?: string) => `Action=ListThings&Version=2025-01-01${marker ? `&Marker=${marker}` : ""}&MaxItems=2`;
    expect(JSON.parse(run(process.execPath, ["out/use.js"], folder))).toEqual({
      read: ["a", "b", "c"],
      sent: [form(), form("m1")],
      waited: { state: "SUCCESS", things: ["c"], calls: 2 },
      command: "function",
    });
  }, 60_000);

  // CDK's NodejsFunction (and SAM's esbuild build) bundle a Lambda function as CommonJS by default.
  it("esbuild bundles the same app as CommonJS for a Lambda function, from the pre-bundled build, and it runs", async () => {
    const bundle = join(project, "esm/bundle.cjs");
    const { metafile } = await build({ absWorkingDir: project, entryPoints: ["esm/app.ts"], bundle: true, platform: "node", format: "cjs", target: "node20", outfile: bundle, metafile: true, logLevel: "error" });
    expect(Object.keys(metafile.inputs).filter((input) => input.startsWith("node_modules/keysmith/") && !input.startsWith("node_modules/keysmith/dist/bundler/"))).toEqual([]);
    expect(JSON.parse(run(process.execPath, [bundle], project))).toEqual(app);
    // And on a Node 20 before process.getBuiltinModule (20.16), through CommonJS's require().
    expect(JSON.parse(run(process.execPath, [...withoutGetBuiltinModule, bundle], project))).toEqual(app);
  }, 120_000);

  it("gives browser bundlers the pre-bundled build for browsers, smithy's code inlined, and no Node platform", async () => {
    const { metafile, outputFiles } = await build({
      absWorkingDir: project,
      stdin: { contents: 'export { IAMClient, CreateAccessKeyCommand } from "keysmith/iam";\nexport { STSClient } from "keysmith/sts";', resolveDir: join(project, "esm") },
      bundle: true,
      platform: "browser",
      format: "esm",
      write: false,
      metafile: true,
      logLevel: "error",
    });
    const inputs = Object.keys(metafile.inputs);
    expect(inputs).toContain("node_modules/keysmith/dist/browser/iam.js");
    expect(inputs.filter((input) => input.startsWith("node_modules/keysmith/") && !input.startsWith("node_modules/keysmith/dist/browser/"))).toEqual([]);
    expect(inputs.filter((input) => input.startsWith("node_modules/@smithy/"))).toEqual([]);
    const bundled = inputs.filter((input) => input.startsWith("node_modules/")).map((input) => readFileSync(join(project, input), "utf8")).join("\n");
    expect(bundled).toContain("var FetchHttpHandler = class");
    expect(bundled).not.toMatch(/from "node:/);
    for (const waiterOnly of WAITER_CODE) expect(outputFiles[0]!.text).not.toContain(waiterOnly);
  }, 60_000);

  // scripts/unused-smithy-code.ts: what keysmith never calls of smithy's classes is left out of every pre-bundled build.
  it.each(["esm", "bundler", "browser"])("dist/%s carries smithy's Command, signer and stack without the code keysmith never calls", (build) => {
    const folder = join(project, "node_modules/keysmith/dist", build);
    const code = readdirSync(folder, { recursive: true, encoding: "utf8" })
      .filter((file) => file.endsWith(".js"))
      .map((file) => readFileSync(join(folder, file), "utf8"))
      .join("\n");
    for (const kept of ["var Command = class", "var SignatureV4 = class", "async signRequest(", "var constructStack = "]) expect(code).toContain(kept);
    for (const cut of ["NormalizedSchema", "classBuilder", "resolveMiddlewareWithContext", "HeaderFormatter", "async signEvent(", "async signMessage(", "async presign(", "Uint8ArrayBlobAdapter"]) expect(code).not.toContain(cut);
  });

  it("gives Node's import and require one copy of each class: an error from a required client is instanceof the imported class and smithy's", () => {
    expect(JSON.parse(run(process.execPath, ["esm/one-copy.mjs"], project))).toEqual({ sameClass: true, errorName: "NoSuchEntityException", instanceOfImported: true, instanceOfSmithys: true, defaultIsEntry: true });
  }, 60_000);

  it("names every class an entry exports as it is exported, and smithy's classes it inlines as smithy does, in every build; the exceptions keep their prototypes, a user's subclass its own", () => {
    const { names, errors } = JSON.parse(run(process.execPath, ["esm/class-names.mjs"], project));
    for (const build of ["esm", "bundler", "browser", "cjs"]) {
      expect(names[build].checked, build).toEqual(expect.arrayContaining(["iam.NoSuchEntityException", "iam.IAMServiceException", "sts.STSServiceException", "iam.InputValidationError", "iam.IAMClient", "iam.CreateAccessKeyCommand", "runtime.ServiceException"]));
      expect(names[build].misnamed, build).toEqual([]);
    }
    for (const build of ["esm", "cjs"]) {
      expect(errors[build], build).toEqual({
        modeled: { ownPrototype: true, noSuchEntity: true, serviceException: true, name: "NoSuchEntityException" },
        base: { ownPrototype: true, noSuchEntity: false, serviceException: true, name: "Throttling" },
        subclassed: { ownPrototype: true, noSuchEntity: true, serviceException: true, name: "NoSuchEntityException" },
      });
    }
  }, 60_000);

  // Node 20.0–20.18 cannot require() an ES module; later versions can unless told not to, as here.
  const withoutRequireEsm = process.allowedNodeEnvironmentFlags.has("--no-experimental-require-module") ? ["--no-experimental-require-module"] : [];

  // Where Node can require() an ES module it sets `module-sync`: import and require both get the ES module build, and
  // Node loads no CommonJS of keysmith's (a cold start without the CommonJS export scan and loader bridge); elsewhere
  // both get the CommonJS build. One copy either way.
  const canRequireEsm = Boolean((process.features as { require_module?: boolean }).require_module);
  const loadedBuild = `
    import { createRequire } from "node:module";
    const require = createRequire(import.meta.url);
    const imported = await import("keysmith/iam");
    const required = require("keysmith/iam");
    const loaded = Object.keys(require.cache).filter((path) => path.includes("/keysmith/dist/")).map((path) => path.replace(/.*\\/keysmith\\/dist\\/([^/]+)\\/.*/, "$1"));
    console.log(JSON.stringify({ resolved: import.meta.resolve("keysmith/iam").replace(/.*\\/keysmith\\//, ""), commonJsLoaded: loaded.includes("cjs"), sameClass: imported.IAMClient === required.IAMClient && imported.default.IAMClient === required.IAMClient }));
  `;
  it.each([
    { flags: [], want: canRequireEsm ? { resolved: "dist/node-esm/iam.js", commonJsLoaded: false } : { resolved: "dist/node/iam.js", commonJsLoaded: true } },
    { flags: withoutRequireEsm, want: { resolved: "dist/node/iam.js", commonJsLoaded: true } },
  ])("Node's import and require load one build, ES modules where Node can require() them: node $flags", ({ flags, want }) => {
    expect(JSON.parse(run(process.execPath, [...flags, "--input-type=module", "-e", loadedBuild], join(project, "esm")))).toEqual({ ...want, sameClass: true });
  }, 60_000);
  it.each(["esm", "cjs"])("Node's %s build leaves the credential chain out of what importing an entry loads, for import() when a call needs it", (build) => {
    const folder = join(project, "node_modules/keysmith/dist", build);
    const extension = build === "esm" ? ".js" : ".cjs";
    const loaded = staticClosure(folder, entries.map((entry) => `${entry}${extension}`));
    expect(loaded).toContain(`iam${extension}`);
    const chainFiles = readdirSync(folder, { recursive: true, encoding: "utf8" })
      .filter((file) => file.endsWith(extension) && readFileSync(join(folder, file), "utf8").includes("function defaultCredentialChain("));
    expect(chainFiles).toHaveLength(1);
    expect(loaded).not.toContain(chainFiles[0]);
  });
  // A budget, set at its level of 2026-12-07: each file on the clients' path is one more read through Node's thread
  // pool at start. A module loaded by import() that imports one of the clients' modules makes esbuild split that
  // module into a chunk of its own: one more file, which cost 4 MiB of RSS and a few ms in the bench's cold start.
  it("Node's esm build loads at most 12 files when both clients are imported", () => {
    const loaded = staticClosure(join(project, "node_modules/keysmith/dist/esm"), ["iam.js", "sts.js"]);
    expect(loaded.length, loaded.join(", ")).toBeLessThanOrEqual(12);
  });
  // On Node 22 and later an ES module import of node:http reads its WebSocket getters, loading undici and node:tls:
  // about 30 ms of a start (scripts/builtin-modules.ts). The CommonJS build, which older Nodes load, require()s them.
  it("Node's esm build takes Node's builtins from process.getBuiltinModule, not as ES modules; its cjs build require()s them", () => {
    const sources = (build: string, extension: string) => {
      const folder = join(project, "node_modules/keysmith/dist", build);
      return readdirSync(folder, { recursive: true, encoding: "utf8" }).filter((file) => file.endsWith(extension)).map((file) => readFileSync(join(folder, file), "utf8"));
    };
    const esm = sources("esm", ".js").join("\n");
    expect(esm).not.toMatch(/^import[^;]*["']node:/m);
    expect(esm).toContain('process.getBuiltinModule("node:http")');
    const cjs = sources("cjs", ".cjs").join("\n");
    expect(cjs).not.toContain("getBuiltinModule");
    expect(cjs).toMatch(/require\("node:http"\)/);
  });
  it.each([{ flags: [] }, { flags: withoutRequireEsm }])("loads every entry with require() in a .cjs file, node $flags", ({ flags }) => {
    expect(JSON.parse(run(process.execPath, [...flags, "cjs/require.cjs"], project))).toEqual({ account: expect.stringMatching(/^\d{12}$/), runtime: true, errorClass: "function", mask: "<masked>" });
  }, 60_000);

  const jest = (testFile: string, env: NodeJS.ProcessEnv = {}) =>
    JSON.parse(run(process.execPath, [binPath(project, "jest"), "--ci", "--json", testFile], join(project, "jest"), env)) as { numPassedTests: number; numTotalTests: number };

  it("works under Jest 30 in its default CommonJS mode, with aws-sdk-client-mock and its Jest matchers", () => {
    expect(jest("rotation.test.js")).toMatchObject({ numPassedTests: 3, numTotalTests: 3 });
  }, 120_000);

  it("records a cassette under Jest with useCassette and Jest's globals, replays it with every connection refused, and verifies it", () => {
    const cassette = join(project, "jest/__cassettes__/cassette.test/rotates-alice-s-key.json");
    expect(jest("cassette.test.js", { KEYSMITH_FIXTURES: "record" })).toMatchObject({ numPassedTests: 1, numTotalTests: 1 });
    const recorded = JSON.parse(readFileSync(cassette, "utf8")) as { exchanges: unknown[] };
    expect(recorded.exchanges).toHaveLength(4);
    expect(jest("cassette.test.js", { KEYSMITH_FIXTURES: "lockdown" })).toMatchObject({ numPassedTests: 1, numTotalTests: 1 });
    expect(jest("cassette.test.js", { KEYSMITH_FIXTURES: "verify" })).toMatchObject({ numPassedTests: 1, numTotalTests: 1 });
  }, 120_000);

  it("works under vitest, with aws-sdk-client-mock and its vitest matchers", () => {
    const report = JSON.parse(run(process.execPath, [binPath(project, "vitest"), "run", "--reporter=json"], join(project, "vitest"))) as { numPassedTests: number; numTotalTests: number };
    expect(report).toMatchObject({ numPassedTests: 2, numTotalTests: 2 });
  }, 120_000);
});

/** The files (relative to `folder`) that loading `files` loads through static imports and top-level requires. */
function staticClosure(folder: string, files: string[]): string[] {
  const seen = new Set<string>();
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    const source = readFileSync(join(folder, file), "utf8");
    const staticSpecifiers = /(?:^import\s[^;]*?["']|^\} from ["']|^import ["']|^(?:(?:var|const) [^=]+= )?require\(["'])(\.\.?\/[^"']+)["']/gm;
    for (const [, specifier] of source.matchAll(staticSpecifiers)) visit(join(dirname(file), specifier!));
  };
  for (const file of files) visit(file);
  return [...seen];
}
