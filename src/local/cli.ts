#!/usr/bin/env node
/**
 * `keysmith-local`: runs the embedded IAM/STS endpoint until SIGINT or SIGTERM. On start it
 * creates a user and prints `export AWS_…=…` lines that point an AWS SDK or CLI, in another
 * shell, at the endpoint as that user.
 *
 * The default port is fixed (4580) so the printed AWS_ENDPOINT_URL stays valid across restarts,
 * and is not LocalStack's 4566, so both can run side by side. `--port 0` picks a free port.
 */
import { parseArgs } from "node:util";
// Through keysmith/local's entry, which gives the endpoint the generated operations (src/ below entries/ does not import generated/).
import { startLocalEndpoint } from "../entries/local.js";

const DEFAULT_PORT = 4580;
const BOOTSTRAP_USER = "local-admin";
const USAGE = `usage: keysmith-local [--port N] [--host ADDRESS [--expose-beyond-loopback]] [--account 12-DIGIT-ID]
  --port                    TCP port (default ${DEFAULT_PORT}; 0 picks a free one)
  --host                    loopback address to listen on (default 127.0.0.1; also ::1, localhost)
  --expose-beyond-loopback  allow a --host that other machines can reach (0.0.0.0, a LAN address)
  --account                 account id of every user and key (default 123456789012)`;

async function main(): Promise<void> {
  let values: { port?: string; host?: string; "expose-beyond-loopback"?: boolean; account?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      options: {
        port: { type: "string" },
        host: { type: "string" },
        "expose-beyond-loopback": { type: "boolean" },
        account: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    }));
  } catch (error) {
    return fail((error as Error).message);
  }
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const port = values.port === undefined ? DEFAULT_PORT : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) return fail(`--port must be 0..65535, got '${values.port}'`);

  let server;
  try {
    server = await startLocalEndpoint({
      port,
      ...(values.host !== undefined && { host: values.host }),
      exposeBeyondLoopback: values["expose-beyond-loopback"] === true,
      ...(values.account !== undefined && { accountId: values.account }),
    });
  } catch (error) {
    // A refused setting is a usage error; a failure to listen (a port in use) is not.
    if (error instanceof RangeError) return fail(error.message);
    throw error;
  }
  const user = server.createUser(BOOTSTRAP_USER);
  // Comment lines start with '#', so the whole output can be eval'd by a shell.
  console.log(`# keysmith-local: IAM and STS at ${server.url}, account ${server.accountId}, user ${user.userName}`);
  console.log(`export AWS_ACCESS_KEY_ID=${user.accessKeyId}`);
  console.log(`export AWS_SECRET_ACCESS_KEY=${user.secretAccessKey}`);
  console.log(`export AWS_ENDPOINT_URL=${server.url}`);
  console.log(`export AWS_REGION=${server.region}`);

  // A signal may arrive twice (from a wrapper such as npx or tsx and from the terminal's process
  // group); stay subscribed so the second one cannot kill the process mid-close.
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    console.error(`# keysmith-local: ${signal}, stopping`);
    void server.close().then(() => process.exit(0));
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

function fail(message: string): void {
  console.error(`keysmith-local: ${message}\n${USAGE}`);
  process.exitCode = 2;
}

main().catch((error: unknown) => {
  console.error(`keysmith-local: ${(error as Error).message ?? error}`);
  process.exitCode = 1;
});
