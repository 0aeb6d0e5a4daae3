import type { Logger } from "@smithy/types";
import { reportFailure } from "./failure-report.js";

const LOG_LEVELS = ["trace", "debug", "info", "warn", "error"] as const;
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
  if (typeof logger !== "object" || logger === null) return silentLogger;
  if (logger === silentLogger || guarded.has(logger)) return logger;
  let copy = guardedCopies.get(logger);
  if (copy === undefined) guardedCopies.set(logger, (copy = guardedLogger(logger)));
  return copy;
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
