// keysmith/sts's role assumers, side by side with @aws-sdk/client-sts's: v3 code that hands `getDefaultRoleAssumer()`
// to a credential provider (`fromIni({ roleAssumer })`, `fromTokenFile({ roleAssumerWithWebIdentity })`) works after
// changing the import. The embedded endpoint plays STS: each request goes to it after signing, its Host header kept,
// so that it checks the region the request was signed for as AWS's regional endpoint would. Each test has its own
// HOME and environment.
import {
  decorateDefaultCredentialProvider as v3Decorate,
  getDefaultRoleAssumer as v3GetDefaultRoleAssumer,
  getDefaultRoleAssumerWithWebIdentity as v3GetDefaultRoleAssumerWithWebIdentity,
} from "@aws-sdk/client-sts";
import { defaultProvider } from "@aws-sdk/credential-provider-node";
import { fromIni, fromTokenFile } from "@aws-sdk/credential-providers";
import { HttpResponse } from "@smithy/protocol-http";
import type { AwsCredentialIdentity, Pluggable } from "@smithy/types";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { startLocalEndpoint, type LocalEndpoint, type LocalUserCredentials } from "../src/entries/local.js";
import { NodeHttpHandler } from "../src/http/node-handler.js";
import {
  decorateDefaultCredentialProvider,
  getDefaultRoleAssumer,
  getDefaultRoleAssumerWithWebIdentity,
  GetAccessKeyInfoCommand,
  STSClient,
} from "../src/entries/sts.js";
import { tokenIssuer } from "./support/credential-federation.js";
import { failureOf, useCredentialSandbox } from "./support/credential-sandbox.js";

const sandbox = useCredentialSandbox();
const ACCOUNT = "123456789012";
const silent = { debug() {}, info() {}, warn() {}, error() {} };
const libraries = [
  { library: "keysmith", assumer: getDefaultRoleAssumer, webIdentityAssumer: getDefaultRoleAssumerWithWebIdentity, decorate: decorateDefaultCredentialProvider },
  { library: "v3", assumer: v3GetDefaultRoleAssumer, webIdentityAssumer: v3GetDefaultRoleAssumerWithWebIdentity, decorate: v3Decorate },
] as const;

let endpoint: LocalEndpoint;
let alice: LocalUserCredentials;
let roleArn: string;

beforeEach(async () => {
  endpoint = await startLocalEndpoint({ accountId: ACCOUNT });
  alice = endpoint.createUser("alice");
  roleArn = endpoint.roles.create({ roleName: "Deploy", trustedPrincipals: [`arn:aws:iam::${ACCOUNT}:user/alice`] }).arn;
});
afterEach(async () => {
  await endpoint.close();
});

/**
 * A plugin that writes down each request as signed (its host, and its SigV4 scope's region or "unsigned"), then
 * sends it to the embedded endpoint.
 */
function toEndpoint(seen: string[] = []): Pluggable<any, any> {
  return {
    applyToStack: (stack) =>
      stack.add(
        (next: any) => async (args: any) => {
          const authorization: string | undefined = args.request.headers.authorization;
          const scope = authorization === undefined ? "unsigned" : /Credential=\w+\/\d{8}\/([^/]+)\//.exec(authorization)![1]!;
          seen.push(`${args.request.hostname} ${scope}`);
          const { protocol, hostname, port } = new URL(endpoint.url);
          Object.assign(args.request, { protocol, hostname, port: Number(port) });
          return next(args);
        },
        { step: "deserialize", name: "toEndpoint" },
      ),
  };
}

const source = (): AwsCredentialIdentity => ({ accessKeyId: alice.accessKeyId, secretAccessKey: alice.secretAccessKey });
const session = (name: string) => `arn:aws:sts::${ACCOUNT}:assumed-role/Deploy/${name}`;

