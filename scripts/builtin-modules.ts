// Node 22 and later give node:http getters (WebSocket, CloseEvent, MessageEvent) that load undici's WebSocket and
// node:tls. An ES module import of a builtin makes Node build the module's ES face, which reads every export, getters
// included: importing node:http that way cost a keysmith client about 30 ms of its start on Node 22 and 24 (a
// CommonJS require() of it, as v3's and aws-lite's builds make, builds no such face). So dist/esm and dist/bundler
// take each builtin as the module object process.getBuiltinModule gives: dist/esm is only loaded by a Node that sets
// the `module-sync` condition (20.19, 22.12 and later, which all have it); a bundle may run on a Node 20 before 20.16,
// which has not, and there takes the builtin from require(), which a CommonJS bundle has (an ES module bundle, where
// its bundler gives it one, as esbuild's with a createRequire banner). The build rewrites the static imports of
// builtins, and fails on a form it does not know. The bindings go to the top of the file, where the hoisted imports
// were bound: a module's code may call one of a later module's functions before that module's lines run.
import ts from "typescript";

/** Where a build takes a builtin from: process.getBuiltinModule, or that where the Node has it and else require(). */
export type BuiltinSource = "getBuiltinModule" | "getBuiltinModule, else require";

/** `code` with its static imports of `node:` builtins made `const`s of the module objects `source` gives, at its top. */
export function withBuiltinModulesAsObjects(code: string, file: string, source: BuiltinSource): string {
  const parsed = ts.createSourceFile(file, code, ts.ScriptTarget.Latest, true, ts.ScriptKind.JS);
  const imports: ts.ImportDeclaration[] = [];
  for (const statement of parsed.statements) {
    const specifier = moduleSpecifierOf(statement);
    if (specifier === undefined || !specifier.startsWith("node:")) continue;
    if (!ts.isImportDeclaration(statement)) throw new Error(`${file}: ${statement.getText()} re-exports a builtin, which the build cannot rewrite`);
    imports.push(statement);
  }
  if (imports.length === 0) return code;
  let rewritten = code;
  for (const statement of [...imports].reverse()) rewritten = rewritten.slice(0, statement.getStart()) + rewritten.slice(statement.end).replace(/^\n/, "");
  // One binding per builtin, however many of the file's modules imported it (esbuild keeps each module's import).
  const clauses = new Map<string, (ts.ImportClause | undefined)[]>();
  for (const statement of imports) {
    const specifier = moduleSpecifierOf(statement)!;
    clauses.set(specifier, [...(clauses.get(specifier) ?? []), statement.importClause]);
  }
  const bindings = [...clauses].map(([specifier, importClauses]) => builtinConst(importClauses, specifier, source, file));
  // After the comments that open the file (a chunk's first line names the packages it includes).
  const top = parsed.statements[0]!.getStart();
  return `${rewritten.slice(0, top)}${bindings.join("\n")}\n${rewritten.slice(top)}`;
}

function moduleSpecifierOf(statement: ts.Statement): string | undefined {
  const specifier = ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement) ? statement.moduleSpecifier : undefined;
  return specifier !== undefined && ts.isStringLiteral(specifier) ? specifier.text : undefined;
}

/** The `const` that binds what the import clauses of one builtin bound, to the module object and its properties. */
function builtinConst(clauses: (ts.ImportClause | undefined)[], specifier: string, source: BuiltinSource, file: string): string {
  const name = JSON.stringify(specifier);
  const module = source === "getBuiltinModule" ? `process.getBuiltinModule(${name})` : `(process.getBuiltinModule?.(${name}) ?? require(${name}))`;
  const wholes: string[] = [];
  const properties: string[] = [];
  for (const clause of clauses) {
    const whole = clause?.name?.text ?? (clause?.namedBindings && ts.isNamespaceImport(clause.namedBindings) ? clause.namedBindings.name.text : undefined);
    if (whole !== undefined) wholes.push(whole);
    const named = clause?.namedBindings && ts.isNamedImports(clause.namedBindings) ? clause.namedBindings.elements : [];
    for (const element of named) {
      const imported = (element.propertyName ?? element.name).text;
      if (imported === "default") throw new Error(`${file}: imports the default of ${specifier} by name, which the build cannot rewrite`);
      properties.push(imported === element.name.text ? imported : `${imported}: ${element.name.text}`);
    }
  }
  const [first, ...others] = wholes;
  if (first === undefined) return properties.length === 0 ? `${module};` : `const { ${properties.join(", ")} } = ${module};`;
  const declarations = [`${first} = ${module}`, ...others.map((other) => `${other} = ${first}`), ...(properties.length > 0 ? [`{ ${properties.join(", ")} } = ${first}`] : [])];
  return `const ${declarations.join(", ")};`;
}
