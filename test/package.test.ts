// The published package works: `npm pack`, install the tarball into an empty project, import keysmith/sts and
// keysmith/iam (JavaScript and types), and run the three commands against a stub handler.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { installConsumer, packKeysmith, root, run } from "./support/consumer-project.js";

const work = mkdtempSync(join(tmpdir(), "keysmith-pack-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const app = `
import { STSClient, GetAccessKeyInfoCommand, describeAccessKeyId } from "keysmith/sts";
import { IAMClient, CreateAccessKeyCommand, UpdateAccessKeyCommand, NoSuchEntityException } from "keysmith/iam";

const bodies: Record<string, string> = {
  GetAccessKeyInfo: "<GetAccessKeyInfoResponse><GetAccessKeyInfoResult><Account>012345678901</Account></GetAccessKeyInfoResult></GetAccessKeyInfoResponse>",
  CreateAccessKey: "<CreateAccessKeyResponse><CreateAccessKeyResult><AccessKey><UserName>Bob</UserName><AccessKeyId>AKIAIOSFODNN7EXAMPLE</AccessKeyId><Status>Active</Status><SecretAccessKey>secret</SecretAccessKey></AccessKey></CreateAccessKeyResult></CreateAccessKeyResponse>",
  UpdateAccessKey: "<ErrorResponse><Error><Type>Sender</Type><Code>NoSuchEntity</Code><Message>gone</Message></Error></ErrorResponse>",
};
const requestHandler = {
  async handle(request: { body?: unknown }) {
    const action = /Action=(\\w+)/.exec(String(request.body))![1]!;
    const status = action === "UpdateAccessKey" ? 404 : 200;
    return { response: { statusCode: status, headers: {}, body: new TextEncoder().encode(bodies[action]) } };
  },
};
const config = { region: "us-east-1", credentials: { accessKeyId: "AKID", secretAccessKey: "secret" }, requestHandler };
const sts = new STSClient(config);
const iam = new IAMClient(config);
const info = await sts.send(new GetAccessKeyInfoCommand({ AccessKeyId: "AKIAIOSFODNN7EXAMPLE" }));
const created = await iam.send(new CreateAccessKeyCommand({ UserName: "Bob" }));
const account: string | undefined = info.Account;
let updateError = "none";
try {
  await iam.send(new UpdateAccessKeyCommand({ AccessKeyId: "AKIAIOSFODNN7EXAMPLE", Status: "Inactive" }));
} catch (error) {
  if (error instanceof NoSuchEntityException) updateError = error.name;
}
const hint: string | undefined = describeAccessKeyId("ASIAY34FZKBOKMUTVV7A").account;
console.log(JSON.stringify({ account, key: created.AccessKey?.AccessKeyId, updateError, hint }));
`;

describe("npm pack", () => {
  it("makes a tarball that installs into an empty project and works there, types included", () => {
    const tarball = packKeysmith(work);
    const project = join(work, "app");
    installConsumer(project, tarball, { type: "module" });
    writeFileSync(join(project, "app.ts"), app);
    writeFileSync(
      join(project, "tsconfig.json"),
      JSON.stringify({ compilerOptions: { target: "ES2022", module: "NodeNext", moduleResolution: "NodeNext", strict: true, outDir: "out", skipLibCheck: true, types: [] }, include: ["app.ts"] }),
    );
    run(process.execPath, [join(root, "node_modules/typescript/bin/tsc"), "-p", "."], project);
    const output = run(process.execPath, [join(project, "out/app.js")], project);
    expect(JSON.parse(output)).toEqual({ account: "012345678901", key: "AKIAIOSFODNN7EXAMPLE", updateError: "NoSuchEntityException", hint: "609629065308" });
  }, 240_000);
});
