import { afterEach, beforeEach } from "vitest";

/**
 * Runs each test of the file without the machine's AWS settings: no AWS_* variable (nor Lambda's trace id), shared
 * config files that do not exist; what a test sets is undone after it.
 */
export function withoutAwsEnvironment(): void {
  let saved: NodeJS.ProcessEnv;
  beforeEach(() => {
    saved = { ...process.env };
    for (const name of Object.keys(process.env)) if (name.startsWith("AWS_") || name === "_X_AMZN_TRACE_ID") delete process.env[name];
    process.env.AWS_CONFIG_FILE = "/nonexistent/keysmith-config";
    process.env.AWS_SHARED_CREDENTIALS_FILE = "/nonexistent/keysmith-credentials";
  });
  afterEach(() => {
    process.env = saved;
  });
}
