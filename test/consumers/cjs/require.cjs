// Plain CommonJS: require() of every entry, then a call against the embedded endpoint. The test runs it also with
// --no-experimental-require-module, as Node 20.0–20.18 runs it.
const { IAMClient, CreateAccessKeyCommand, NoSuchEntityException } = require("keysmith/iam");
const { startLocalEndpoint } = require("keysmith/local");
const { QueryClient } = require("keysmith/runtime");
const { GetAccessKeyInfoCommand, STSClient } = require("keysmith/sts");
const { MASK } = require("keysmith/testing");

async function main() {
  const server = await startLocalEndpoint();
  try {
    const alice = server.createUser("alice");
    const config = { region: "us-east-1", endpoint: server.url, credentials: alice };
    const created = await new IAMClient(config).send(new CreateAccessKeyCommand({ UserName: "alice" }));
    const info = await new STSClient(config).send(new GetAccessKeyInfoCommand({ AccessKeyId: created.AccessKey.AccessKeyId }));
    return { account: info.Account, runtime: new IAMClient(config) instanceof QueryClient, errorClass: typeof NoSuchEntityException, mask: MASK };
  } finally {
    await server.close();
  }
}

main().then((result) => console.log(JSON.stringify(result)), (error) => {
  console.error(error);
  process.exitCode = 1;
});
