// v3's paginate<Operation> functions, generated for the operations a model marks @paginated: IAM's ListAccessKeys
// from AWS's model, side by side with v3's own paginateListAccessKeys on the same pages; and the generator's reading
// of the trait on a small model.
import * as v3iam from "@aws-sdk/client-iam";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generate } from "../codegen/generate.js";
import { ModelError } from "../codegen/model/model.js";
import { decodeForm } from "../src/protocol/form.js";
import { captureHandler, testCredentials, type CannedResponse } from "./support/capture.js";
import { hasShared, readSharedJson, sharedSkipReason } from "./support/shared.js";
import { generateFromAwsModel, importGenerated, scratchDir } from "./support/vectors-generate.js";

if (!hasShared) console.warn(sharedSkipReason);

/** A page of bob's keys: the ids given, and the marker of the next page if there is one. */
function page(ids: string[], marker?: string): CannedResponse {
  const members = ids.map((id) => `<member><UserName>bob</UserName><AccessKeyId>${id}</AccessKeyId><Status>Active</Status></member>`).join("");
  const more = marker === undefined ? "<IsTruncated>false</IsTruncated>" : `<IsTruncated>true</IsTruncated><Marker>${marker}</Marker>`;
  return { status: 200, body: `<ListAccessKeysResponse><ListAccessKeysResult><AccessKeyMetadata>${members}</AccessKeyMetadata>${more}</ListAccessKeysResult></ListAccessKeysResponse>` };
}
const pages = [page(["AKIA1", "AKIA2"], "m1"), page(["AKIA3", "AKIA4"], "m2"), page(["AKIA5"])];

describe.skipIf(!hasShared)("paginateListAccessKeys, generated from AWS's IAM model, side by side with v3's", () => {
  // Made only where the suite runs: a skipped describe's body still runs, to collect its tests.
  const scratch = hasShared ? scratchDir("paginators") : undefined;
  let ours: Record<string, any>;
  beforeAll(async () => {
    generateFromAwsModel(scratch!.path, "iam.json", ["ListAccessKeys", "CreateAccessKey"]);
    ours = await importGenerated(scratch!.path);
  });
  afterAll(() => scratch?.remove());

  /** Every page's key ids, and the token and page size each call sent. */
  async function walk(sdk: { IAMClient: any; paginateListAccessKeys: any }, config: object, input: object, answers = pages) {
    const handler = captureHandler(...answers);
    const client = new sdk.IAMClient({ region: "us-east-1", credentials: testCredentials, requestHandler: handler, maxAttempts: 1 });
    const seen: string[][] = [];
    for await (const got of sdk.paginateListAccessKeys({ client, ...config }, input)) seen.push(got.AccessKeyMetadata.map((key: { AccessKeyId: string }) => key.AccessKeyId));
    const sent = handler.requests.map((request) => Object.fromEntries(decodeForm(String(request.body)).filter(([name]) => name === "Marker" || name === "MaxItems")));
    return { seen, sent };
  }

  it.each([
    { name: "every page, each call given the marker the one before returned", config: {}, input: { UserName: "bob" } },
    { name: "the page size as MaxItems in every call", config: { pageSize: 2 }, input: { UserName: "bob" } },
    { name: "from a starting token", config: { startingToken: "m0" }, input: {} },
    { name: "the input's own MaxItems over the page size", config: { pageSize: 2 }, input: { MaxItems: 5 } },
  ])("walks $name, as v3's does", async ({ config, input }) => {
    const theirs = await walk(v3iam, config, { ...input });
    expect(await walk(ours as any, config, { ...input })).toEqual(theirs);
    expect(theirs.seen.flat()).toEqual(["AKIA1", "AKIA2", "AKIA3", "AKIA4", "AKIA5"]);
  });

  it("stops on a repeated marker when asked to, as v3's does", async () => {
    const stuck = [page(["AKIA1"], "same"), page(["AKIA2"], "same"), page(["AKIA3"])];
    const theirs = await walk(v3iam, { stopOnSameToken: true }, {}, stuck);
    expect(await walk(ours as any, { stopOnSameToken: true }, {}, stuck)).toEqual(theirs);
    expect(theirs.seen).toEqual([["AKIA1"], ["AKIA2"]]);
  });

  it("refuses another service's client, as v3's does", async () => {
    const ourClient = new ours.IAMClient({ region: "us-east-1", credentials: testCredentials });
    const wrong = { client: new v3iam.IAMClient({ region: "us-east-1", credentials: testCredentials }) };
    await expect(ours.paginateListAccessKeys(wrong, {}).next()).rejects.toThrow("Invalid client, expected instance of IAMClient");
    await expect(v3iam.paginateListAccessKeys({ client: ourClient }, {}).next()).rejects.toThrow("Invalid client, expected instance of IAMClient");
  });

  it("is generated only for the operations the model marks @paginated, and exported from the index", () => {
    expect(Object.keys(ours).filter((name) => name.startsWith("paginate"))).toEqual(["paginateListAccessKeys"]);
  });

  it("comes with every paginator v3's IAM client has, and no other, for the whole model", () => {
    const files = generate(readSharedJson("aws-models/iam.json"), { source: "iam.json", runtime: "keysmith/runtime" });
    const generated = [...files.keys()].flatMap((file) => /^pagination\/(\w+)Paginator\.ts$/.exec(file)?.slice(1) ?? []).map((name) => `paginate${name}`);
    expect(generated.sort()).toEqual(Object.keys(v3iam).filter((name) => name.startsWith("paginate")).sort());
    expect(generated).toHaveLength(34);
  });
});

