import { afterEach, beforeEach } from "vitest";

/**
 * Whether an environment variable is one of the machine's AWS settings (Lambda's trace id included), which tests that
 * pin what keysmith reads take away. v3's switch for its Node-version warning (vitest.config.ts) is not one.
 */
export function isAwsSetting(name: string): boolean {
  return (name.startsWith("AWS_") && name !== "AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED") || name === "_X_AMZN_TRACE_ID";
}

/**
 * Runs each test of the file without the machine's AWS settings: no AWS_* variable (nor Lambda's trace id), shared
 * config files that do not exist; what a test sets is undone after it.
 */
export function withoutAwsEnvironment(): void {
  let saved: NodeJS.ProcessEnv;
  beforeEach(() => {
    saved = { ...process.env };
    for (const name of Object.keys(process.env)) if (isAwsSetting(name)) delete process.env[name];
    process.env.AWS_CONFIG_FILE = "/nonexistent/keysmith-config";
    process.env.AWS_SHARED_CREDENTIALS_FILE = "/nonexistent/keysmith-credentials";
  });
  afterEach(() => {
    process.env = saved;
  });
}
