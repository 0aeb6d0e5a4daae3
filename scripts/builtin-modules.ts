// Node 22 and later give node:http getters (WebSocket, CloseEvent, MessageEvent) that load undici's WebSocket and
// node:tls. An ES module import of a builtin makes Node build the module's ES face, which reads every export, getters
// included: importing node:http that way cost a keysmith client about 30 ms of its start on Node 22 and 24 (a
// CommonJS require() of it, as v3's and aws-lite's builds make, builds no such face). dist/esm, which only a Node
// that sets the `module-sync` condition loads (20.19, 22.12 and later, all with process.getBuiltinModule), therefore
// takes each builtin as the module object that process.getBuiltinModule gives. The build rewrites its static imports
// of builtins, and fails on a form it does not know. The bindings go to the top of the file, where the hoisted imports
// were bound: a module's code may call one of a later module's functions before that module's lines run.
import ts from "typescript";

/** `code` with its static imports of `node:` builtins made `const`s of `process.getBuiltinModule(...)`, at its top. */
export function withBuiltinModulesAsObjects(code: string, file: string): string {
  const source = ts.createSourceFile(file, code, ts.ScriptTarget.Latest, true, ts.ScriptKind.JS);
  const imports: ts.ImportDeclaration[] = [];
  for (const statement of source.statements) {
    const specifier = moduleSpecifierOf(statement);
    if (specifier === undefined || !specifier.startsWith("node:")) continue;
    if (!ts.isImportDeclaration(statement)) throw new Error(`${file}: ${statement.getText()} re-exports a builtin, which the build cannot rewrite`);
    imports.push(statement);
  }
  if (imports.length === 0) return code;
  let rewritten = code;
  for (const statement of [...imports].reverse()) rewritten = rewritten.slice(0, statement.getStart()) + rewritten.slice(statement.end).replace(/^\n/, "");
  const bindings = imports.map((statement) => builtinConst(statement.importClause, moduleSpecifierOf(statement)!, file));
  // After the comments that open the file (a chunk's first line names the packages it includes).
  const top = source.statements[0]!.getStart();
  return `${rewritten.slice(0, top)}${bindings.join("\n")}\n${rewritten.slice(top)}`;
}

function moduleSpecifierOf(statement: ts.Statement): string | undefined {
  const specifier = ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement) ? statement.moduleSpecifier : undefined;
  return specifier !== undefined && ts.isStringLiteral(specifier) ? specifier.text : undefined;
}

/** The `const` that binds what the import clause bound, to the module object and its properties. */
function builtinConst(clause: ts.ImportClause | undefined, specifier: string, file: string): string {
  const module = `process.getBuiltinModule(${JSON.stringify(specifier)})`;
  if (clause === undefined) return `${module};`;
  const whole = clause.name?.text ?? (clause.namedBindings && ts.isNamespaceImport(clause.namedBindings) ? clause.namedBindings.name.text : undefined);
  const named = clause.namedBindings && ts.isNamedImports(clause.namedBindings) ? clause.namedBindings.elements : [];
  const properties = named.map((element) => {
    const imported = (element.propertyName ?? element.name).text;
    if (imported === "default") throw new Error(`${file}: imports the default of ${specifier} by name, which the build cannot rewrite`);
    return imported === element.name.text ? imported : `${imported}: ${element.name.text}`;
  });
  if (whole === undefined) return `const { ${properties.join(", ")} } = ${module};`;
  return properties.length === 0 ? `const ${whole} = ${module};` : `const ${whole} = ${module}, { ${properties.join(", ")} } = ${whole};`;
}
