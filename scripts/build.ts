// `npm run build` (also run by `npm pack` and `npm publish`, through prepack): dist/ from scratch.
// - dist/src, dist/generated, dist/codegen: tsc's ES modules, one per source file, with their declarations (every
//   condition's types), which the pre-bundles are made from; the `keysmith-local` and `keysmith-codegen` commands run
//   them.
// - dist/esm: every entry pre-bundled for Node, with the parts of smithy's packages it uses inlined (tree-shaken ES
//   modules, without what keysmith never calls of smithy's classes: scripts/unused-smithy-code.ts), split into shared
//   chunks so that the entries share one copy of each class, and each lazy import() its own chunk, so that Node loads
//   the credential chain, the shared-file reader and IMDS only when a call needs them. Node's builtins are taken as
//   the module objects process.getBuiltinModule gives (scripts/builtin-modules.ts says why), once dist/cjs is made.
// - dist/bundler: the same for bundlers that build for Node (the `module` condition), with keysmith's own import()s
//   made static (scripts/static-own-imports.ts says why): whichever build of smithy their settings would pick
//   (esbuild's Node defaults pick the CommonJS ones, which do not tree-shake), keysmith brings only what it uses.
//   Its builtins too come from process.getBuiltinModule, else require() (scripts/builtin-modules.ts).
// - dist/browser: the same for bundlers that build for browsers (the `browser` condition), with smithy's browser code.
// - dist/cjs: dist/esm as CommonJS, file for file (`.cjs`, lazy import()s become lazy require()s), with declarations
//   (`.d.cts`), for `require`. Node loads a few files instead of some seventy of keysmith's and smithy's ~330 KB.
// - dist/node: what Node's `import` of an entry gets where Node cannot require() an ES module (before 20.19, or with
//   require(esm) switched off): dist/cjs under its export names. Node thus loads one copy of keysmith whichever way it
//   is asked for, so every class is one class (no dual-package hazard).
// - dist/node-esm: what Node's `import` and `require` of an entry both get where it can (the `module-sync` condition,
//   which Node sets exactly then): dist/esm, with the entry whole as the default export as dist/node gives it. Still one
//   copy for both, and Node loads ES modules only: no CommonJS export scan (cjs-module-lexer) and no bridge from the ES
//   module loader to the CommonJS one, which were a tenth of the cold start's cost over an empty process.
import { execFileSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative } from "node:path";
import { build, type Metafile, type Plugin } from "esbuild";
import { withBuiltinModulesAsObjects } from "./builtin-modules.js";
import { withClassNamesAsDeclared } from "./class-names.js";
import { staticOwnImports } from "./static-own-imports.js";
import { withoutUnusedSmithyCode } from "./unused-smithy-code.js";

const root = join(import.meta.dirname, "..");
const dist = join(root, "dist");
const require = createRequire(import.meta.url);

/** The public entries: src/entries/<name>.ts is `keysmith/<name>`. */
const entries = readdirSync(join(root, "src/entries"))
  .filter((file) => file.endsWith(".ts"))
  .map((file) => file.slice(0, -".ts".length));

/**
 * dist/src/entries/<entry>.js → <outdir>/<entry>.js and <outdir>/chunks/, smithy inlined without the code keysmith
 * never calls (scripts/unused-smithy-code.ts), `#platform` as the platform resolves it: dist/esm as Node runs it,
 * dist/bundler (with `staticOwnImports`) as bundlers for Node get it, dist/browser as bundlers for browsers get it.
 */
async function buildPreBundle(outdir: string, platform: "node" | "browser", plugins: Plugin[]): Promise<void> {
  const { outputFiles, metafile } = await build({
    absWorkingDir: root,
    entryPoints: entries.map((entry) => ({ in: `dist/src/entries/${entry}.js`, out: entry })),
    outdir,
    chunkNames: "chunks/[name]-[hash]",
    bundle: true,
    splitting: true,
    format: "esm",
    platform,
    // smithy's ES modules, which tree-shake; node_modules' CommonJS builds would come in whole. (For browsers esbuild
    // already prefers `browser`, then `module`.)
    ...(platform === "node" ? { target: "node20", mainFields: ["module", "main"] } : {}),
    // The optional peers (IAM Identity Center, `aws login`) stay packages of the user's, loaded when a profile needs
    // them. smithy's event streams are reached only by an import() in `HttpProtocol`, whose code keysmith does not
    // use: external, no chunk of dead code ships.
    // For browsers, `keysmith/local` and `keysmith/testing` keep their Node imports, as their modules have them.
    external: ["@aws-sdk/*", "@smithy/core/event-streams", ...(platform === "browser" ? ["node:*"] : [])],
    plugins: [...plugins, withoutUnusedSmithyCode],
    write: false,
    metafile: true,
    logLevel: "error",
  });
  for (const file of outputFiles) {
    mkdirSync(dirname(file.path), { recursive: true });
    writeFileSync(file.path, inlinedPackagesNote(metafile, relative(root, file.path)) + withClassNamesAsDeclared(file.text, file.path));
  }
}

/**
 * A first-line comment naming the packages (and versions) whose code an output file inlines, so that which smithy
 * release a keysmith release carries can be read off the file; empty for a file of keysmith's own code only.
 */
