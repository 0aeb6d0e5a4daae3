// keysmith where v3 users run it, from the packed tarball: the scripts of test/consumers/runtimes/ under Node, Bun and
// Deno, configured by the environment alone, in a Cloudflare Worker (workerd, through miniflare) bundled as wrangler
// bundles it, and in a web page in headless Chromium and Firefox, bundled for browsers. The same rotation against the embedded
// endpoint this process serves, seeing what Node sees, and v3's clients from the same script beside it; hostile
// answers; a web page's web-identity sign-in; and, where there is a command line, a role profile, the embedded endpoint inside the runtime, and Deno's
// type checker.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { platform, release, tmpdir } from "node:os";
import { join } from "node:path";
import { build } from "esbuild";
import { Miniflare } from "miniflare";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLocalEndpoint, type LocalEndpoint, type LocalUserCredentials } from "../src/entries/local.js";
import { isAwsSetting } from "./support/aws-environment.js";
import { browserSkipReason, hasBrowser, runInBrowser, type BrowserName } from "./support/browser.js";
import { installConsumer, packKeysmith, root, runAsync } from "./support/consumer-project.js";
import { tokenIssuer } from "./support/credential-federation.js";

const work = mkdtempSync(join(tmpdir(), "keysmith-runtimes-"));
const project = join(work, "consumer");
const home = join(work, "home");
let server: LocalEndpoint;

beforeAll(async () => {
  // @types/node: keysmith's types, like v3's, name node:http's agents, which a type checker on Deno reads from it.
  const devDependencies = ["@types/node", "@aws-sdk/client-iam", "@aws-sdk/client-sts"];
  installConsumer(project, packKeysmith(work), { manifest: { type: "module" }, devDependencies });
  cpSync(join(root, "test/consumers/runtimes"), project, { recursive: true });
  for (const script of ["rotation.mjs", "main.mjs", "worker.mjs", "page.mjs", "hostile.mjs", "web-identity.mjs"]) writeV3Copy(script);
  server = await startLocalEndpoint();
}, 300_000);
afterAll(async () => {
  await server?.close();
  rmSync(work, { recursive: true, force: true });
});

type Report = Record<string, unknown> & { accessKeyId: string };

/** Which clients a script imports: keysmith's, or v3's in the copy `writeV3Copy` makes. */
type Sdk = "keysmith" | "v3";

/** Writes x-v3.mjs: script x.mjs with its imports naming v3's clients and the other scripts' v3 copies. */
function writeV3Copy(script: string): void {
  const source = readFileSync(join(project, script), "utf8")
    .replaceAll('"keysmith/iam"', '"@aws-sdk/client-iam"')
    .replaceAll('"keysmith/sts"', '"@aws-sdk/client-sts"')
    .replace(/"\.\/([\w-]+)\.mjs"/g, '"./$1-v3.mjs"');
  writeFileSync(join(project, scriptOf(script, "v3")), source);
}

const scriptOf = (script: string, sdk: Sdk) => (sdk === "v3" ? script.replace(/\.mjs$/, "-v3.mjs") : script);

/** A runtime's command for a script of the consumer project's, the user's arguments after it. */
interface CommandLine {
  command: string;
  args: string[];
}

/**
 * Runs one of the project's scripts under a runtime, with no AWS setting of the machine's, a sandbox home, and the
 * settings a user of that runtime would export.
 */
async function runScript({ command, args }: CommandLine, script: string, settings: Record<string, string>, scriptArgs: string[] = []): Promise<Report> {
  const machineSettings = Object.fromEntries(Object.keys(process.env).filter(isAwsSetting).map((name) => [name, undefined]));
  const env = {
    ...machineSettings,
    HOME: home,
    AWS_REGION: "us-east-1",
    AWS_ENDPOINT_URL: server.url,
    ...settings,
    // Deno would look for a newer release of itself; the tests talk only to 127.0.0.1.
    DENO_NO_UPDATE_CHECK: "1",
    NO_COLOR: "1",
  };
  return JSON.parse(await runAsync(command, [...args, script, ...scriptArgs], project, env)) as Report;
}

