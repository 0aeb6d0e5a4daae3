// A model the generator cannot make an awsQuery client from is refused with a message that says what and where.
import { describe, expect, it } from "vitest";
import { generate } from "../codegen/generate.js";
import { ModelError } from "../codegen/model/model.js";

/** A small valid awsQuery model; each case below breaks one thing in a copy of it. */
function model(): any {
  return {
    smithy: "2.0",
    shapes: {
      "example.test#Service": {
        type: "service",
        version: "2024-01-01",
        operations: [{ target: "example.test#Ping" }],
        traits: { "aws.protocols#awsQuery": {}, "aws.api#service": { sdkId: "Example" } },
      },
      "example.test#Ping": {
        type: "operation",
        input: { target: "example.test#PingInput" },
        output: { target: "example.test#PingOutput" },
        errors: [{ target: "example.test#Oops" }],
      },
      "example.test#PingInput": { type: "structure", members: { Name: { target: "smithy.api#String" } } },
      "example.test#PingOutput": { type: "structure", members: { Tags: { target: "example.test#Tags" } } },
      "example.test#Tags": { type: "list", member: { target: "smithy.api#String" } },
      "example.test#Oops": { type: "structure", members: { message: { target: "smithy.api#String" } }, traits: { "smithy.api#error": "client" } },
    },
  };
}

const service = "example.test#Service";

function withProtocol(protocol: string) {
  const ast = model();
  delete ast.shapes[service].traits["aws.protocols#awsQuery"];
  ast.shapes[service].traits[protocol] = {};
  return ast;
}

function changed(change: (shapes: any) => void) {
  const ast = model();
  change(ast.shapes);
  return ast;
}

/** A host prefix on Ping, its input's Name member given these traits (a required @hostLabel string is valid). */
function withHostPrefix(hostPrefix: unknown, nameTraits: Record<string, unknown> = { "smithy.api#required": {}, "smithy.api#hostLabel": {} }, nameTarget = "smithy.api#String") {
  return changed((shapes) => {
    shapes["example.test#Ping"].traits = { "smithy.api#endpoint": { hostPrefix } };
    shapes["example.test#PingInput"].members.Name = { target: nameTarget, traits: nameTraits };
    shapes["example.test#Secret"] = { type: "string", traits: { "smithy.api#sensitive": {} } };
  });
}

/** Smithy's rules for a host prefix and the members its labels name: each broken once. */
function hostPrefixCases() {
  const where = "operation example.test#Ping has smithy.api#endpoint with hostPrefix";
  const labelRule = "must name a required string member of example.test#PingInput with smithy.api#hostLabel";
  return [
    { name: "a host prefix that is not a string", ast: withHostPrefix(7), want: "operation example.test#Ping has smithy.api#endpoint without a hostPrefix" },
    { name: "an empty host prefix", ast: withHostPrefix(""), want: "operation example.test#Ping has smithy.api#endpoint without a hostPrefix" },
    { name: "a host prefix with a scheme", ast: withHostPrefix("https://data."), want: `${where} "https://data.": "https://data." is not host-name text` },
    { name: "a host prefix with a port", ast: withHostPrefix("{Name}:8080."), want: `${where} "{Name}:8080.": ":8080." is not host-name text` },
    { name: "an unclosed label", ast: withHostPrefix("{Name."), want: `${where} "{Name.": "{Name." is not host-name text` },
    { name: "two labels that touch", ast: withHostPrefix("{Name}{Name}."), want: `${where} "{Name}{Name}.": two labels touch` },
    { name: "a label naming no member", ast: withHostPrefix("{Other}."), want: `${where} "{Other}.": {Other} ${labelRule}` },
    { name: "a label whose member lacks @hostLabel", ast: withHostPrefix("{Name}.", { "smithy.api#required": {} }), want: `${where} "{Name}.": {Name} ${labelRule}` },
    { name: "a label whose member is optional", ast: withHostPrefix("{Name}.", { "smithy.api#hostLabel": {} }), want: `${where} "{Name}.": {Name} ${labelRule}` },
    { name: "a label whose member is no string", ast: withHostPrefix("{Name}.", undefined, "smithy.api#Integer"), want: `${where} "{Name}.": {Name} ${labelRule}` },
    {
      name: "a label whose member is @sensitive",
      ast: withHostPrefix("{Name}.", undefined, "example.test#Secret"),
      want: `${where} "{Name}.": {Name} is smithy.api#sensitive, and a host name is no place for it`,
    },
  ];
}

