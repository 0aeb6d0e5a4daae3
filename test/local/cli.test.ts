import { spawn, type ChildProcess } from "node:child_process";
import { describe, it } from "vitest";
import { call } from "./helpers.js";

const ROOT = new URL("../../", import.meta.url);

/** Starts the CLI in its own process group, so one signal reaches npx, tsx and node alike. */
function startCli(args: string[]): {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
} {
  // From the sources, #platform resolves under the keysmith-source condition, as `npm start` runs them.
  const child = spawn("npx", ["tsx", "--conditions=keysmith-source", "src/local/cli.ts", ...args], { cwd: ROOT, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (chunk) => (stdout += chunk));
  child.stderr!.on("data", (chunk) => (stderr += chunk));
  // 'close' waits for the stdio pipes too, which every process in the chain holds until it ends.
  const exited = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
  return { child, stdout: () => stdout, stderr: () => stderr, exited };
}

async function waitFor(predicate: () => boolean, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

// Concurrent: each case pays for an npx + tsx start-up, so they overlap.
describe.concurrent("keysmith-local", () => {
  it("prints working export lines and stops on SIGTERM", async ({ expect }) => {
    const cli = startCli(["--port", "0", "--account", "000000000042"]);
    try {
      await waitFor(() => /AWS_REGION=/.test(cli.stdout()), 20_000);
      const exports = Object.fromEntries(
        [...cli.stdout().matchAll(/^export (AWS_[A-Z_]+)=(\S+)$/gm)].map((match) => [match[1]!, match[2]!]),
      );
      expect(exports).toEqual({
        AWS_ACCESS_KEY_ID: expect.stringMatching(/^AKIA[A-Z2-7]{16}$/),
        AWS_SECRET_ACCESS_KEY: expect.stringMatching(/^[A-Za-z0-9+/]{40}$/),
        AWS_ENDPOINT_URL: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/),
        AWS_REGION: "us-east-1",
      });
      // Every other line is a shell comment, so the output can be eval'd as a whole.
      expect(cli.stdout().split("\n").filter((line) => line && !line.startsWith("export ") && !line.startsWith("#"))).toEqual([]);

      const credentials = { accessKeyId: exports.AWS_ACCESS_KEY_ID!, secretAccessKey: exports.AWS_SECRET_ACCESS_KEY! };
      const identity = await call(exports.AWS_ENDPOINT_URL!, "GetCallerIdentity", {}, { credentials });
      expect(identity.xml.GetCallerIdentityResponse.GetCallerIdentityResult).toMatchObject({
        Account: "000000000042",
        Arn: "arn:aws:iam::000000000042:user/local-admin",
      });

      process.kill(-cli.child.pid!, "SIGTERM");
      await cli.exited;
      expect(cli.stderr()).toMatch(/SIGTERM, stopping/);
      await expect(call(exports.AWS_ENDPOINT_URL!, "GetCallerIdentity", {}, { credentials })).rejects.toThrow(/ECONNREFUSED/);
    } finally {
      if (cli.child.exitCode === null && cli.child.signalCode === null) process.kill(-cli.child.pid!, "SIGKILL");
    }
  });

  it('takes --host "" as loopback, and prints a URL that works', async ({ expect }) => {
    const cli = startCli(["--port", "0", "--host", ""]);
    try {
      await waitFor(() => /AWS_REGION=/.test(cli.stdout()), 20_000);
      const url = /^export AWS_ENDPOINT_URL=(\S+)$/m.exec(cli.stdout())?.[1];
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const credentials = {
        accessKeyId: /^export AWS_ACCESS_KEY_ID=(\S+)$/m.exec(cli.stdout())![1]!,
        secretAccessKey: /^export AWS_SECRET_ACCESS_KEY=(\S+)$/m.exec(cli.stdout())![1]!,
      };
      expect((await call(url!, "GetCallerIdentity", {}, { credentials })).status).toBe(200);
    } finally {
      if (cli.child.exitCode === null && cli.child.signalCode === null) process.kill(-cli.child.pid!, "SIGKILL");
    }
  });

  it("refuses a --host beyond loopback without --expose-beyond-loopback, with usage and exit code 2", async ({ expect }) => {
    const cli = startCli(["--port", "0", "--host", "0.0.0.0"]);
    try {
      expect(await Promise.race([cli.exited, new Promise((resolve) => setTimeout(() => resolve("still running"), 20_000))])).toBe(2);
      expect(cli.stderr()).toMatch(/host '0\.0\.0\.0' is not a loopback address[\s\S]*--expose-beyond-loopback[\s\S]*usage: keysmith-local/);
      expect(cli.stdout()).toBe("");
    } finally {
      if (cli.child.exitCode === null && cli.child.signalCode === null) process.kill(-cli.child.pid!, "SIGKILL");
    }
  });

  it("refuses a bad port with usage and exit code 2", async ({ expect }) => {
    const cli = startCli(["--port", "http"]);
    expect(await cli.exited).toBe(2);
    expect(cli.stderr()).toMatch(/--port must be 0\.\.65535[\s\S]*usage: keysmith-local/);
  });
});