function inlinedPackagesNote(metafile: Metafile, output: string): string {
  const packages = new Set<string>();
  for (const [input, { bytesInOutput }] of Object.entries(metafile.outputs[output]?.inputs ?? {})) {
    if (bytesInOutput === 0) continue;
    const name = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input)?.[1];
    if (name === undefined) continue;
    const { version, license } = require(`${name}/package.json`) as { version: string; license: string };
    packages.add(`${name}@${version} (${license})`);
  }
  return packages.size === 0 ? "" : `// Includes code of ${[...packages].sort().join(", ")}.\n`;
}

/** dist/esm/x.js → dist/cjs/x.cjs, each file on its own: every import stays an import, relative ones renamed to `.cjs`. */
async function buildCommonJs(): Promise<void> {
  const { outputFiles, warnings } = await build({
    absWorkingDir: root,
    entryPoints: filesUnder(join(dist, "esm"), ".js"),
    outbase: "dist/esm",
    outdir: "dist/cjs",
    outExtension: { ".js": ".cjs" },
    bundle: true,
    plugins: [eachFileAlone],
    format: "cjs",
    platform: "node",
    target: "node20",
    // The lazy `import()`s become lazy `require()`s: Jest's CommonJS runtime cannot run import() without a flag.
    supported: { "dynamic-import": false },
    write: false,
    logLevel: "silent",
  });
  // A warning here means CommonJS output that would not behave as the ES module does (e.g. an `import.meta` left).
  if (warnings.length > 0) throw new Error(`CommonJS build: ${warnings.map((warning) => warning.text).join("; ")}`);
  for (const file of outputFiles) {
    mkdirSync(dirname(file.path), { recursive: true });
    writeFileSync(file.path, withClassNamesAsDeclared(file.text, file.path));
  }
}

const eachFileAlone: Plugin = {
  name: "each-file-alone",
  setup(esbuild) {
    esbuild.onResolve({ filter: /.*/ }, ({ kind, path, importer }) => {
      if (kind === "entry-point") return undefined;
      if (!path.startsWith(".")) return { path, external: true };
      if (!path.endsWith(".js")) throw new Error(`${importer}: relative import "${path}" does not end in .js`);
      return { path: `${path.slice(0, -".js".length)}.cjs`, external: true };
    });
  },
};

/** dist/x/y.d.ts → dist/cjs/x/y.d.cts, its relative imports renamed to `.cjs`, for every declaration of src and generated. */
function writeCommonJsDeclarations(): void {
  for (const file of ["src", "generated"].flatMap((folder) => filesUnder(join(dist, folder), ".d.ts"))) {
    const target = join(dist, "cjs", relative(dist, file)).replace(/\.d\.ts$/, ".d.cts");
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, readFileSync(file, "utf8").replace(/(from\s*|import\(\s*)(["'])(\.\.?\/[^"']*)\.js\2/g, "$1$2$3.cjs$2"));
  }
}

/** dist/node/<entry>.js re-exports the CommonJS entry by name (and whole as the default, as Node does for CommonJS). */
function writeNodeImports(): void {
  mkdirSync(join(dist, "node"));
  for (const entry of entries) {
    const commonJs = `../cjs/${entry}.cjs`;
    const names = Object.keys(require(join(dist, "node", commonJs)) as object);
    writeFileSync(
      join(dist, "node", `${entry}.js`),
      `// keysmith/${entry} for Node's import: the CommonJS build, so that require and import share its classes.\n` +
        `import entry from "${commonJs}";\n\nexport const { ${names.join(", ")} } = entry;\nexport default entry;\n`,
    );
    const declarations = `../src/entries/${entry}.js`;
    writeFileSync(
      join(dist, "node", `${entry}.d.ts`),
      `import * as entry from "${declarations}";\n\nexport * from "${declarations}";\nexport default entry;\n`,
    );
  }
}

/** dist/node-esm/<entry>.js re-exports the ES module entry, and the entry whole as the default (as dist/node does). */
function writeNodeModuleSync(): void {
  mkdirSync(join(dist, "node-esm"));
  for (const entry of entries) {
    const module = `../esm/${entry}.js`;
    writeFileSync(
      join(dist, "node-esm", `${entry}.js`),
      `// keysmith/${entry} for a Node that can require() ES modules: import and require both get dist/esm, one copy.\n` +
        `import * as entry from "${module}";\n\nexport * from "${module}";\nexport default entry;\n`,
    );
  }
}

function filesUnder(dir: string, suffix: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((file) => file.endsWith(suffix))
    .map((file) => join(dir, file));
}

rmSync(dist, { recursive: true, force: true });
execFileSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", "tsconfig.json"], { cwd: root, stdio: "inherit" });
await buildPreBundle("dist/esm", "node", []);
await buildPreBundle("dist/bundler", "node", [staticOwnImports]);
await buildPreBundle("dist/browser", "browser", []);
await buildCommonJs();
// After dist/cjs is made from it: a CommonJS build also runs on a Node without process.getBuiltinModule.
for (const file of filesUnder(join(dist, "esm"), ".js")) writeFileSync(file, withBuiltinModulesAsObjects(readFileSync(file, "utf8"), file, "getBuiltinModule"));
for (const file of filesUnder(join(dist, "bundler"), ".js")) writeFileSync(file, withBuiltinModulesAsObjects(readFileSync(file, "utf8"), file, "getBuiltinModule, else require"));
writeCommonJsDeclarations();
writeNodeImports();
writeNodeModuleSync();
