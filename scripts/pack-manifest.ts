// prepack and postpack: the package.json that goes into the tarball is this project's without what only a checkout uses:
// the scripts (an installed keysmith runs none; npm warns consumers about install scripts) and the `keysmith-source`
// condition (src/ is not in the tarball). `strip` keeps the project's own as package.json.pack-backup (left there only if a
// pack was interrupted: move it back), `restore` puts it back.
import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const manifestPath = join(import.meta.dirname, "../package.json");
const backupPath = `${manifestPath}.pack-backup`;

interface Manifest {
  scripts?: Record<string, string>;
  imports?: Record<string, Record<string, unknown>>;
  [field: string]: unknown;
}

const command = process.argv[2];
if (command === "strip") {
  if (existsSync(backupPath)) throw new Error(`${backupPath} exists: a pack was interrupted; restore it with \`mv ${backupPath} package.json\``);
  const text = readFileSync(manifestPath, "utf8");
  writeFileSync(backupPath, text);
  writeFileSync(manifestPath, `${JSON.stringify(published(JSON.parse(text) as Manifest), null, 2)}\n`);
} else if (command === "restore") {
  renameSync(backupPath, manifestPath);
} else {
  throw new Error(`usage: pack-manifest.ts strip|restore (got ${command})`);
}

function published(manifest: Manifest): Manifest {
  const { scripts: _scripts, ...rest } = manifest;
  const imports = Object.fromEntries(
    Object.entries(manifest.imports ?? {}).map(([name, conditions]) => {
      const { "keysmith-source": _source, ...others } = conditions;
      return [name, others];
    }),
  );
  return { ...rest, imports };
}
