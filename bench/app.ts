// The app every measurement runs: the three calls of a key rotation. keysmith's copy and v3's copy are the same
// source but for the two import lines, and both live in bench/.apps/ so that "keysmith/sts" resolves as the package
// self-reference (to dist/, as a user gets it) and "@aws-sdk/client-sts" to node_modules.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export const FLAVORS = ["keysmith", "v3"] as const;
export type Flavor = (typeof FLAVORS)[number];

export const OPERATIONS = ["GetAccessKeyInfo", "CreateAccessKey", "UpdateAccessKey"] as const;
export type Operation = (typeof OPERATIONS)[number];

export const APPS_DIR = join(import.meta.dirname, ".apps");

const IMPORTS: Record<Flavor, { sts: string; iam: string }> = {
  keysmith: { sts: "keysmith/sts", iam: "keysmith/iam" },
  v3: { sts: "@aws-sdk/client-sts", iam: "@aws-sdk/client-iam" },
};

const source = ({ sts, iam }: { sts: string; iam: string }) => `\
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

/** The v3 packages as this project pins them (devDependencies), e.g. "@aws-sdk/client-sts@3.1169.0". */
export function v3Packages(): string[] {
  const { devDependencies } = JSON.parse(readFileSync(join(import.meta.dirname, "../package.json"), "utf8")) as { devDependencies: Record<string, string> };
  return [IMPORTS.v3.sts, IMPORTS.v3.iam].map((name) => `${name}@${devDependencies[name]}`);
}

/** What an app module exports. */
export interface App {
  clients(config: object): AppClients;
  calls: Record<Operation, (clients: AppClients) => Promise<unknown>>;
}
export type AppClients = { sts: unknown; iam: unknown };

/** The same settings for both clients: static credentials, so neither looks for a credential chain. */
export function appConfig(extra: object = {}): object {
  return { region: "us-east-1", credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY" }, ...extra };
}

/** The unbundled app's path. */
export function appPath(flavor: Flavor): string {
  return join(APPS_DIR, `${flavor}.mjs`);
}

/** The esbuild Node bundle of the app (written by bundle.ts). */
export function bundlePath(flavor: Flavor, platform: "node" | "browser"): string {
  return join(APPS_DIR, `bundle-${flavor}-${platform}.mjs`);
}

export function writeApps(): void {
  mkdirSync(APPS_DIR, { recursive: true });
  for (const flavor of FLAVORS) writeFileSync(appPath(flavor), source(IMPORTS[flavor]));
}

export async function loadApp(path: string): Promise<App> {
  return (await import(path)) as App;
}