describe.each(libraries)("$library's getDefaultRoleAssumer", ({ assumer }) => {
  // v3's order: the options' region, the parent client's, AWS_REGION, the profile's, us-east-1 with a warning.
  it.each([
    { name: "the options' region", options: { region: "eu-west-1", parentClientConfig: { region: "ap-south-1" } }, env: {}, config: "", want: "eu-west-1" },
    { name: "the parent client's region", options: { parentClientConfig: { region: "ap-south-1" } }, env: { AWS_REGION: "sa-east-1" }, config: "", want: "ap-south-1" },
    { name: "the parent client's region provider", options: { parentClientConfig: { region: async () => "ca-central-1" } }, env: {}, config: "", want: "ca-central-1" },
    { name: "AWS_REGION", options: {}, env: { AWS_REGION: "sa-east-1" }, config: "[default]\nregion = eu-north-1\n", want: "sa-east-1" },
    { name: "the profile's region", options: {}, env: {}, config: "[default]\nregion = eu-north-1\n", want: "eu-north-1" },
    { name: "the named profile's region", options: { profile: "ops" }, env: {}, config: "[default]\nregion = eu-north-1\n[profile ops]\nregion = af-south-1\n", want: "af-south-1" },
    { name: "the parent's profile's region", options: { parentClientConfig: { profile: "ops" } }, env: {}, config: "[profile ops]\nregion = af-south-1\n", want: "af-south-1" },
  ])("calls STS in $name", async ({ options, env, config, want }) => {
    sandbox.env(env);
    if (config) sandbox.write(".aws/config", config);
    const seen: string[] = [];
    const credentials = await assumer({ ...options, logger: silent }, [toEndpoint(seen)])(source(), { RoleArn: roleArn, RoleSessionName: "rows" });
    expect(seen).toEqual([`sts.${want}.amazonaws.com ${want}`]);
    expect(credentials).toMatchObject({ accessKeyId: expect.stringMatching(/^ASIA/), sessionToken: expect.any(String), expiration: expect.any(Date), accountId: ACCOUNT });
    expect(endpoint.roles.sessionOf(credentials.accessKeyId)?.arn).toBe(session("rows"));
  });

  it("falls back to us-east-1 when no region is set anywhere, and warns", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    try {
      const seen: string[] = [];
      await assumer({}, [toEndpoint(seen)])(source(), { RoleArn: roleArn, RoleSessionName: "fallback" });
      expect(seen).toEqual(["sts.us-east-1.amazonaws.com us-east-1"]);
      expect(warn.mock.calls.join(" ")).toMatch(/us-east-1/);
    } finally {
      warn.mockRestore();
    }
  });

  it("signs each call with the source credentials it is given", async () => {
    const bob = endpoint.createUser("bob");
    const onlyBob = endpoint.roles.create({ roleName: "OnlyBob", trustedPrincipals: [`arn:aws:iam::${ACCOUNT}:user/bob`] }).arn;
    const assume = assumer({ region: "eu-west-1" }, [toEndpoint()]);
    await assume(source(), { RoleArn: roleArn, RoleSessionName: "first" });
    const credentials = await assume({ accessKeyId: bob.accessKeyId, secretAccessKey: bob.secretAccessKey }, { RoleArn: onlyBob, RoleSessionName: "second" });
    expect(endpoint.roles.sessionOf(credentials.accessKeyId)?.arn).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/OnlyBob/second`);
  });

  it("sends through the parent client's request handler and leaves it open; passes over an HTTP/2 one", async () => {
    const inner = new NodeHttpHandler();
    let sent = 0;
    const lent = { handle: (request: any, options: any) => (sent++, inner.handle(request, options)), destroy: vi.fn() };
    await assumer({ region: "eu-west-1", parentClientConfig: { requestHandler: lent } }, [toEndpoint()])(source(), { RoleArn: roleArn, RoleSessionName: "lent" });
    expect(sent).toBe(1);
    expect(lent.destroy).not.toHaveBeenCalled();

    const http2 = { metadata: { handlerProtocol: "h2" }, handle: vi.fn(), destroy: vi.fn() };
    await assumer({ region: "eu-west-1", requestHandler: http2 as any }, [toEndpoint()])(source(), { RoleArn: roleArn, RoleSessionName: "h2" });
    expect(http2.handle).not.toHaveBeenCalled();
    inner.destroy();
  });

  it("refuses a response without credentials, naming the role", async () => {
    const empty = {
      handle: async () => ({
        response: new HttpResponse({
          statusCode: 200,
          headers: { "content-type": "text/xml" },
          body: new TextEncoder().encode(
            '<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleResult></AssumeRoleResult><ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata></AssumeRoleResponse>',
          ),
        }),
      }),
    };
    const error = await failureOf(assumer({ region: "eu-west-1", requestHandler: empty as any })(source(), { RoleArn: roleArn, RoleSessionName: "empty" }));
    expect(error.message).toBe(`Invalid response from STS.assumeRole call with role ${roleArn}`);
  });

  it("hands its role assumer to v3's fromIni, which assumes a profile's role with it", async () => {
    sandbox.write(".aws/config", `[profile deploy]\nrole_arn = ${roleArn}\nsource_profile = base\nrole_session_name = from-ini\n`);
    sandbox.write(".aws/credentials", `[base]\naws_access_key_id = ${alice.accessKeyId}\naws_secret_access_key = ${alice.secretAccessKey}\n`);
    const seen: string[] = [];
    const credentials = await fromIni({ profile: "deploy", roleAssumer: assumer({ region: "eu-west-1", logger: silent }, [toEndpoint(seen)]) })();
    expect(seen).toEqual(["sts.eu-west-1.amazonaws.com eu-west-1"]);
    expect(endpoint.roles.sessionOf(credentials.accessKeyId)?.arn).toBe(session("from-ini"));
  });
});

it("keysmith's role assumer closes the request handler its STS client made, after the call", async () => {
  const destroy = vi.spyOn(NodeHttpHandler.prototype, "destroy");
  try {
    await getDefaultRoleAssumer({ region: "eu-west-1" }, [toEndpoint()])(source(), { RoleArn: roleArn, RoleSessionName: "closed" });
    expect(destroy).toHaveBeenCalledTimes(1);
  } finally {
    destroy.mockRestore();
  }
});

describe.each(libraries)("$library's getDefaultRoleAssumerWithWebIdentity", ({ webIdentityAssumer }) => {
  const ISSUER = "https://oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLE";
  const issuer = tokenIssuer(ISSUER);

  it("is handed to v3's fromTokenFile, which trades the token unsigned", async () => {
    const provider = endpoint.roles.addOpenIdProvider({ issuer: ISSUER, audiences: ["sts.amazonaws.com"], publicKey: issuer.publicKey });
    const podRole = endpoint.roles.create({ roleName: "Pod", trustedPrincipals: [provider.arn] }).arn;
    const tokenFile = sandbox.write("token", issuer.token({ sub: "system:serviceaccount:web:app", aud: "sts.amazonaws.com", exp: Math.floor(Date.now() / 1000) + 3600 }));
    const seen: string[] = [];
    const credentials = await fromTokenFile({
      webIdentityTokenFile: tokenFile,
      roleArn: podRole,
      roleSessionName: "pod",
      roleAssumerWithWebIdentity: webIdentityAssumer({ region: "eu-west-1" }, [toEndpoint(seen)]),
    })();
    expect(seen).toEqual(["sts.eu-west-1.amazonaws.com unsigned"]);
    expect(credentials).toMatchObject({ accountId: ACCOUNT, sessionToken: expect.any(String) });
    expect(endpoint.roles.sessionOf(credentials.accessKeyId)?.webIdentitySubject).toBe("system:serviceaccount:web:app");
  });
});

describe.each(libraries)("$library's decorateDefaultCredentialProvider", ({ decorate }) => {
  it("gives the provider both role assumers, made from its input, unless the input has its own", async () => {
    const inputs: Record<string, unknown>[] = [];
    const provider = (input: Record<string, unknown>) => (inputs.push(input), async () => source());
    const own = async () => source();
    decorate(provider)({ region: "eu-west-1" });
    decorate(provider)({ region: "eu-west-1", roleAssumer: own });
    expect(inputs[0]).toEqual({ region: "eu-west-1", roleAssumer: expect.any(Function), roleAssumerWithWebIdentity: expect.any(Function) });
    expect(inputs[1]!.roleAssumer).toBe(own);

    sandbox.env({ AWS_ENDPOINT_URL_STS: endpoint.url });
    const decorated = decorate((input: any) => () => input.roleAssumer(source(), { RoleArn: roleArn, RoleSessionName: "decorated" }));
    const credentials = await decorated({ region: endpoint.region, logger: silent })();
    expect(endpoint.roles.sessionOf(credentials.accessKeyId)?.arn).toBe(session("decorated"));
  });
});

// v3's generated clients once wired their default chain this way, and code written against them still may. v3 3.1169
// fails here ("retryStrategy.retry is not a function": its decorator spreads the client's resolved configuration into
// the STS client's options); keysmith's hands the STS client the client's region, profile, logger and handler.
it("keysmith's decorateDefaultCredentialProvider(defaultProvider) as a client's credentialDefaultProvider assumes a profile's role", async () => {
  sandbox.env({ AWS_ENDPOINT_URL_STS: endpoint.url, AWS_PROFILE: "deploy" });
  sandbox.write(".aws/config", `[profile deploy]\nrole_arn = ${roleArn}\nsource_profile = base\nrole_session_name = decorated-chain\n`);
  sandbox.write(".aws/credentials", `[base]\naws_access_key_id = ${alice.accessKeyId}\naws_secret_access_key = ${alice.secretAccessKey}\n`);
  const client = new STSClient({ region: endpoint.region, logger: silent, credentialDefaultProvider: decorateDefaultCredentialProvider(defaultProvider) });
  try {
    const credentials = await client.config.credentials();
    expect(endpoint.roles.sessionOf(credentials.accessKeyId)?.arn).toBe(session("decorated-chain"));
    expect((await client.send(new GetAccessKeyInfoCommand({ AccessKeyId: alice.accessKeyId }))).Account).toBe(ACCOUNT);
  } finally {
    client.destroy();
  }
});
