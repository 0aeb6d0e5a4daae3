// 1. Bundle size: the app bundled by esbuild as a user would (ESM, minified), for Node and for browsers, then gzipped.
// keysmith comes from its built package (dist/, through the package's own `exports` and `#platform` imports).
import { build } from "esbuild";
import { writeFileSync } from "node:fs";
import { relative } from "node:path";
import { gzipSync } from "node:zlib";
import { appPath, bundlePath, FLAVORS, type Flavor } from "./app.js";
import { ROOT } from "./processes.js";

export const PLATFORMS = ["node", "browser"] as const;
export type Platform = (typeof PLATFORMS)[number];

export interface BundleSize {
  minified: number;
  gzipped: number;
  /** The files that put the most bytes into the bundle, largest first. */
  largestFiles: Contribution[];
  /** The same by package (keysmith's own files by dist/ folder), largest first. */
  largestPackages: Contribution[];
}

export interface Contribution {
  name: string;
  bytes: number;
}

export type BundleSizes = Record<Platform, Record<Flavor, BundleSize>>;

const LARGEST = 12;

/** Builds the four bundles (sizes are deterministic, so once each) and writes them to bench/.apps/. */
export async function measureBundles(): Promise<BundleSizes> {
  const sizes = {} as BundleSizes;
  for (const platform of PLATFORMS) {
    sizes[platform] = {} as Record<Flavor, BundleSize>;
    for (const flavor of FLAVORS) sizes[platform][flavor] = await bundle(flavor, platform);
  }
  return sizes;
}

async function bundle(flavor: Flavor, platform: Platform): Promise<BundleSize> {
  const result = await build({
    entryPoints: [appPath(flavor)],
    bundle: true,
    minify: true,
    format: "esm",
    platform,
    // Without it esbuild prefers `main` on Node; with it packages that ship ES modules are tree-shaken on both.
    mainFields: ["module", "main"],
    write: false,
    metafile: true,
    logLevel: "error",
  });
  const code = result.outputFiles[0]!.contents;
  writeFileSync(bundlePath(flavor, platform), code);
  const files = Object.entries(Object.values(result.metafile.outputs)[0]!.inputs).map(([input, { bytesInOutput }]) => ({
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

/** "node_modules/@smithy/core/dist-es/x.js" → "@smithy/core"; "dist/generated/iam/serde.js" → "dist/generated/iam". */
function packageOf(file: string): string {
  const inModules = /^(?:.*\/)?node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file);
  return inModules ? inModules[1]! : file.split("/").slice(0, -1).join("/") || file;
}

function largestFirst(list: Contribution[]): Contribution[] {
  return list.sort((a, b) => b.bytes - a.bytes).slice(0, LARGEST);
}