const cases: Array<{ name: string; ast: unknown; operations?: string[]; want: string }> = [
  ...["restJson1", "awsJson1_0", "awsJson1_1", "restXml", "ec2Query"].map((protocol) => ({
    name: `a ${protocol} service`,
    ast: withProtocol(`aws.protocols#${protocol}`),
    want: `protocol aws.protocols#${protocol} is not supported; keysmith generates awsQuery clients`,
  })),
  {
    name: "a service without a protocol",
    ast: changed((shapes) => delete shapes[service].traits["aws.protocols#awsQuery"]),
    want: "service example.test#Service has no aws.protocols#awsQuery trait; keysmith generates awsQuery clients",
  },
  { name: "an unknown operation name", ast: model(), operations: ["Pong"], want: 'unknown operation "Pong": example.test#Service has no such operation' },
  {
    name: "a dangling member target",
    ast: changed((shapes) => (shapes["example.test#PingInput"].members.Name.target = "example.test#Missing")),
    want: "shape example.test#Missing is not defined (target of example.test#PingInput$Name)",
  },
  {
    name: "a dangling list member",
    ast: changed((shapes) => (shapes["example.test#Tags"].member.target = "example.test#Tag")),
    want: "shape example.test#Tag is not defined (target of example.test#Tags$member)",
  },
  {
    name: "a dangling operation",
    ast: changed((shapes) => shapes[service].operations.push({ target: "example.test#Gone" })),
    want: "shape example.test#Gone is not defined (target of example.test#Service operations)",
  },
  {
    name: "a dangling output",
    ast: changed((shapes) => (shapes["example.test#Ping"].output.target = "example.test#Nothing")),
    want: "shape example.test#Nothing is not defined (target of example.test#Ping output)",
  },
  { name: "not a JSON AST", ast: { services: [] }, want: "not a Smithy JSON AST: expected an object with a `shapes` map" },
  { name: "an IDL version it does not read", ast: { smithy: "3.0", shapes: {} }, want: 'unsupported Smithy version "3.0": expected "2.0" (or "1.0")' },
  { name: "no service", ast: changed((shapes) => delete shapes[service]), want: "expected exactly one service shape in the model, found 0" },
  {
    name: "two services",
    ast: changed((shapes) => (shapes["example.test#Other"] = { ...shapes[service] })),
    want: "expected exactly one service shape in the model, found 2: example.test#Service, example.test#Other",
  },
  {
    name: "an unknown shape type",
    ast: changed((shapes) => (shapes["example.test#Tags"].type = "array")),
    want: 'shape example.test#Tags has unknown type "array"',
  },
  { name: "a service without a version", ast: changed((shapes) => delete shapes[service].version), want: "service example.test#Service has no version; awsQuery sends it with every request" },
  {
    name: "an error without the error trait",
    ast: changed((shapes) => delete shapes["example.test#Oops"].traits),
    want: "shape example.test#Oops is listed as an error but has no smithy.api#error trait",
  },
  ...hostPrefixCases(),
  {
    name: "a document member",
    ast: changed((shapes) => (shapes["example.test#PingInput"].members.Doc = { target: "smithy.api#Document" })),
    want: "member example.test#PingInput$Doc targets a document (smithy.api#Document), which awsQuery cannot carry",
  },
  {
    name: "a streaming blob",
    ast: changed((shapes) => {
      shapes["example.test#Body"] = { type: "blob", traits: { "smithy.api#streaming": {} } };
      shapes["example.test#PingOutput"].members.Body = { target: "example.test#Body" };
    }),
    want: "member example.test#PingOutput$Body targets example.test#Body, which has smithy.api#streaming: a stream, which awsQuery cannot carry",
  },
  {
    name: "a trait of a protocol namespace the trait table does not know",
    ast: changed((shapes) => (shapes["example.test#PingInput"].members.Name.traits = { "smithy.api#httpChecksumRequired": {} })),
    want: "member example.test#PingInput$Name has smithy.api#httpChecksumRequired, a trait keysmith-codegen does not know: codegen/model/traits.ts must say how to handle it",
  },
  {
    name: "an unknown trait on a shape a member targets",
    ast: changed((shapes) => (shapes["example.test#Tags"].traits = { "aws.protocols#awsQueryCompatible": {} })),
    want: "member example.test#PingOutput$Tags targets example.test#Tags, which has aws.protocols#awsQueryCompatible, a trait keysmith-codegen does not know",
  },
  {
    name: "an unknown trait on the service",
    ast: changed((shapes) => (shapes[service].traits["smithy.rules#clientContextParams"] = {})),
    want: "service example.test#Service has smithy.rules#clientContextParams, a trait keysmith-codegen does not know",
  },
  {
    name: "a pattern ECMAScript reads otherwise (Java's \\Z)",
    ast: changed((shapes) => {
      shapes["example.test#Name"] = { type: "string", traits: { "smithy.api#pattern": "^[a-z]+\\Z" } };
      shapes["example.test#PingInput"].members.Name.target = "example.test#Name";
    }),
    want: 'shape example.test#Name has the pattern "^[a-z]+\\\\Z", which uses \\Z (the end of input in Java), which ECMAScript does not have',
  },
  {
    name: "a pattern that does not compile",
    ast: changed((shapes) => (shapes["example.test#PingInput"].members.Name.traits = { "smithy.api#pattern": "^[a-z]++$" })),
    want: 'member example.test#PingInput$Name has the pattern "^[a-z]++$", which ECMAScript cannot compile: Invalid regular expression',
  },
  {
    name: "an input that is not a structure",
    ast: changed((shapes) => (shapes["example.test#Ping"].input.target = "smithy.api#String")),
    want: "operation example.test#Ping input smithy.api#String is not a structure",
  },
  {
    name: "two shapes that would share a type name",
    ast: changed((shapes) => {
      shapes["other.test#Tags"] = { type: "list", member: { target: "smithy.api#Integer" } };
      shapes["example.test#PingInput"].members.Counts = { target: "other.test#Tags" };
    }),
    want: "shapes example.test#Tags and other.test#Tags would both be named Tags; give one another name in the service's rename map",
  },
  ...[
    {
      name: "endpoint rules calling a function the generator does not know",
      rule: { conditions: [{ fn: "aws.mystery", argv: [{ ref: "Region" }] }], error: "x", type: "error" },
      want: "the endpoint rules call aws.mystery, a function keysmith-codegen does not know",
    },
    {
      name: "endpoint rules referring to a name never defined",
      rule: { conditions: [{ fn: "isSet", argv: [{ ref: "Nowhere" }] }], error: "x", type: "error" },
      want: "the endpoint rules refer to Nowhere, which is neither a parameter nor assigned before",
    },
    {
      name: "endpoint rules assigning a name that cannot be a TypeScript local",
      rule: { conditions: [{ fn: "aws.partition", argv: [{ ref: "Region" }], assign: "default" }], error: "x", type: "error" },
      want: 'endpoint rules name "default" cannot be a TypeScript local; rename the parameter or assignment',
    },
    {
      name: "an endpoint rule with a property other than authSchemes",
      rule: { conditions: [], endpoint: { url: "https://example.com", properties: { backend: "s3" } }, type: "endpoint" },
      want: "an endpoint rule has the properties backend; keysmith reads only authSchemes",
    },
    {
      name: "an endpoint rule that names no sigv4 auth scheme",
      rule: { conditions: [], endpoint: { url: "https://example.com", properties: { authSchemes: [{ name: "sigv4a", signingRegionSet: ["*"] }] } }, type: "endpoint" },
      want: 'an endpoint rule names the auth schemes "sigv4a"; keysmith signs only with sigv4',
    },
    {
      name: "an endpoint rule's sigv4 scheme with a field keysmith does not read",
      rule: { conditions: [], endpoint: { url: "https://example.com", properties: { authSchemes: [{ name: "sigv4", signingRegionSet: ["*"] }] } }, type: "endpoint" },
      want: "an endpoint rule's sigv4 auth scheme has the fields signingRegionSet, which keysmith does not read",
    },
    {
      name: "endpoint rules calling a function with the wrong number of arguments",
      rule: { conditions: [{ fn: "isValidHostLabel", argv: [{ ref: "Region" }] }], error: "x", type: "error" },
      want: "the endpoint rules call isValidHostLabel with 1 arguments; it takes 2",
    },
  ].map(({ name, rule, want }) => ({
    name,
    ast: changed((shapes) => {
      shapes[service].traits["smithy.rules#endpointRuleSet"] = { version: "1.0", parameters: { Region: { type: "String", required: false } }, rules: [rule] };
    }),
    want,
  })),
  {
    name: "an endpoint parameter bound to a built-in no client setting supplies",
    ast: changed((shapes) => {
      const parameters = { Bucket: { type: "String", builtIn: "AWS::S3::Bucket", required: false } };
      shapes[service].traits["smithy.rules#endpointRuleSet"] = { version: "1.0", parameters, rules: [{ conditions: [], error: "x", type: "error" }] };
    }),
    want: "endpoint parameter Bucket is bound to the built-in AWS::S3::Bucket, which no keysmith client setting supplies",
  },
];

describe("generate() refuses models it cannot make an awsQuery client from, saying why and where", () => {
  it("generates from the unbroken model (so each case below fails for its own reason)", () => {
    expect([...generate(model(), { runtime: "keysmith/runtime", source: "example.json" }).keys()]).toContain("commands/PingCommand.ts");
  });

  it("accepts traits of namespaces that cannot change the wire (tooling, a model's own)", () => {
    const ast = changed((shapes) => {
      shapes["example.test#PingInput"].members.Name.traits = { "example.test#audited": {}, "smithy.waiters#waitable": {}, "aws.iam#iamResource": {} };
    });
    expect([...generate(ast, { runtime: "keysmith/runtime", source: "example.json" }).keys()]).toContain("commands/PingCommand.ts");
  });

  it.each(cases)("$name", ({ ast, operations, want }) => {
    const run = () => generate(ast, { runtime: "keysmith/runtime", source: "example.json", operations });
    expect(run).toThrow(ModelError);
    expect(run).toThrow(want);
  });
});
