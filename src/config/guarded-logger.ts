import type { Logger } from "@smithy/types";

const LOG_LEVELS = ["trace", "debug", "info", "warn", "error"] as const;
/** The user's objects whose failure was reported (a logger, a retry strategy): once each, whichever client it failed in. */
const reportedFailures = new WeakSet<object>();
/** What guardedLogger made, and the guarded copy of each logger put on a client's configuration after it was made. */
const guarded = new WeakSet<Logger>();
const guardedCopies = new WeakMap<Logger, Logger>();

/** The logger of a client given none: it writes nothing, so the client need not prepare log lines for it. */
export const silentLogger: Logger = { trace() {}, debug() {}, info() {}, warn() {}, error() {} };

/**
 * The logger a call writes to, read from `client.config` at the call: the client's own, or one a user put there
 * since, guarded as the option's is (made once per logger); nothing there writes nothing, as in v3.
 */
export function callLogger(logger: Logger | undefined): Logger {
  if (logger === silentLogger || (typeof logger === "object" && logger !== null && guarded.has(logger))) return logger;
  if (typeof logger !== "object" || logger === null) return silentLogger;
  let copy = guardedCopies.get(logger);
  if (copy === undefined) guardedCopies.set(logger, (copy = guardedLogger(logger)));
  return copy;
}

/**
 * Reports that `what`, code of the user's that a call runs for its own ends, failed: once per `owner`, as a process
 * warning with `code`, or on the console where there is no process. The call goes on: such code must never turn a
 * success into a failure, since CreateAccessKey's answer holds a secret that exists nowhere else.
 */
export function reportFailure(owner: object, what: string, error: unknown, code: string): void {
  if (reportedFailures.has(owner)) return;
  reportedFailures.add(owner);
  const message = `keysmith: ${what} failed (${(error as Error)?.message ?? error}); the call went on. Later failures of it are not reported.`;
  const process = (globalThis as { process?: { emitWarning?: (message: string, options: { code: string }) => void } }).process;
  if (typeof process?.emitWarning === "function") process.emitWarning(message, { code });
  else console.warn(message);
}

/**
 * The user's logger, made unable to break a call: a method that throws (or returns a promise that rejects) is
 * reported once per logger (see reportFailure), and the call goes on.
 */
export function guardedLogger(logger: Logger): Logger {
  const report = (level: string, error: unknown) => reportFailure(logger, `the logger's ${level}()`, error, "KEYSMITH_LOGGER_FAILED");
  const copy = Object.fromEntries(
    LOG_LEVELS.map((level) => [
      level,
      (...content: unknown[]) => {
        try {
          const result: unknown = logger[level]?.(...content);
          if (typeof (result as PromiseLike<unknown> | undefined)?.then === "function") (result as Promise<unknown>).then(undefined, (error: unknown) => report(level, error));
        } catch (error) {
          report(level, error);
        }
      },
    ]),
  );
  guarded.add(copy as unknown as Logger);
  return copy as unknown as Logger;
}
