/**
 * The test-runner fit: a cassette per test, named after the test, opened before it and ended after it. Nothing
 * here imports a runner: the caller passes its `beforeEach`, `afterEach` and `expect` (vitest's, or Jest's
 * globals), whose `expect.getState()` names the running test and its file in both.
 */
import { basename, dirname, join } from "node:path";
import { openCassette, type CassetteOptions, type CassetteSession } from "./cassette.js";

/** What useCassette needs of a test runner; vitest's and Jest's own functions fit. */
export interface TestRunnerHooks {
  beforeEach(hook: () => Promise<void>): unknown;
  afterEach(hook: () => Promise<void>): unknown;
  expect: { getState(): { currentTestName?: string; testPath?: string } };
}

export interface UseCassetteOptions extends CassetteOptions {
  /** The cassettes' folder. Default: `__cassettes__/<test file name>/` beside the test file. */
  dir?: string;
}

/**
 * A cassette for each test of the calling file or `describe` block, at `<dir>/<test name>.json`: the test's full
 * name (its describe blocks' and its own), lower case, with each run of other characters than letters and digits
 * written `-` — the same under vitest (`a > b`) and Jest (`a b`). Use the returned cassette inside the tests; it
 * stands for the running test's. Tests run with `.concurrent` share it, so open theirs with `openCassette`.
 */
export function useCassette(hooks: TestRunnerHooks, options: UseCassetteOptions = {}): CassetteSession {
  let current: CassetteSession | undefined;
  hooks.beforeEach(async () => {
    const { currentTestName, testPath } = hooks.expect.getState();
    if (!currentTestName || (!testPath && !options.dir)) throw new Error("useCassette: the runner's expect.getState() names no running test; call useCassette at the top of a test file or describe block");
    const dir = options.dir ?? join(dirname(testPath!), "__cassettes__", basename(testPath!).replace(/\.[cm]?[jt]sx?$/, ""));
    current = await openCassette(join(dir, `${cassetteName(currentTestName)}.json`), options);
  });
  hooks.afterEach(async () => {
    const ending = current;
    current = undefined;
    await ending?.done();
  });
  const running = (): CassetteSession => {
    if (current === undefined) throw new Error("useCassette: the cassette is only there while a test runs");
    return current;
  };
  return {
    get file() {
      return running().file;
    },
    get mode() {
      return running().mode;
    },
    get live() {
      return running().live;
    },
    get requestHandler() {
      return running().requestHandler;
    },
    clientConfig: (live) => running().clientConfig(live),
    value: (name, live) => running().value(name, live),
    done: () => running().done(),
  };
}

/** A test's name as a file name. */
export function cassetteName(testName: string): string {
  return testName.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, "-").replace(/^-+|-+$/g, "") || "test";
}
