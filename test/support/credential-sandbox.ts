import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterEach, beforeEach } from "vitest";

export interface CredentialSandbox {
  /** A fresh temporary HOME for the current test. */
  readonly home: string;
  /** Writes a file under HOME (e.g. ".aws/config") and returns its absolute path. */
  write(path: string, content: string): string;
  /** Sets (or, with undefined, removes) environment variables for the current test. */
  env(vars: Record<string, string | undefined>): void;
}

/**
 * Gives every test of the calling file its own HOME and an environment that holds only PATH, HOME,
 * AWS_EC2_METADATA_DISABLED=true (so nothing reaches the real 169.254.169.254 unless a test points the metadata
 * endpoint at a local server) and v3's switch for its Node-version warning (vitest.config.ts), and puts the real
 * environment back afterwards.
 */
export function useCredentialSandbox(): CredentialSandbox {
  let home = "";
  let saved: NodeJS.ProcessEnv = {};

  beforeEach(() => {
    saved = { ...process.env };
    home = mkdtempSync(join(tmpdir(), "keysmith-credentials-"));
    const { PATH, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED } = saved;
    replaceEnvironment({ PATH, HOME: home, AWS_EC2_METADATA_DISABLED: "true", AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED });
  });
  afterEach(() => {
    replaceEnvironment(saved);
    rmSync(home, { recursive: true, force: true });
  });

  return {
    get home() {
      return home;
    },
    write(path, content) {
      const absolute = join(home, path);
      mkdirSync(dirname(absolute), { recursive: true });
      writeFileSync(absolute, content);
      return absolute;
    },
    env(vars) {
      for (const [name, value] of Object.entries(vars)) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    },
  };
}

// process.env stays the same object (child processes and libraries hold on to it); only its contents change.
function replaceEnvironment(vars: NodeJS.ProcessEnv): void {
  for (const name of Object.keys(process.env)) delete process.env[name];
  for (const [name, value] of Object.entries(vars)) if (value !== undefined) process.env[name] = value;
}

export interface ProcessScript {
  stdout?: string;
  stderr?: string;
  exitCode?: number;
  /** Keeps the process alive this long after printing. */
  lingerMs?: number;
}

/** Writes a node script that behaves as described and returns a shell command that runs it, for credential_process. */
export function credentialProcessCommand(sandbox: CredentialSandbox, name: string, script: ProcessScript): string {
  const path = sandbox.write(`bin/${name}.mjs`, [
    `process.stderr.write(${JSON.stringify(script.stderr ?? "")});`,
    `process.stdout.write(${JSON.stringify(script.stdout ?? "")});`,
    `process.exitCode = ${script.exitCode ?? 0};`,
    script.lingerMs ? `setTimeout(() => {}, ${script.lingerMs});` : "",
  ].join("\n"));
  return `"${process.execPath}" "${path}"`;
}

/** The error `promise` rejects with; fails the test when it resolves. */
export async function failureOf(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected a failure");
}
