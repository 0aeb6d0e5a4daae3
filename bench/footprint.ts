// 5. Installed footprint: what `npm install` brings into an empty project for keysmith (its packed tarball) and for
// each peer's packages, at the versions of this project's lockfile. Each project gets a lockfile made of the entries
// of this project's lockfile that the packages need, so `npm ci --offline` installs it from the npm cache that
// installing this project filled (which holds the tarballs, not the registry's metadata a plain install would ask for).
import { execFileSync } from "node:child_process";
import { lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PEER_PACKAGES, type Flavor } from "./app.js";
import { ROOT } from "./processes.js";

export interface Footprint {
  packages: number;
  /** The files' total size, bytes. */
  bytes: number;
}

interface LockEntry {
  version?: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  [field: string]: unknown;
}

type LockPackages = Record<string, LockEntry>;

export function measureFootprint(): Record<Flavor, Footprint> {
  const work = mkdtempSync(join(tmpdir(), "keysmith-bench-"));
  const lock = (JSON.parse(readFileSync(join(ROOT, "package-lock.json"), "utf8")) as { packages: LockPackages }).packages;
  const own = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string; dependencies: Record<string, string> };
  try {
    // Scripts off: run.ts has just built dist/, and `prepare` would build it again.
    const [{ filename }] = JSON.parse(npm(["pack", "--ignore-scripts", "--json", "--pack-destination", work], ROOT)) as [{ filename: string }];
    const tarball = `file:${join(work, filename)}`;
    const keysmith: LockPackages = { "node_modules/keysmith": { version: own.version, resolved: tarball, dependencies: own.dependencies } };
    return {
      keysmith: install(join(work, "keysmith"), { keysmith: tarball }, withNeeds(keysmith, lock)),
      "aws-lite": install(join(work, "aws-lite"), ...peer(PEER_PACKAGES["aws-lite"], lock)),
      v3: install(join(work, "v3"), ...peer(PEER_PACKAGES.v3, lock)),
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** The peer's packages as dependencies at their locked versions, and the lockfile entries they need. */
function peer(names: readonly string[], lock: LockPackages): [Record<string, string>, LockPackages] {
  const dependencies = Object.fromEntries(names.map((name) => [name, lock[`node_modules/${name}`]!.version!]));
  return [dependencies, withNeeds(Object.fromEntries(names.map((name) => [`node_modules/${name}`, lock[`node_modules/${name}`]!])), lock)];
}

/** `entries` and every entry of `lock` their dependencies resolve to, as Node resolves them (nearest node_modules first). */
function withNeeds(entries: LockPackages, lock: LockPackages): LockPackages {
  const needed: LockPackages = {};
  const queue = Object.entries(entries);
  for (let item = queue.shift(); item !== undefined; item = queue.shift()) {
    const [path, entry] = item;
    if (path in needed) continue;
    const { dev: _dev, devOptional: _devOptional, ...kept } = entry;
    needed[path] = { resolved: tarballUrl(path, entry), ...kept };
    for (const name of Object.keys({ ...entry.dependencies, ...entry.optionalDependencies })) {
      const found = resolveIn(path, name, lock);
      if (found === undefined) {
        if (entry.optionalDependencies?.[name] !== undefined) continue;
        throw new Error(`${name}, a dependency of ${path}, is not in package-lock.json`);
      }
      queue.push([found, lock[found]!]);
    }
  }
  return needed;
}

/**
 * Where the registry serves the entry's tarball. This project's lockfile leaves it out; without it `npm ci` asks the
 * registry for the package's metadata, which the cache may not hold, while with it the tarball comes from the cache
 * by its integrity.
 */
function tarballUrl(path: string, entry: LockEntry): string {
  const name = path.slice(path.lastIndexOf("node_modules/") + "node_modules/".length);
  return `https://registry.npmjs.org/${name}/-/${name.split("/").pop()}-${entry.version}.tgz`;
}

function resolveIn(from: string, name: string, lock: LockPackages): string | undefined {
  for (let dir = from; ; ) {
    const candidate = `${dir}/node_modules/${name}`;
    if (candidate in lock) return candidate;
    const parent = dir.lastIndexOf("/node_modules/");
    if (parent < 0) break;
    dir = dir.slice(0, parent);
  }
  return `node_modules/${name}` in lock ? `node_modules/${name}` : undefined;
}

function install(project: string, dependencies: Record<string, string>, packages: LockPackages): Footprint {
  mkdirSync(project);
  const manifest = { name: "app", private: true, type: "module", dependencies };
  writeFileSync(join(project, "package.json"), JSON.stringify(manifest));
  writeFileSync(join(project, "package-lock.json"), JSON.stringify({ name: "app", lockfileVersion: 3, requires: true, packages: { "": { name: "app", dependencies }, ...packages } }));
  npm(["ci", "--offline", "--no-audit", "--no-fund"], project);
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
