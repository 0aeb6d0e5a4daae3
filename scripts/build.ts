// `npm run build` (also run by `npm pack` and `npm publish`, through prepack): dist/ from scratch, in both module formats.
// - dist/src, dist/generated, dist/codegen: tsc's ES module build with its declarations. Bundlers and browsers load it
//   (the `module` condition), so it stays tree-shakeable.
// - dist/cjs: the CommonJS build of every module the entries reach, made by esbuild from the ES module build one file
//   per file (`.cjs`, declarations `.d.cts`), for `require` (Node before 20.19, Jest, TypeScript's CommonJS output).
// - dist/node: what Node's `import` of an entry gets: the CommonJS build under its export names. Node thus loads one copy
//   of keysmith whichever way it is asked for, so every class is one class (no dual-package hazard).
import { execFileSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative } from "node:path";
import { build, type Plugin } from "esbuild";

const root = join(import.meta.dirname, "..");
const dist = join(root, "dist");
const require = createRequire(import.meta.url);

/** The public entries: src/entries/<name>.ts is `keysmith/<name>`. */
const entries = readdirSync(join(root, "src/entries"))
  .filter((file) => file.endsWith(".ts"))
  .map((file) => file.slice(0, -".ts".length));

/** The ES modules of dist/ that the entries reach, lazy imports included, with both `#platform` targets. */
async function modulesReached(): Promise<string[]> {
  const { metafile } = await build({
    absWorkingDir: root,
    entryPoints: [...entries.map((entry) => `dist/src/entries/${entry}.js`), "dist/src/platform/browser.js"],
    bundle: true,
    packages: "external",
    platform: "node",
    format: "esm",
    outdir: "dist/unwritten",
    write: false,
    metafile: true,
    logLevel: "error",
  });
  return Object.keys(metafile.inputs).filter((input) => input.startsWith("dist/"));
}

/** dist/x/y.js → dist/cjs/x/y.cjs, each file on its own: every import stays an import, relative ones renamed to `.cjs`. */
async function buildCommonJs(modules: string[]): Promise<void> {
  const result = await build({
    absWorkingDir: root,
    entryPoints: modules,
    outbase: "dist",
    outdir: "dist/cjs",
    outExtension: { ".js": ".cjs" },
    bundle: true,
    plugins: [eachFileAlone, importMetaAsCommonJs],
    format: "cjs",
    platform: "node",
    target: "node20",
    // The lazy `import()`s become lazy `require()`s: Jest's CommonJS runtime cannot run import() without a flag.
    supported: { "dynamic-import": false },
    logLevel: "silent",
  });
  // A warning here means CommonJS output that would not behave as the ES module does (e.g. an `import.meta` left).
  if (result.warnings.length > 0) throw new Error(`CommonJS build: ${result.warnings.map((warning) => warning.text).join("; ")}`);
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

/** `import.meta.url`, `dirname` and `filename` as a CommonJS module knows them. */
const importMetaAsCommonJs: Plugin = {
  name: "import-meta-as-commonjs",
  setup(esbuild) {
    esbuild.onLoad({ filter: /\.js$/ }, ({ path }) => ({
      loader: "js",
      contents: readFileSync(path, "utf8")
        .replaceAll("import.meta.url", 'require("node:url").pathToFileURL(__filename).href')
        .replaceAll("import.meta.dirname", "__dirname")
        .replaceAll("import.meta.filename", "__filename"),
    }));
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
    const commonJs = `../cjs/src/entries/${entry}.cjs`;
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

function filesUnder(dir: string, suffix: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((file) => file.endsWith(suffix))
    .map((file) => join(dir, file));
}

rmSync(dist, { recursive: true, force: true });
execFileSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", "tsconfig.json"], { cwd: root, stdio: "inherit" });
await buildCommonJs(await modulesReached());
writeCommonJsDeclarations();
writeNodeImports();