/** One script of the project's bundled for browsers, as a bundler does with these export conditions. */
async function bundleForBrowsers(script: string, conditions?: string[]): Promise<string> {
  const { outputFiles } = await build({ absWorkingDir: project, entryPoints: [script], bundle: true, format: "esm", platform: "browser", conditions, write: false, logLevel: "error" });
  return outputFiles[0]!.text;
}

/** Bundles worker.mjs with wrangler's conditions and runs `task` in it in workerd, without Node compatibility. */
async function inWorker(task: object, sdk: Sdk = "keysmith"): Promise<Report> {
  const script = await bundleForBrowsers(scriptOf("worker.mjs", sdk), ["workerd", "worker", "browser"]);
  const worker = new Miniflare({ modules: true, script, compatibilityDate: "2026-04-01" });
  try {
    const response = await worker.dispatchFetch("http://worker/", { method: "POST", body: JSON.stringify(task) });
    const body = await response.text();
    if (response.status !== 200) throw new Error(`the worker answered ${response.status}: ${body}`);
    return JSON.parse(body) as Report;
  } finally {
    await worker.dispose();
  }
}

/**
 * Bundles page.mjs for browsers and runs a task in it in a headless browser; the page's origin is the clients'
 * endpoint, its calls going on to `upstream`.
 */
async function inBrowser(browser: BrowserName, task: (origin: string) => object, upstream: string, sdk: Sdk = "keysmith", host?: string): Promise<Report> {
  return (await runInBrowser(browser, await bundleForBrowsers(scriptOf("page.mjs", sdk)), task, upstream, host)) as Report;
}
const browsers = (["Chromium", "Firefox"] as const).filter((browser) => {
  if (!hasBrowser(browser)) console.warn(browserSkipReason(browser));
  return hasBrowser(browser);
});

const bin = (name: string) => join(root, "node_modules/.bin", name);
const versionOf = (name: string) => (JSON.parse(readFileSync(join(root, "node_modules", name, "package.json"), "utf8")) as { version: string }).version;

/** The runtimes with a command line, what each loads of keysmith, and how its user agent names it. */
const commandLines: Array<{ runtime: string; commandLine: CommandLine; loaded: string; userAgent: Record<string, string> }> = [
  {
    runtime: "Node",
    commandLine: { command: process.execPath, args: [] },
    loaded: "dist/node-esm/iam.js",
    userAgent: { os: `os/${platform()}#${release()}`, runtime: `md/nodejs#${process.versions.node}` },
  },
  // Bun takes the `import` condition: the CommonJS build, one copy with what require() gives.
  {
    runtime: "Bun",
    commandLine: { command: bin("bun"), args: [] },
    loaded: "dist/node/iam.js",
    userAgent: { os: `os/${platform()}#${release()}`, runtime: `md/bun#${versionOf("bun")}` },
  },
  // A Deno user grants what the clients use: the endpoint, the environment, the home folder (the shared config
  // files). Without --allow-sys, Deno will not tell the OS release (v3 then fails every call); the user agent goes
  // without it.
  {
    runtime: "Deno",
    commandLine: { command: bin("deno"), args: ["run", "--allow-net=127.0.0.1", "--allow-env", `--allow-read=${home}`] },
    loaded: "dist/node-esm/iam.js",
    userAgent: { os: `os/${platform()}`, runtime: `md/deno#${versionOf("deno")}` },
  },
];

/** What rotation.mjs reports, whichever the runtime, but the new key's id and what differs by runtime. */
function seenOfTheRotation(account: unknown) {
  return {
    created: { forTheUser: true, status: "Active", secretLength: 40, attempts: 1 },
    account,
    updated: { httpStatusCode: 200 },
    refused: { name: "InputValidationError", message: 'UpdateAccessKey: Status must be one of Active, Expired, Inactive (got "Disabled")' },
    missing: { name: "NoSuchEntityException", typed: true, fault: "client", httpStatusCode: 404 },
  };
}

const userNameFor = (runtime: string) => `user-${runtime.toLowerCase().replace(/\W+/g, "-").replace(/-$/, "")}`;

