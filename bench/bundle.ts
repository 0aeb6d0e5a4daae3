// 1. Bundle size: the app bundled by esbuild as a user would (ESM, minified), for Node and for browsers, then gzipped.
// keysmith comes from its built package (dist/, through the package's own `exports` and `#platform` imports).
import { build, type BuildFailure, type Plugin } from "esbuild";
import { readFileSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { gzipSync } from "node:zlib";
import { APPS_DIR, appPath, FLAVORS, type Flavor } from "./app.js";
import { ROOT } from "./processes.js";
import { staticOwnImports } from "../scripts/static-own-imports.js";
import { withoutUnusedSmithyCode } from "../scripts/unused-smithy-code.js";

/**
 * The bundles measured: Node at esbuild's defaults (which prefer `main`, so packages that ship CommonJS there and ES
 * modules under `module` come in as CommonJS, which does not tree-shake), Node with `module` preferred, and browsers
 * (whose defaults already prefer `browser`, then `module`).
 */
export const BUNDLES = {
  "node-default": { label: "Node, esbuild defaults", platform: "node" },
  "node-module": { label: "Node, `mainFields: module,main`", platform: "node", mainFields: ["module", "main"] },
  browser: { label: "browser", platform: "browser" },
} as const;
export type BundleKind = keyof typeof BUNDLES;
export const BUNDLE_KINDS = Object.keys(BUNDLES) as BundleKind[];

export interface BundleSize {
  minified: number;
  gzipped: number;
  /** The files that put the most bytes into the bundle, largest first. */
  largestFiles: Contribution[];
  /** The same by package (keysmith's own files by dist/ folder), largest first. */
  largestPackages: Contribution[];
}

/** A bundle esbuild could not build, and why (aws-lite needs Node's built-in modules). */
export interface NoBundle {
  failure: string;
}

export interface Contribution {
  name: string;
  bytes: number;
}

export type BundleSizes = Record<BundleKind, Record<Flavor, BundleSize | NoBundle>>;

const LARGEST = 12;

/** esbuild's recipe for ES module bundles on Node, given to every Node bundle alike (92 bytes). */
const REQUIRE_BANNER = 'import { createRequire } from "node:module"; const require = createRequire(import.meta.url);';

/** Where the bundle of `flavor` is written, for the cold-start runs. */
export function bundlePath(flavor: Flavor, kind: BundleKind): string {
  return join(APPS_DIR, `bundle-${flavor}-${kind}.mjs`);
}

/** Builds every bundle (sizes are deterministic, so once each) and writes it to bench/.apps/. */
export async function measureBundles(): Promise<BundleSizes> {
  const sizes = {} as BundleSizes;
  for (const kind of BUNDLE_KINDS) {
    sizes[kind] = {} as Record<Flavor, BundleSize | NoBundle>;
    for (const flavor of FLAVORS) sizes[kind][flavor] = await bundle(flavor, kind);
  }
  return sizes;
}

async function bundle(flavor: Flavor, kind: BundleKind): Promise<BundleSize | NoBundle> {
  let result;
  try {
    result = await buildApp(flavor, kind);
  } catch (error) {
    const { errors } = error as BuildFailure;
    if (!errors?.length) throw error;
    return { failure: `esbuild: ${errors[0]!.text}${errors.length > 1 ? ` (and ${errors.length - 1} more)` : ""}` };
  }
  const code = result.outputFiles[0]!.contents;
  writeFileSync(bundlePath(flavor, kind), code);
  // keysmith's builds for bundlers are pre-bundled (dist/bundler, dist/browser), and their chunks do not name their
  // sources: the bytes are attributed from the same app bundled from its per-file ES modules, as the pre-bundle was made.
  const asPreBundled = BUNDLES[kind].platform === "node" ? [fromSourceFiles, staticOwnImports, withoutUnusedSmithyCode] : [fromSourceFiles, withoutUnusedSmithyCode];
  const attributed = flavor === "keysmith" ? await buildApp(flavor, kind, asPreBundled) : result;
  const files = Object.entries(Object.values(attributed.metafile.outputs)[0]!.inputs).map(([input, { bytesInOutput }]) => ({
    name: relative(ROOT, input),
    bytes: bytesInOutput,
  }));
  const packages = new Map<string, number>();
  for (const file of files) packages.set(packageOf(file.name), (packages.get(packageOf(file.name)) ?? 0) + file.bytes);
  return {
    minified: code.byteLength,
    gzipped: gzipSync(code, { level: 9 }).byteLength,
    largestFiles: largestFirst(files),
    largestPackages: largestFirst([...packages].map(([name, bytes]) => ({ name, bytes }))),
  };
}

/**
 * The modules of the credential chain that only role, web-identity and IAM Identity Center setups need, and the STS
 * calls they make (issue 12 budgets their share of the Node bundle at 1 KiB).
 */
const CHAIN_ROLE_MODULES = [
  "node/credentials/assume-role.js",
  "node/credentials/web-identity.js",
  "node/credentials/identity-center.js",
  "node/credentials/sts.js",
  "entries/wiring/sts-credentials.js",
].map((module) => join(ROOT, "dist/src", module));

/**
 * The credential chain's share of keysmith's Node bundle, gzipped: the app bundled from the per-file build as the
 * pre-bundle is made, less the same with CHAIN_ROLE_MODULES replaced by stubs that export the same names.
 */
export async function measureChainShare(): Promise<number> {
  const asPreBundled = [fromSourceFiles, staticOwnImports, withoutUnusedSmithyCode];
  const whole = await buildApp("keysmith", "node-module", asPreBundled);
  // A module moved or renamed would be in neither bundle's stubs, and the share would read low.
  const bundled = new Set(Object.keys(whole.metafile.inputs).map((input) => join(ROOT, input)));
  const missed = CHAIN_ROLE_MODULES.filter((module) => !bundled.has(module));
  if (missed.length > 0) throw new Error(`the chain's share: the app's bundle has no ${missed.map((module) => relative(ROOT, module)).join(", ")}`);
  const stubbed = await buildApp("keysmith", "node-module", [withoutChainRoleModules, ...asPreBundled]);
  const gzipped = (result: typeof whole) => gzipSync(result.outputFiles[0]!.contents, { level: 9 }).byteLength;
  return gzipped(whole) - gzipped(stubbed);
}

const withoutChainRoleModules: Plugin = {
  name: "without-chain-role-modules",
  setup(esbuild) {
    esbuild.onLoad({ filter: /\.js$/ }, ({ path }) => {
      if (!CHAIN_ROLE_MODULES.includes(path)) return undefined;
      const names = exportedNames(readFileSync(path, "utf8"));
      return { contents: names.map((name) => `export const ${name} = () => { throw new Error("stub"); };`).join("\n"), loader: "js" };
    });
  },
};

/** The names a module compiled by tsc exports: its exported declarations and its `export { … }` lists. */
function exportedNames(code: string): string[] {
  const names = new Set<string>();
  for (const [, name] of code.matchAll(/^export (?:async )?(?:function\*? |const |let |class )([\w$]+)/gm)) names.add(name!);
  for (const [, list] of code.matchAll(/^export \{([^}]*)\}/gm)) {
    for (const item of list!.split(",")) if (item.trim() !== "") names.add(item.trim().split(/\s+as\s+/).pop()!);
  }
  return [...names];
}

