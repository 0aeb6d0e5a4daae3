import type { DeserializeHandler, HandlerExecutionContext, InitializeHandler, MiddlewareStack, Pluggable } from "@smithy/types";

/** The last version any stack was given: every change takes the next, so no two states share a version. */
let lastVersion = 0;

/**
 * smithy's own middleware stack, counting its changes: `version` is 0 while the stack is as it was made (empty), and
 * takes a new number at every add, addRelativeTo, remove, removeByTag, use and identifyOnResolve. A stack derived by
 * clone or concat is a new versioned stack. Whoever keeps something worked out from a stack's entries (the order of
 * a call's middleware) reuses it while the version is the same, instead of comparing every entry on every call.
 */
export class VersionedStack<Input extends object, Output extends object> implements MiddlewareStack<Input, Output> {
  readonly #stack: MiddlewareStack<Input, Output>;
  #version: number;

  /**
   * @param stack smithy's stack: an empty one (such as smithy's Client and Command make), or, with a `version` of
   * its own, one derived from another
   */
  constructor(stack: MiddlewareStack<Input, Output>, version = 0) {
    this.#stack = stack;
    this.#version = version;
  }

  get version(): number {
    return this.#version;
  }

  add(middleware: any, options?: any): void {
    this.#stack.add(middleware, options);
    this.#version = ++lastVersion;
  }

  addRelativeTo(middleware: any, options: any): void {
    this.#stack.addRelativeTo(middleware, options);
    this.#version = ++lastVersion;
  }

  use(pluggable: Pluggable<Input, Output>): void {
    // Through this stack, so that what the plugin adds or removes counts as a change.
    pluggable.applyToStack(this);
  }

  remove(toRemove: any): boolean {
    const removed = this.#stack.remove(toRemove);
    if (removed) this.#version = ++lastVersion;
    return removed;
  }

  removeByTag(toRemove: string): boolean {
    const removed = this.#stack.removeByTag(toRemove);
    if (removed) this.#version = ++lastVersion;
    return removed;
  }

  identifyOnResolve(toggle?: boolean): boolean {
    if (typeof toggle === "boolean") this.#version = ++lastVersion;
    return this.#stack.identifyOnResolve(toggle);
  }

  clone(): VersionedStack<Input, Output> {
    return derived(this.#stack.clone());
  }

  concat<InputType extends Input, OutputType extends Output>(from: MiddlewareStack<InputType, OutputType>): VersionedStack<InputType, OutputType> {
    return derived(this.#stack.concat(from));
  }

  applyToStack(to: MiddlewareStack<Input, Output>): void {
    this.#stack.applyToStack(to);
  }

  identify(): string[] {
    return this.#stack.identify();
  }

  resolve<InputType extends Input, OutputType extends Output>(
    handler: DeserializeHandler<InputType, OutputType>,
    context: HandlerExecutionContext,
  ): InitializeHandler<InputType, OutputType> {
    return this.#stack.resolve(handler, context);
  }
}

/**
 * A stack derived from a versioned one, under a new version. Outside the class, which then never names itself: esbuild
 * names a class whose body does `_VersionedStack` in its bundles, and that name is what inspecting a command shows.
 */
function derived<Input extends object, Output extends object>(stack: MiddlewareStack<Input, Output>): VersionedStack<Input, Output> {
  return new VersionedStack(stack, ++lastVersion);
}
