import type { AwsCredentialIdentity } from "@smithy/types";
import { CredentialsError } from "../../config/credentials.js";

/** Long enough for a helper that waits on a hardware token or a browser sign-in; a hung helper still fails. */
const DEFAULT_TIMEOUT_MS = 60_000;
/**
 * Per stream, as the official SDK's exec allows (Node's maxBuffer default): the JSON is a few hundred bytes, but a
 * helper may log at length on stderr. More means a runaway helper, and memory stays bounded.
 */
const MAX_STREAM_BYTES = 1024 * 1024;
/** How much of the helper's stderr an error quotes. */
const MAX_STDERR_CHARS = 1000;

export interface CredentialProcessOptions {
  timeoutMs?: number;
  /** The profile's aws_account_id: the account when the output names none, as in the official SDK. */
  profileAccountId?: string;
}

/**
 * Runs a profile's `credential_process` command through the shell (as the official JavaScript SDK does) and reads
 * the credentials it prints: `{"Version": 1, "AccessKeyId", "SecretAccessKey", "SessionToken"?, "Expiration"?,
 * "AccountId"?, "CredentialScope"?}`. Errors quote the helper's stderr, as the AWS SDKs do, but never its stdout,
 * where the secret is.
 */
export async function runCredentialProcess(command: string, options: CredentialProcessOptions = {}): Promise<AwsCredentialIdentity> {
  const { code, signal, stdout, stderr } = await run(command, options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  if (code !== 0) {
    const how = signal ? `was killed by ${signal}` : `exited with code ${code}`;
    const detail = stderr.trim().slice(-MAX_STDERR_CHARS);
    throw new CredentialsError(`credential_process ${how}${detail ? `; its stderr: ${detail}` : " and wrote nothing to stderr"}`);
  }
  return parseProcessOutput(stdout, options.profileAccountId);
}

function parseProcessOutput(stdout: string, profileAccountId: string | undefined): AwsCredentialIdentity {
  let output: unknown;
  try {
    output = JSON.parse(stdout);
  } catch {
    // The parser's message quotes the text, which may hold the secret.
    throw new CredentialsError("credential_process printed something that is not JSON");
  }
  if (typeof output !== "object" || output === null || Array.isArray(output)) {
    throw new CredentialsError("credential_process printed JSON that is not an object");
  }
  const { Version, AccessKeyId, SecretAccessKey, SessionToken, Expiration, AccountId, CredentialScope } = output as Record<string, unknown>;
  if (Version !== 1) throw new CredentialsError(`credential_process output must have "Version": 1`);
  const missing = Object.entries({ AccessKeyId, SecretAccessKey })
    .filter(([, value]) => typeof value !== "string" || value === "")
    .map(([name]) => name);
  if (missing.length > 0) throw new CredentialsError(`credential_process output lacks ${missing.join(" and ")}`);
  const sessionToken = optionalString(SessionToken, "SessionToken");
  const expiration = Expiration ? parseExpiration(Expiration) : undefined;
  const accountId = optionalString(AccountId, "AccountId") || profileAccountId;
  const credentialScope = optionalString(CredentialScope, "CredentialScope");
  return {
    accessKeyId: AccessKeyId as string,
    secretAccessKey: SecretAccessKey as string,
    ...(sessionToken ? { sessionToken } : {}),
    ...(expiration ? { expiration } : {}),
    ...(accountId ? { accountId } : {}),
    ...(credentialScope ? { credentialScope } : {}),
  };
}

/** As in the official SDK, a falsy value is no value: a helper may print its language's null, or "". */
function optionalString(value: unknown, field: string): string | undefined {
  if (!value) return undefined;
  if (typeof value !== "string") throw new CredentialsError(`credential_process output's ${field} is not a string`);
  return value;
}

/** An RFC 3339 timestamp, or milliseconds since 1970 as a number, which the official SDK takes too. */
function parseExpiration(value: unknown): Date {
  const expiration = typeof value === "string" || typeof value === "number" ? new Date(value) : new Date(Number.NaN);
  if (Number.isNaN(expiration.getTime())) {
    throw new CredentialsError(
      `credential_process output has an Expiration that is neither an RFC 3339 timestamp nor milliseconds since 1970: ${JSON.stringify(value)}`,
    );
  }
  if (expiration.getTime() <= Date.now()) {
    throw new CredentialsError(`credential_process returned credentials that expired at ${expiration.toISOString()}`);
  }
  return expiration;
}

interface Finished {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

async function run(command: string, timeoutMs: number): Promise<Finished> {
  // Imported here, not at the top: a bundler hoists a builtin's static import to the bundle's start, so every client
  // would load child_process for the few that use credential_process.
  const { spawn } = await import("node:child_process");
  return new Promise((resolve, reject) => {
    // stdin is closed: a library must not hand its process's input to a helper. The helper keeps the terminal, so a
    // prompt through /dev/tty still works.
    const child = spawn(command, { shell: true, stdio: ["ignore", "pipe", "pipe"], windowsHide: true });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    const abandon = (error: CredentialsError) => {
      clearTimeout(timer);
      // Kills the shell; a program it started may outlive it, but our pipes are closed so we do not wait for it.
      child.kill("SIGKILL");
      child.stdout.destroy();
      child.stderr.destroy();
      reject(error);
    };
    const timer = setTimeout(() => abandon(new CredentialsError(`credential_process did not finish within ${timeoutMs} ms`)), timeoutMs);
    const collect = (stream: "stdout" | "stderr", chunks: Buffer[]) => {
      let bytes = 0;
      return (chunk: Buffer) => {
        bytes += chunk.length;
        if (bytes > MAX_STREAM_BYTES) abandon(new CredentialsError(`credential_process wrote more than ${MAX_STREAM_BYTES} bytes to ${stream}`));
        else chunks.push(chunk);
      };
    };
    child.stdout.on("data", collect("stdout", stdout));
    child.stderr.on("data", collect("stderr", stderr));
    child.once("error", (error) => abandon(new CredentialsError(`credential_process could not be started: ${error.message}`)));
    child.once("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout: Buffer.concat(stdout).toString("utf8"), stderr: Buffer.concat(stderr).toString("utf8") });
    });
  });
}
