// Consumer projects of keysmith's packed tarball, installed without the network: their lockfile lists the tarball and
// the packages the project needs (keysmith's dependencies, and the dev tools it names) at the versions and paths of
// keysmith's own lockfile, whose tarballs `npm ci` of this project put in npm's cache.
import { execFile, execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";

export const root = resolve(import.meta.dirname, "../..");

interface LockEntry {
  dev?: boolean;
  devOptional?: boolean;
  link?: boolean;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
  [field: string]: unknown;
}
type Lock = Record<string, LockEntry>;

interface Manifest {
  version: string;
  license?: string;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
}

/** Runs a command and returns its stdout; on failure, throws with its whole output. The child sees none of vitest's variables. */
export function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): string {
  try {
    return execFileSync(command, args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], env: childEnvironment(env) });
  } catch (error) {
    throw failed(command, args, error);
  }
}

/** `run`, leaving this process free meanwhile: for a command that calls a server this process serves. */
export function runAsync(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { cwd, encoding: "utf8", env: childEnvironment(env) }, (error, stdout, stderr) => {
      if (error) reject(failed(command, args, { stdout, stderr }));
      else resolve(stdout);
    });
  });
}

function childEnvironment(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith("VITEST")));
  return { ...inherited, npm_config_loglevel: "error", ...env };
}

function failed(command: string, args: string[], error: unknown): Error {
  const { stdout, stderr } = error as { stdout?: string; stderr?: string };
  return new Error(`${command} ${args.join(" ")} failed:\n${stdout ?? ""}${stderr ?? ""}`);
}

/**
 * `npm pack` of a copy of this checkout (the files git would commit, node_modules linked) into `dir`; the tarball's path.
 * A copy, so that the tarball is what a fresh clone packs, and so that the pack's build and its package.json swap
 * (scripts/pack-manifest.ts) never touch the working tree that other tests run from.
 */
export function packKeysmith(dir: string): string {
  const checkout = join(dir, "checkout");
  const files = run("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], root).split("\0");
  for (const file of files.filter((file) => file !== "" && existsSync(join(root, file)))) {
    mkdirSync(dirname(join(checkout, file)), { recursive: true });
    copyFileSync(join(root, file), join(checkout, file));
  }
  symlinkSync(join(root, "node_modules"), join(checkout, "node_modules"), "dir");
  run("npm", ["pack", "--pack-destination", dir], checkout);
  const tarball = readdirSync(dir).find((name) => /^keysmith-.*\.tgz$/.test(name));
  if (tarball === undefined) throw new Error(`npm pack wrote no keysmith tarball into ${dir}`);
  return join(dir, tarball);
}

/**
 * Writes `project`'s package.json (with `manifest`'s fields: name, type, …) depending on the tarball, with the named
 * devDependencies of keysmith as its own devDependencies, and installs it offline.
 */
export function installConsumer(project: string, tarball: string, options: { manifest?: Record<string, unknown>; devDependencies?: string[] } = {}): void {
  mkdirSync(project, { recursive: true });
  const own = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as Manifest;
  const lock = (JSON.parse(readFileSync(join(root, "package-lock.json"), "utf8")) as { packages: Lock }).packages;
  const spec = `file:${relative(project, tarball)}`;
  const dependencies = { keysmith: spec };
  const devDependencies = Object.fromEntries(
    (options.devDependencies ?? []).map((name) => {
      const version = own.devDependencies[name];
      if (version === undefined) throw new Error(`${name} is not a devDependency of keysmith, so it is not in its lockfile`);
      return [name, version];
    }),
  );
  const packages: Lock = {
    "": { name: "app", dependencies, devDependencies },
    "node_modules/keysmith": { version: own.version, resolved: spec, license: own.license, dependencies: own.dependencies },
    ...Object.fromEntries(withTarballUrls(lockClosure(lock, [...Object.keys(own.dependencies), ...Object.keys(devDependencies)]))),
  };
  writeFileSync(join(project, "package.json"), JSON.stringify({ name: "app", private: true, ...options.manifest, dependencies, devDependencies }, null, 2));
  writeFileSync(join(project, "package-lock.json"), JSON.stringify({ name: "app", lockfileVersion: 3, requires: true, packages }, null, 2));
  run("npm", ["ci", "--offline", "--no-audit", "--no-fund"], project);
}

/** The lock entries that the packages `names` at the top level need, found as Node finds them: nearest node_modules up. */
function lockClosure(lock: Lock, names: string[]): Map<string, LockEntry> {
  const found = new Map<string, LockEntry>();
  const visit = (from: string, name: string, required: boolean): void => {
    const path = locate(lock, from, name);
    if (path === undefined) {
      if (required) throw new Error(`${name} (needed by ${from || "the project"}) is not in keysmith's lockfile`);
      return;
    }
    if (found.has(path)) return;
    const entry = lock[path]!;
    found.set(path, entry);
    for (const dependency of Object.keys(entry.dependencies ?? {})) visit(path, dependency, true);
    // Optional dependencies for other platforms are not in the lock; optional peers are only there when wanted anyway.
    for (const dependency of Object.keys(entry.optionalDependencies ?? {})) visit(path, dependency, false);
    for (const [dependency] of Object.entries(entry.peerDependencies ?? {}).filter(([peer]) => !entry.peerDependenciesMeta?.[peer]?.optional)) {
      visit(path, dependency, false);
    }
  };
  for (const name of names) visit("", name, true);
  return found;
}

/**
 * The entries with their tarball URLs, which keysmith's lockfile omits (omit-lockfile-registry-resolved): given a URL
 * and an integrity, `npm ci --offline` takes the tarball from the cache without the registry's metadata, which may not
 * be cached.
 */
function withTarballUrls(entries: Map<string, LockEntry>): Map<string, LockEntry> {
  const registry = run("npm", ["config", "get", "registry"], root).trim().replace(/\/?$/, "/");
  return new Map(
    [...entries].map(([path, entry]) => {
      // An aliased package's entry names the real one.
      const name = typeof entry.name === "string" ? entry.name : path.slice(path.lastIndexOf("node_modules/") + "node_modules/".length);
      const resolved = entry.resolved ?? `${registry}${name}/-/${name.split("/").pop()}-${String(entry.version)}.tgz`;
      return [path, { ...entry, resolved }];
    }),
  );
}

function locate(lock: Lock, from: string, name: string): string | undefined {
  for (let base = from; ; base = base.slice(0, Math.max(0, base.lastIndexOf("/node_modules/")))) {
    const candidate = `${base === "" ? "" : `${base}/`}node_modules/${name}`;
    if (lock[candidate] !== undefined) return candidate;
    if (base === "") return undefined;
  }
}

/** The path of the JavaScript file behind a package's bin, in the node_modules of `from`. */
export function binPath(from: string, packageName: string, bin: string = packageName): string {
  const folder = join(from, "node_modules", packageName);
  const { bin: bins } = JSON.parse(readFileSync(join(folder, "package.json"), "utf8")) as { bin: string | Record<string, string> };
  const file = typeof bins === "string" ? bins : bins[bin];
  if (file === undefined) throw new Error(`${packageName} has no bin ${bin}`);
  return join(folder, file);
}
