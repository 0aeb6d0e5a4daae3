// An esbuild plugin for the build bundlers get (dist/bundler): each `import()` of one of keysmith's own modules
// becomes a static import. A bundler inlines an import() anyway, and wraps its target, and every module that target
// reaches (here the whole runtime, through the credential chain's STS calls), in a lazy initializer, which V8 then
// parses a second time when it first runs: about 10M instructions of a bundled cold start. Static, the modules are
// evaluated at import (their top levels only declare) and the bundle is unwrapped. Node's own build keeps the
// import()s, so that an unbundled start does not load the chain. Imports of packages (`node:*`, the optional
// `@aws-sdk/*` peers) stay dynamic. Applies to keysmith's sources and to their tsc output in dist/.
import { readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import type { Plugin } from "esbuild";

const root = join(import.meta.dirname, "..");
const OWN_FOLDERS = ["src", "generated", join("dist", "src"), join("dist", "generated")].map((folder) => folder + sep);
const OWN_DYNAMIC_IMPORT = /\bimport\((["'])(\.\.?\/[^"']+)\1\)/g;

export const staticOwnImports: Plugin = {
  name: "static-own-imports",
  setup(esbuild) {
    esbuild.onLoad({ filter: /\.[jt]s$/ }, ({ path }) => {
      const inProject = relative(root, path);
      if (!OWN_FOLDERS.some((folder) => inProject.startsWith(folder))) return undefined;
      const specifiers: string[] = [];
      const body = readFileSync(path, "utf8").replace(OWN_DYNAMIC_IMPORT, (_match, _quote: string, specifier: string) => {
        specifiers.push(specifier);
        return `Promise.resolve(lazilyImported${specifiers.length - 1})`;
      });
      const imports = specifiers.map((specifier, index) => `import * as lazilyImported${index} from ${JSON.stringify(specifier)};\n`);
      return { contents: imports.join("") + body, loader: path.endsWith(".ts") ? "ts" : "js" };
    });
  },
};
