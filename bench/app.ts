// The app every measurement runs: the three calls of a key rotation. keysmith's copy and v3's copy are the same
// source but for the two import lines; aws-lite's is what its user writes for the same calls (it has no commands): a
// raw client, a form body per call, and the parsed XML read by hand. All live in bench/.apps/ so that "keysmith/sts"
// resolves as the package self-reference (to dist/, as a user gets it) and the others to node_modules.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export const FLAVORS = ["keysmith", "aws-lite", "v3"] as const;
export type Flavor = (typeof FLAVORS)[number];

export const OPERATIONS = ["GetAccessKeyInfo", "CreateAccessKey", "UpdateAccessKey"] as const;
export type Operation = (typeof OPERATIONS)[number];

export const APPS_DIR = join(import.meta.dirname, ".apps");

const sdkSource = ({ sts, iam }: { sts: string; iam: string }) => `\
import { STSClient, GetAccessKeyInfoCommand } from "${sts}";
import { IAMClient, CreateAccessKeyCommand, UpdateAccessKeyCommand } from "${iam}";

export function clients(config) {
  return { sts: new STSClient(config), iam: new IAMClient(config) };
}

export const calls = {
  GetAccessKeyInfo: ({ sts }) => sts.send(new GetAccessKeyInfoCommand({ AccessKeyId: "AKIAIOSFODNN7EXAMPLE" })),
  CreateAccessKey: ({ iam }) => iam.send(new CreateAccessKeyCommand({ UserName: "Bob" })),
  UpdateAccessKey: ({ iam }) => iam.send(new UpdateAccessKeyCommand({ UserName: "Bob", AccessKeyId: "AKIAIOSFODNN7EXAMPLE", Status: "Inactive" })),
};
`;

// One aws-lite client serves every service; the endpoint, when given, replaces AWS's for both.
const awsLiteSource = `\
import awsLite from "@aws-lite/client";

export async function clients({ region, credentials, endpoint }) {
  const aws = await awsLite({ region, ...credentials, ...(endpoint ? { endpoint } : {}) });
  return { sts: aws, iam: aws };
}

const query = (service, Version, params) => ({
  service,
  method: "POST",
  path: "/",
  headers: { "content-type": "application/x-www-form-urlencoded" },
  body: new URLSearchParams({ Version, ...params }).toString(),
});

export const calls = {
  GetAccessKeyInfo: async ({ sts }) =>
    (await sts(query("sts", "2011-06-15", { Action: "GetAccessKeyInfo", AccessKeyId: "AKIAIOSFODNN7EXAMPLE" }))).payload.GetAccessKeyInfoResult,
  CreateAccessKey: async ({ iam }) =>
    (await iam(query("iam", "2010-05-08", { Action: "CreateAccessKey", UserName: "Bob" }))).payload.CreateAccessKeyResult.AccessKey,
  UpdateAccessKey: async ({ iam }) =>
    (await iam(query("iam", "2010-05-08", { Action: "UpdateAccessKey", UserName: "Bob", AccessKeyId: "AKIAIOSFODNN7EXAMPLE", Status: "Inactive" }))).payload.ResponseMetadata,
};
`;

const SOURCES: Record<Flavor, string> = {
  keysmith: sdkSource({ sts: "keysmith/sts", iam: "keysmith/iam" }),
  "aws-lite": awsLiteSource,
  v3: sdkSource({ sts: "@aws-sdk/client-sts", iam: "@aws-sdk/client-iam" }),
};

/** The packages each peer's app imports, as this project pins them (devDependencies), e.g. "@aws-sdk/client-sts@3.1169.0". */
export const PEER_PACKAGES = { "aws-lite": ["@aws-lite/client"], v3: ["@aws-sdk/client-sts", "@aws-sdk/client-iam"] } as const;

export function pinned(names: readonly string[]): string[] {
  const { devDependencies } = JSON.parse(readFileSync(join(import.meta.dirname, "../package.json"), "utf8")) as { devDependencies: Record<string, string> };
  return names.map((name) => `${name}@${devDependencies[name]}`);
}

/** What an app module exports. */
export interface App {
  clients(config: object): AppClients | Promise<AppClients>;
  calls: Record<Operation, (clients: AppClients) => Promise<unknown>>;
}
export type AppClients = { sts: unknown; iam: unknown };

/** The same settings for every client: static credentials, so none looks for a credential chain. */
export function appConfig(extra: object = {}): object {
  return { region: "us-east-1", credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY" }, ...extra };
}

/** The unbundled app's path. */
export function appPath(flavor: Flavor): string {
  return join(APPS_DIR, `${flavor}.mjs`);
}

export function writeApps(): void {
  mkdirSync(APPS_DIR, { recursive: true });
  for (const flavor of FLAVORS) writeFileSync(appPath(flavor), SOURCES[flavor]);
}

export async function loadApp(path: string): Promise<App> {
  return (await import(path)) as App;
}
