/** The user's objects whose failure was reported (a logger, a retry strategy): once each, whichever client it failed in. */
const reportedFailures = new WeakSet<object>();

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