function buildApp(flavor: Flavor, kind: BundleKind, plugins: Plugin[] = []) {
  const settings: { platform: "node" | "browser"; mainFields?: readonly string[] } = BUNDLES[kind];
  return build({
    entryPoints: [appPath(flavor)],
    bundle: true,
    minify: true,
    format: "esm",
    platform: settings.platform,
    // The per-file build for Node resolves smithy's packages as keysmith's pre-bundle did: their ES modules.
    ...(plugins.length > 0 && settings.platform === "node" ? { mainFields: ["module", "main"] } : settings.mainFields ? { mainFields: [...settings.mainFields] } : {}),
    // CommonJS inside an ES module bundle calls `require` for Node's built-in modules, and ES modules have none.
    ...(settings.platform === "node" ? { banner: { js: REQUIRE_BANNER } } : {}),
    plugins,
    write: false,
    metafile: true,
    logLevel: "silent",
  });
}

/** `keysmith/<entry>` → dist/src/entries/<entry>.js, the per-file ES modules the pre-bundle is made from. */
const fromSourceFiles: Plugin = {
  name: "keysmith-per-file",
  setup(esbuild) {
    esbuild.onResolve({ filter: /^keysmith\/[a-z-]+$/ }, ({ path }) => ({ path: join(ROOT, "dist/src/entries", `${path.slice("keysmith/".length)}.js`) }));
  },
};

/** "node_modules/@smithy/core/dist-es/x.js" → "@smithy/core"; "dist/generated/iam/serde.js" → "dist/generated/iam". */
function packageOf(file: string): string {
  const inModules = /^(?:.*\/)?node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file);
  return inModules ? inModules[1]! : file.split("/").slice(0, -1).join("/") || file;
}

function largestFirst(list: Contribution[]): Contribution[] {
  return list.sort((a, b) => b.bytes - a.bytes).slice(0, LARGEST);
}
