// 5. Installed footprint: what `npm install` brings into an empty project for keysmith (its packed tarball) and for
// the two v3 clients (the versions this project tests against). Both install --offline, from the npm cache that
// installing this project filled.
import { execFileSync } from "node:child_process";
import { lstatSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { v3Packages, type Flavor } from "./app.js";
import { ROOT } from "./processes.js";

export interface Footprint {
  packages: number;
  /** The files' total size, bytes. */
  bytes: number;
}

export function measureFootprint(): Record<Flavor, Footprint> {
  const work = mkdtempSync(join(tmpdir(), "keysmith-bench-"));
  try {
    // Scripts off: run.ts has just built dist/, and `prepare` would build it again.
    const [{ filename }] = JSON.parse(npm(["pack", "--ignore-scripts", "--json", "--pack-destination", work], ROOT)) as [{ filename: string }];
    return { keysmith: install(work, "keysmith", [join(work, filename)]), v3: install(work, "v3", v3Packages()) };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function install(work: string, name: string, specs: string[]): Footprint {
  const project = join(work, name);
  mkdirSync(project);
  writeFileSync(join(project, "package.json"), JSON.stringify({ name: `${name}-app`, private: true, type: "module" }));
  npm(["install", "--offline", "--no-audit", "--no-fund", ...specs], project);
  return measureModules(join(project, "node_modules"));
}

/**
 * Adds up the sizes of the files under `dir` and counts the package roots: folders with a package.json right inside
 * a node_modules folder or a scope folder there (nested node_modules included).
 */
function measureModules(dir: string, total: Footprint = { packages: 0, bytes: 0 }): Footprint {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      measureModules(path, total);
      continue;
    }
    total.bytes += lstatSync(path).size;
    if (entry.name === "package.json" && PACKAGE_ROOT.test(dir)) total.packages += 1;
  }
  return total;
}

const PACKAGE_ROOT = /\/node_modules\/(@[^/]+\/)?[^@./][^/]*$/;

function npm(args: string[], cwd: string): string {
  try {
    return execFileSync("npm", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, npm_config_loglevel: "error" } });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    throw new Error(`npm ${args.join(" ")} failed in ${cwd}:\n${stdout ?? ""}${stderr ?? ""}`);
  }
}
