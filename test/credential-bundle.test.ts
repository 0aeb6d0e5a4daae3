// A bundler inlines the chain's import()s: the credential chain and its STS calls share modules with the user's
// static imports. The app as esbuild bundles it for Node (as bench/bundle.ts does) must still work, both the three
// calls with static keys and a role profile, which runs the inlined STS code: bundled as bundlers get keysmith
// (dist/bundler: its own import()s made static, so the chain and the runtime import each other in one scope) and as
// a bundler given Node's build gets it (the import()s inlined, their targets in lazy initializers). For browsers,
// which have no chain, the role operations stay out of the bundle (their error classes come in with STS's, as every
// error of a client does in v3: a service may answer any call with them), and so do request compression's settings.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build, type Plugin } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { staticOwnImports } from "../scripts/static-own-imports.js";
import { startLocalEndpoint, type LocalEndpoint } from "../src/entries/local.js";
import { useCredentialSandbox } from "./support/credential-sandbox.js";

const sandbox = useCredentialSandbox();
const root = fileURLToPath(new URL("..", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "keysmith-bundle-"));
type App = { STSClient: any; IAMClient: any; GetAccessKeyInfoCommand: any; CreateAccessKeyCommand: any };
const builds: { name: string; plugins: Plugin[]; lazyInitializers: boolean }[] = [
  { name: "static imports (dist/bundler)", plugins: [staticOwnImports], lazyInitializers: false },
  { name: "inlined import()s", plugins: [], lazyInitializers: true },
];
const apps = new Map<string, App>();
const codes = new Map<string, string>();
let endpoint: LocalEndpoint;

beforeAll(async () => {
  const entry = join(dir, "app.ts");
  writeFileSync(
    entry,
    `export { STSClient, GetAccessKeyInfoCommand } from ${JSON.stringify(join(root, "src/entries/sts.ts"))};\n` +
      `export { IAMClient, CreateAccessKeyCommand } from ${JSON.stringify(join(root, "src/entries/iam.ts"))};\n`,
  );
  for (const { name, plugins } of builds) {
    const outfile = join(dir, `app-${apps.size}.mjs`);
    await build({ entryPoints: [entry], bundle: true, format: "esm", platform: "node", conditions: ["keysmith-source"], mainFields: ["module", "main"], plugins, outfile, logLevel: "error" });
    apps.set(name, await import(pathToFileURL(outfile).href));
    codes.set(name, readFileSync(outfile, "utf8"));
  }
  endpoint = await startLocalEndpoint();
});
afterAll(async () => {
  await endpoint.close();
  rmSync(dir, { recursive: true, force: true });
});

it("leaves the role operations, request compression's settings, host prefixes and waiters out of a browser bundle of the three calls", async () => {
  const platform: Plugin = {
    name: "browser-platform",
    setup: (esbuild) => esbuild.onResolve({ filter: /^#platform$/ }, () => ({ path: join(root, "src/platform/browser.ts") })),
  };
  const { outputFiles } = await build({
    stdin: {
      contents: `export { STSClient, GetAccessKeyInfoCommand } from "./src/entries/sts.ts";\nexport { IAMClient, CreateAccessKeyCommand, UpdateAccessKeyCommand } from "./src/entries/iam.ts";\n`,
      resolveDir: root,
    },
    bundle: true,
    format: "esm",
    platform: "browser",
    plugins: [platform],
    write: false,
    logLevel: "error",
  });
  const code = outputFiles[0]!.text;
  expect(code).toContain('"NoSuchEntityException"');
  for (const roleOnly of ["AssumeRole", "RoleSessionName", "WebIdentityToken"]) expect(code).not.toContain(roleOnly);
  // None of the three compresses: only clients with an operation that does read the settings for it.
  for (const compressionOnly of ["AWS_DISABLE_REQUEST_COMPRESSION", "AWS_REQUEST_MIN_COMPRESSION_SIZE_BYTES"]) expect(code).not.toContain(compressionOnly);
  // Nor has a host prefix: the middleware that applies one comes with the operations that have one.
  expect(code).not.toContain("hostPrefixMiddleware");
  // Nor waiters: smithy's polling loop and the acceptors' runtime come only with a client that has waiters.
  for (const waiterOnly of ["checkAcceptors", "jmespath", "Waiter has timed out", "AbortController signal aborted"]) expect(code).not.toContain(waiterOnly);
});

it.each(builds)("bundled with $name, esbuild wraps modules in lazy initializers: $lazyInitializers", ({ name, lazyInitializers }) => {
  expect(codes.get(name)).toContain("function defaultCredentialChain(");
  // esbuild names a module's lazy initializer after its file: the chain's, and the runtime's that the chain reaches.
  for (const module of ["credential_chain", "client_config", "query_client"]) expect(codes.get(name)!.includes(`var init_${module} = __esm(`)).toBe(lazyInitializers);
});

describe.each(builds.map(({ name }, index) => ({ name, index })))("bundled with $name", ({ name, index }) => {
  it("runs calls with static credentials", async () => {
    const app = apps.get(name)!;
    const alice = endpoint.createUser(`alice${index}`);
    const iam = new app.IAMClient({ region: "us-east-1", endpoint: endpoint.url, credentials: alice });
    expect((await iam.send(new app.CreateAccessKeyCommand({}))).AccessKey.UserName).toBe(`alice${index}`);
    iam.destroy();
  });

  it("assumes a profile's role through the inlined STS calls", async () => {
    const app = apps.get(name)!;
    const bob = endpoint.createUser(`bob${index}`);
    const role = endpoint.roles.create({ roleName: `Bundled${index}`, trustedPrincipals: [`arn:aws:iam::${endpoint.accountId}:user/bob${index}`] });
    sandbox.write(".aws/config", `[profile r]\nrole_arn = ${role.arn}\nsource_profile = base\n[profile base]\naws_access_key_id = ${bob.accessKeyId}\naws_secret_access_key = ${bob.secretAccessKey}\n`);
    sandbox.env({ AWS_ENDPOINT_URL_STS: endpoint.url });
    const sts = new app.STSClient({ region: "us-east-1", profile: "r" });
    expect((await sts.send(new app.GetAccessKeyInfoCommand({ AccessKeyId: bob.accessKeyId }))).Account).toBe(endpoint.accountId);
    expect(endpoint.roles.sessionOf((await sts.config.credentials()).accessKeyId)?.roleArn).toBe(role.arn);
    sts.destroy();
  });
});