describe("the generator's reading of @paginated", () => {
  const ns = "example.pages";
  const str = { target: "smithy.api#String" };
  const model = (operationTrait: object, serviceTrait?: object) => ({
    smithy: "2.0",
    shapes: {
      [`${ns}#Pages`]: {
        type: "service",
        version: "2025-01-01",
        operations: [{ target: `${ns}#ListThings` }, { target: `${ns}#GetThing` }],
        traits: { "aws.protocols#awsQuery": {}, "aws.api#service": { sdkId: "Pages" }, ...(serviceTrait && { "smithy.api#paginated": serviceTrait }) },
      },
      [`${ns}#ListThings`]: {
        type: "operation",
        input: { target: `${ns}#ListThingsInput` },
        output: { target: `${ns}#ListThingsOutput` },
        traits: { "smithy.api#paginated": operationTrait },
      },
      [`${ns}#GetThing`]: { type: "operation" },
      [`${ns}#ListThingsInput`]: { type: "structure", members: { Token: str, Limit: { target: "smithy.api#Integer" } } },
      [`${ns}#ListThingsOutput`]: { type: "structure", members: { Next: { target: `${ns}#Cursor` } } },
      [`${ns}#Cursor`]: { type: "structure", members: { Token: str } },
    },
  });
  const paginatorOf = (ast: object) => generate(ast, { source: "pages.json", runtime: "keysmith/runtime" }).get("pagination/ListThingsPaginator.ts");

  it.each([
    { name: "the operation's own tokens and page size", ast: model({ inputToken: "Token", outputToken: "Next.Token", pageSize: "Limit" }), want: '"Token", "Next.Token", "Limit"' },
    { name: "without a page size", ast: model({ inputToken: "Token", outputToken: "Next.Token" }), want: '"Token", "Next.Token"' },
    { name: "the service's defaults, under the operation's own", ast: model({ pageSize: "Limit" }, { inputToken: "Token", outputToken: "Next.Token" }), want: '"Token", "Next.Token", "Limit"' },
  ])("passes smithy's createPaginator $name", ({ ast, want }) => {
    expect(paginatorOf(ast)).toContain(`createPaginator(PagesClient, ListThingsCommand, ${want});`);
  });

  it("writes no paginator for an operation whose trait names no tokens, nor for one without the trait", () => {
    const files = generate(model({ pageSize: "Limit" }), { source: "pages.json", runtime: "keysmith/runtime" });
    expect([...files.keys()].filter((file) => file.startsWith("pagination/"))).toEqual([]);
    expect(files.get("index.ts")).not.toContain("pagination");
  });

  it.each([
    { given: { inputToken: "Cursor", outputToken: "Next.Token" }, want: "operation example.pages#ListThings has smithy.api#paginated whose inputToken Cursor is no member of example.pages#ListThingsInput" },
    { given: { inputToken: "Token", outputToken: "Token" }, want: "operation example.pages#ListThings has smithy.api#paginated whose outputToken Token is no member of example.pages#ListThingsOutput" },
    { given: { inputToken: "Token", outputToken: "Next.Token", pageSize: "Size" }, want: "whose pageSize Size is no member of example.pages#ListThingsInput" },
  ])("refuses tokens the input or output lacks: $want", ({ given, want }) => {
    expect(() => paginatorOf(model(given))).toThrow(ModelError);
    expect(() => paginatorOf(model(given))).toThrow(want);
  });
});
