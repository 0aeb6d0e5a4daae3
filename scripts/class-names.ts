// esbuild writes a class that refers to itself as `var Name = class _Name { … _Name … }` (or `Name2` where `_Name`
// is taken), so the class reports `_Name` as its `.name`: smithy's `ServiceException`, which `keysmith/runtime`
// exports, `HttpRequest` and the credential errors, inlined in keysmith's pre-bundles. Within the class the inner
// binding and the variable hold the same class, so the inner one can take the variable's name, which is what the
// class was declared with: the build renames it, and fails where that would not be a plain renaming.
import ts from "typescript";

/** `code` with each class expression bound to a variable of another name renamed to the variable's name. */
export function withClassNamesAsDeclared(code: string, file: string): string {
  const source = ts.createSourceFile(file, code, ts.ScriptTarget.Latest, true, ts.ScriptKind.JS);
  const renames: { inner: string; outer: string; node: ts.ClassExpression }[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer && ts.isClassExpression(node.initializer)) {
      const inner = node.initializer.name?.text;
      if (inner !== undefined && inner !== node.name.text) renames.push({ inner, outer: node.name.text, node: node.initializer });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);

  const references = bindingReferences(source);
  const edits: { start: number; end: number }[] = [];
  for (const { inner, outer, node } of renames) {
    for (const identifier of references) {
      const within = identifier.getStart() >= node.getStart() && identifier.end <= node.end;
      if (identifier.text === inner && !within) throw new Error(`${file}: ${inner} is also used outside its class, so it cannot be renamed ${outer}`);
      if (identifier.text === outer && within) throw new Error(`${file}: class ${inner} already uses ${outer}, so it cannot be renamed ${outer}`);
      // `{ _Name }` names a property too, which a renaming would change.
      if (identifier.text === inner && ts.isShorthandPropertyAssignment(identifier.parent)) throw new Error(`${file}: class ${inner} uses its name as a property's, so it cannot be renamed ${outer}`);
      if (identifier.text === inner) edits.push({ start: identifier.getStart(), end: identifier.end });
    }
  }
  let renamed = code;
  for (const { start, end } of edits.sort((a, b) => b.start - a.start)) {
    const { outer } = renames.find(({ node }) => start >= node.getStart() && end <= node.end)!;
    renamed = renamed.slice(0, start) + outer + renamed.slice(end);
  }
  return renamed;
}

/** Every identifier that names a binding: not a property's name after a dot, in an object literal or a class body. */
function bindingReferences(source: ts.SourceFile): ts.Identifier[] {
  const found: ts.Identifier[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node) && !isPropertyName(node)) found.push(node);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

function isPropertyName(identifier: ts.Identifier): boolean {
  const { parent } = identifier;
  if (ts.isPropertyAccessExpression(parent)) return parent.name === identifier;
  if (ts.isPropertyAssignment(parent) || ts.isMethodDeclaration(parent) || ts.isPropertyDeclaration(parent) || ts.isGetAccessor(parent) || ts.isSetAccessor(parent)) {
    return parent.name === identifier;
  }
  return false;
}