/** Every runtime, running the rotation with either SDK's clients. */
const rotations: Array<{ runtime: string; run: (user: LocalUserCredentials, sdk: Sdk) => Promise<Report>; loaded?: string; userAgent: Record<string, string> }> = [
  ...commandLines.map(({ commandLine, ...runtime }) => ({
    ...runtime,
    run: (user: LocalUserCredentials, sdk: Sdk) =>
      runScript(commandLine, scriptOf("main.mjs", sdk), { AWS_ACCESS_KEY_ID: user.accessKeyId, AWS_SECRET_ACCESS_KEY: user.secretAccessKey }, [user.userName]),
  })),
  // The worker bundle takes the `browser` files (and cannot say which): the user agent as v3's browser build sends it.
  {
    runtime: "Cloudflare Workers (workerd)",
    run: (user, sdk) => inWorker({ config: { region: "us-east-1", endpoint: server.url, credentials: user }, userName: user.userName }, sdk),
    userAgent: { os: "os/other", runtime: "md/browser#unknown_unknown" },
  },
  ...browserRotations(),
];

/**
 * A web page's rotation, the credentials a page gets (from Cognito, say) given as options: in Chromium, served from
 * 127.0.0.1 and over plain HTTP from a named host, an insecure context (no `crypto.randomUUID`, no Client Hints); in
 * Firefox, which has no Client Hints, from 127.0.0.1. The user agent names what v3's browser build names.
 */
