import type { Logger } from "@smithy/types";

const LOG_LEVELS = ["trace", "debug", "info", "warn", "error"] as const;
/** Loggers whose failure was reported: once each, whichever client it failed in. */
const failedLoggers = new WeakSet<Logger>();
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
 * The user's logger, made unable to break a call: a method that throws (or returns a promise that rejects) is
 * reported once per logger as a process warning, or on the console where there is no process, and the call goes on.
 * A log line must never turn a success into a failure: CreateAccessKey's answer holds a secret that exists nowhere else.
 */
export function guardedLogger(logger: Logger): Logger {
  const report = (level: string, error: unknown) => {
    if (failedLoggers.has(logger)) return;
    failedLoggers.add(logger);
    const message = `keysmith: the logger's ${level}() failed (${(error as Error)?.message ?? error}); the call went on. Later failures of this logger are not reported.`;
    const process = (globalThis as { process?: { emitWarning?: (message: string, options: { code: string }) => void } }).process;
    if (typeof process?.emitWarning === "function") process.emitWarning(message, { code: "KEYSMITH_LOGGER_FAILED" });
    else console.warn(message);
  };
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
