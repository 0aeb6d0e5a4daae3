// Type-checks generated code with the project's own compiler options (strict, NodeNext, verbatimModuleSyntax),
// in-process through the TypeScript API: clients that live outside the project, or a source held in memory.
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

/** tsconfig.json's options, checking only, the runtime read from its sources. */
function projectOptions(): ts.CompilerOptions {
  const { config } = ts.readConfigFile(join(projectDir, "tsconfig.json"), ts.sys.readFile);
  return ts.parseJsonConfigFileContent(config, ts.sys, projectDir, {
    noEmit: true,
    // The runtime's own sources, not a build in dist/, as the generated files import src/runtime.ts.
    customConditions: ["keysmith-source"],
  }).options;
}

/** The compiler's complaints about the .ts files under `dirs` (and what they import), one line each; none when clean. */
export function typeCheck(dirs: readonly string[]): string[] {
  const options = projectOptions();
  // The files are outside the project: the root is the file system's, which holds both.
  options.rootDir = parse(projectDir).root;
  return complaints(ts.createProgram(dirs.flatMap(tsFiles), options));
}

/** The compiler's complaints about `source`, checked in memory as if it were the file `file`. */
export function typeCheckSource(file: string, source: string): string[] {
  const options = projectOptions();
  const host = ts.createCompilerHost(options);
  const { getSourceFile, fileExists, readFile } = host;
  host.fileExists = (name) => name === file || fileExists.call(host, name);
  host.readFile = (name) => (name === file ? source : readFile.call(host, name));
  host.getSourceFile = (name, language, ...rest) => (name === file ? ts.createSourceFile(name, source, language) : getSourceFile.call(host, name, language, ...rest));
  return complaints(ts.createProgram([file], options, host));
}

function complaints(program: ts.Program): string[] {
  return ts.getPreEmitDiagnostics(program).map((diagnostic) => {
    const text = ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n");
    if (!diagnostic.file || diagnostic.start === undefined) return text;
    const { line, character } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
    return `${diagnostic.file.fileName}(${line + 1},${character + 1}): ${text}`;
  });
}