function browserRotations() {
  const rotation = (browser: BrowserName, host?: string) => (user: LocalUserCredentials, sdk: Sdk) =>
    inBrowser(browser, (origin) => ({ config: { region: "us-east-1", endpoint: origin, credentials: user }, userName: user.userName }), server.url, sdk, host);
  const rows = {
    Chromium: [
      // From User-Agent Client Hints, the last brand Chromium lists.
      { runtime: "Chromium (headless)", run: rotation("Chromium"), userAgent: { os: "os/Linux", runtime: expect.stringMatching(/^md\/browser#Chromium_\d+$/) } },
      // From the User-Agent string, which gives no version.
      { runtime: "Chromium (headless), an insecure context", run: rotation("Chromium", "rotator.test"), userAgent: { os: "os/Linux", runtime: "md/browser#Chrome_unknown" } },
    ],
    Firefox: [{ runtime: "Firefox (headless)", run: rotation("Firefox"), userAgent: { os: "os/Linux", runtime: "md/browser#Firefox_unknown" } }],
  };
  return browsers.flatMap((browser) => rows[browser]);
}

// Every runtime's run must see exactly this, Node's included: so each sees what Node sees.
describe("the same rotation, from the packed tarball", () => {
  it.each(rotations)("$runtime: rotates a key, with typed errors and input refused before sending, as Node does", async ({ runtime, run, loaded, userAgent }) => {
    const user = server.createUser(userNameFor(runtime));
    const updatesBefore = server.stats.received.UpdateAccessKey ?? 0;
    const { accessKeyId, loaded: loadedBuild, userAgent: userAgentSeen, ...seen } = await run(user, "keysmith");

    expect(loadedBuild).toBe(loaded);
    expect(userAgentSeen).toEqual(userAgent);
    expect(server.listAccessKeys(user.userName)).toContainEqual(expect.objectContaining({ accessKeyId, status: "Inactive" }));
    expect(seen).toEqual(seenOfTheRotation(server.accountId));
    // The refused call was never sent: the update and the missing user's update were.
    expect((server.stats.received.UpdateAccessKey ?? 0) - updatesBefore).toBe(2);
  }, 120_000);
});

// v3 under the same runtime, from the same script with v3's imports: the same outcomes, but that v3 sends a status
// that is not one (the service refuses it), and where v3 fails: each such failure pinned, with the keys it leaves.
describe("v3 side by side, from the same script", () => {
  const v3Fails: Record<string, { error: RegExp; keysAfter: number }> = {
    // Without --allow-sys, v3's user agent throws before the first call is sent.
    Deno: { error: /NotCapable: Requires sys access to "osRelease"/, keysAfter: 1 },
    // v3's browser build reads XML with DOMParser, which Workers lack: CreateAccessKey is executed, and its answer,
    // with the new key's only copy of its secret, cannot be read.
    "Cloudflare Workers (workerd)": { error: /DOMParser is not defined/, keysAfter: 2 },
  };

  it.each(rotations)("$runtime: v3's clients rotate the key as keysmith's do, or fail where v3 fails", async ({ runtime, run, userAgent }) => {
    const user = server.createUser(`${userNameFor(runtime)}-v3`);
    const failure = v3Fails[runtime];
    if (failure) {
      await expect(run(user, "v3")).rejects.toThrow(failure.error);
      expect(server.listAccessKeys(user.userName)).toHaveLength(failure.keysAfter);
      return;
    }
    const updatesBefore = server.stats.received.UpdateAccessKey ?? 0;
    const { accessKeyId, loaded: _, userAgent: userAgentSeen, ...seen } = await run(user, "v3");
    expect(userAgentSeen).toEqual(userAgent);
    expect(server.listAccessKeys(user.userName)).toContainEqual(expect.objectContaining({ accessKeyId, status: "Inactive" }));
    expect(seen).toEqual({ ...seenOfTheRotation(server.accountId), refused: { name: "ValidationError", message: expect.stringContaining("'Disabled' at 'status'") } });
    expect((server.stats.received.UpdateAccessKey ?? 0) - updatesBefore).toBe(3);
  }, 120_000);
});

describe("the embedded endpoint, from the packed tarball", () => {
  it.each(commandLines)("$runtime: serves the rotation from keysmith/local started in the runtime itself", async ({ commandLine }) => {
    const { accessKeyId, userAgent: _, ...seen } = await runScript(commandLine, "local.mjs", {});
    expect(accessKeyId).toMatch(/^AKIA[A-Z2-7]{16}$/);
    expect(seen).toEqual({ ...seenOfTheRotation(expect.stringMatching(/^\d{12}$/)), statusAtTheEndpoint: "Inactive" });
  }, 120_000);
});

describe("the default chain's profiles, from the packed tarball", () => {
  it.each(commandLines)("$runtime: assumes the role of the profile AWS_PROFILE names, with its source profile's keys", async ({ runtime, commandLine }) => {
    const user = server.createUser(`${userNameFor(runtime)}-source`);
    const role = server.roles.create({ roleName: `Runtime${runtime}`, trustedPrincipals: [`arn:aws:iam::${server.accountId}:user/${user.userName}`] });
    const config = `[profile rotator]\nrole_arn = ${role.arn}\nsource_profile = base\n\n[profile base]\naws_access_key_id = ${user.accessKeyId}\naws_secret_access_key = ${user.secretAccessKey}\n`;
    mkdirSync(join(home, ".aws"), { recursive: true });
    writeFileSync(join(home, ".aws/config"), config);
    try {
      const { accessKeyId, account } = await runScript(commandLine, "role.mjs", { AWS_PROFILE: "rotator" });
      expect(account).toBe(server.accountId);
      expect(server.roles.sessionOf(accessKeyId)?.roleArn).toBe(role.arn);
    } finally {
      rmSync(join(home, ".aws"), { recursive: true });
    }
  }, 120_000);
});

it("Deno's type checker accepts keysmith's types, strict, and refuses a status that is not one", async () => {
  const output = await runAsync(bin("deno"), ["check", "typed.ts"], project, { HOME: home, DENO_NO_UPDATE_CHECK: "1", NO_COLOR: "1" });
  expect(output).toBe("");
}, 120_000);

/**
 * Answers by path: `silent` never, `endless` with a body without end, `truncated` with XML cut short, `proto` with an
 * element named __proto__.
 */
async function startHostileServer(): Promise<{ url: string; close: () => Promise<void> }> {
  const hostile = createServer((request, response) => {
    request.resume();
    // The clients post to the endpoint's path and the operation's "/": `/endless/`.
    const path = request.url?.replace(/\/$/, "");
    const xml = (body: string) => response.writeHead(200, { "content-type": "text/xml" }).end(body);
    if (path === "/endless") {
      response.writeHead(200, { "content-type": "text/xml" });
      const chunk = `<GetAccessKeyInfoResponse>${"x".repeat(65_536)}`;
      const pump = () => {
        while (!response.destroyed && response.write(chunk));
      };
      response.on("drain", pump);
      pump();
    } else if (path === "/truncated") xml("<GetAccessKeyInfoResponse><GetAccessKeyInfoResult><Account>1234");
    else if (path === "/proto") {
      xml("<GetAccessKeyInfoResponse><GetAccessKeyInfoResult><Account>123456789012</Account><__proto__><polluted>yes</polluted></__proto__></GetAccessKeyInfoResult></GetAccessKeyInfoResponse>");
    }
  });
  await new Promise<void>((resolve) => hostile.listen(0, "127.0.0.1", resolve));
  const { port } = hostile.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => {
      hostile.closeAllConnections();
      return new Promise((resolve) => hostile.close(() => resolve()));
    },
  };
}

// A web app signs its users in with an identity provider and trades their token for a role's credentials: STS
// AssumeRoleWithWebIdentity, unsigned, through the role assumer v3 code imports from @aws-sdk/client-sts. Without a
// browser it skips (each missing one said above), as the other runs in a browser do.
describe.skipIf(browsers.length === 0)("web identity in a web page, from the packed tarball", () => {
  const ISSUER = "https://accounts.example.com";
  const issuer = tokenIssuer(ISSUER);
  let provider: { arn: string };
  beforeAll(() => {
    provider = server.roles.addOpenIdProvider({ issuer: ISSUER, audiences: ["web-app"], publicKey: issuer.publicKey });
  });

  it.each(browsers.flatMap((browser) => (["keysmith", "v3"] as const).map((sdk) => ({ browser, sdk }))))(
    "$browser (headless), $sdk's getDefaultRoleAssumerWithWebIdentity: the page's token becomes a role session that signs its next call",
    async ({ browser, sdk }) => {
      const role = server.roles.create({ roleName: `Page${browser}-${sdk}`, trustedPrincipals: [provider.arn] });
      const token = issuer.token({ sub: "web-user", aud: "web-app", exp: Math.floor(Date.now() / 1000) + 3600 });
      const report = await inBrowser(browser, (origin) => ({ webIdentity: { config: { region: "us-east-1", endpoint: origin }, roleArn: role.arn, token } }), server.url, sdk);
      expect(report).toEqual({ accessKeyId: expect.stringMatching(/^ASIA/), account: server.accountId, temporary: true });
      expect(server.roles.sessionOf(report.accessKeyId)).toMatchObject({ roleArn: role.arn, webIdentitySubject: "web-user" });
    },
    120_000,
  );
});

describe("hostile and broken answers, from the packed tarball", () => {
  it.each<{ runtime: string; run: (serverUrl: string) => Promise<Report> }>([
    ...commandLines.map(({ runtime, commandLine }) => ({ runtime, run: (serverUrl: string) => runScript(commandLine, "hostile-main.mjs", {}, [serverUrl]) })),
    { runtime: "Cloudflare Workers (workerd)", run: (serverUrl) => inWorker({ hostileServer: serverUrl }) },
    ...browsers.map((browser) => ({ runtime: `${browser} (headless)`, run: (serverUrl: string) => inBrowser(browser, (origin) => ({ hostileServer: origin }), serverUrl) })),
  ])("$runtime: a silent server, an endless body, cut XML and __proto__ each end in their typed error, in time", async ({ run }) => {
    const hostile = await startHostileServer();
    try {
      const typed = (name: string) => ({ name, inTime: true });
      expect(await run(hostile.url)).toEqual({
        silent: typed("TimeoutError"),
        aborted: typed("AbortError"),
        endless: typed("ResponseTooLarge"),
        truncated: typed("DeserializationError"),
        proto: typed("DeserializationError"),
        polluted: false,
      });
    } finally {
      await hostile.close();
    }
  }, 120_000);
});
