// Type-checks generated clients that live outside the project with the project's own compiler options (strict,
// NodeNext, verbatimModuleSyntax), in-process through the TypeScript API.
import { readdirSync } from "node:fs";
import { join, parse } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";

const projectDir = fileURLToPath(new URL("../../", import.meta.url));

/** Every .ts file under the folders. */
function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(".ts"))
    .map((entry) => join(entry.parentPath, entry.name));
}

/** The compiler's complaints about the .ts files under `dirs` (and what they import), one line each; none when clean. */
export function typeCheck(dirs: readonly string[]): string[] {
  const configPath = join(projectDir, "tsconfig.json");
  const { config } = ts.readConfigFile(configPath, ts.sys.readFile);
  const { options } = ts.parseJsonConfigFileContent(config, ts.sys, projectDir, {
    noEmit: true,
    // The runtime's own sources, not a build in dist/, as the generated files import src/runtime.ts.
    customConditions: ["keysmith-source"],
  });
  // The files are outside the project: the root is the file system's, which holds both.
  options.rootDir = parse(projectDir).root;
  const program = ts.createProgram(dirs.flatMap(tsFiles), options);
  return ts.getPreEmitDiagnostics(program).map((diagnostic) => {
    const text = ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n");
    if (!diagnostic.file || diagnostic.start === undefined) return text;
    const { line, character } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
    return `${diagnostic.file.fileName}(${line + 1},${character + 1}): ${text}`;
  });
}
