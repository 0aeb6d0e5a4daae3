// An empty project that installs keysmith's packed tarball without the network: its lockfile lists the tarball
// and the production packages of keysmith's own lockfile, whose tarballs `npm ci` of this project put in npm's cache.
import { execFileSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";

export const root = resolve(import.meta.dirname, "../..");

interface LockEntry {
  dev?: boolean;
  devOptional?: boolean;
  link?: boolean;
  [field: string]: unknown;
}

export function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): string {
  try {
    return execFileSync(command, args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, npm_config_loglevel: "error", ...env } });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    throw new Error(`${command} ${args.join(" ")} failed:\n${stdout ?? ""}${stderr ?? ""}`);
  }
}

/** `npm pack` into `dir`; the tarball's path. */
export function packKeysmith(dir: string): string {
  run("npm", ["pack", "--pack-destination", dir], root);
  const tarball = readdirSync(dir).find((name) => /^keysmith-.*\.tgz$/.test(name));
  if (tarball === undefined) throw new Error(`npm pack wrote no keysmith tarball into ${dir}`);
  return join(dir, tarball);
}

/** Creates `project` with `manifest` (name, type, …) depending on the tarball, and installs it offline. */
export function installConsumer(project: string, tarball: string, manifest: Record<string, unknown> = {}): void {
  mkdirSync(project, { recursive: true });
  const own = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { version: string; dependencies: Record<string, string>; license?: string };
  const lock = JSON.parse(readFileSync(join(root, "package-lock.json"), "utf8")) as { packages: Record<string, LockEntry> };
  const spec = `file:${relative(project, tarball)}`;
  const packages: Record<string, unknown> = {
    "": { name: "app", dependencies: { keysmith: spec } },
    "node_modules/keysmith": { version: own.version, resolved: spec, license: own.license, dependencies: own.dependencies },
  };
  for (const [path, entry] of Object.entries(lock.packages)) {
    if (path !== "" && !entry.dev && !entry.devOptional && !entry.link) packages[path] = entry;
  }
  writeFileSync(join(project, "package.json"), JSON.stringify({ name: "app", private: true, ...manifest, dependencies: { keysmith: spec } }, null, 2));
  writeFileSync(join(project, "package-lock.json"), JSON.stringify({ name: "app", lockfileVersion: 3, requires: true, packages }, null, 2));
  run("npm", ["ci", "--offline", "--no-audit", "--no-fund"], project);
}
