// The options of v3's fromNodeProviderChain that name the web identity and container sources' settings, pass the
// IAM Identity Center source an SSO client or a caller's configuration, and take v3's role assumers: side by side, v3
// and keysmith resolve the same identity from the same sandbox (the embedded endpoint plays STS, local servers the
// container agent, the instance metadata service and the SSO portal), and v3-typed options type-check.
import { fromNodeProviderChain as v3FromNodeProviderChain } from "@aws-sdk/credential-providers";
import type { HttpRequest } from "@smithy/protocol-http";
import type { AwsCredentialIdentity, HttpHandlerOptions } from "@smithy/types";
import { afterEach, beforeEach, describe, expect, expectTypeOf, it } from "vitest";
import { getDefaultRoleAssumer, getDefaultRoleAssumerWithWebIdentity } from "../src/entries/sts.js";
import { fromNodeProviderChain, type NodeProviderChainInit } from "../src/entries/credentials.js";
import { startLocalEndpoint, type LocalEndpoint } from "../src/entries/local.js";
import { NodeHttpHandler } from "../src/http/node-handler.js";
import { containerCredentialsUrl } from "../src/node/credentials/container.js";
import { startFederationServer, tokenIssuer, writeSsoToken, type TokenIssuer } from "./support/credential-federation.js";
import { failureOf, useCredentialSandbox } from "./support/credential-sandbox.js";
import { servedCredentials, startContainerAgent, startInstanceMetadataService, type LocalServer } from "./support/credential-servers.js";

type V3Init = NonNullable<Parameters<typeof v3FromNodeProviderChain>[0]>;

const sandbox = useCredentialSandbox();
const ACCOUNT = "123456789012";
const ISSUER = "https://oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLE";
const AUDIENCE = "sts.amazonaws.com";
const LATER = new Date("2030-01-01T00:00:00Z");
/** For both: v3 otherwise warns on the console (both of a pair of settings set, say). */
const silent = { debug() {}, info() {}, warn() {}, error() {} };

let endpoint: LocalEndpoint;
let issuer: TokenIssuer;
const servers: LocalServer[] = [];
async function serve(server: Promise<LocalServer>): Promise<LocalServer> {
  servers.push(await server);
  return servers.at(-1)!;
}

beforeEach(async () => {
  endpoint = await startLocalEndpoint({ accountId: ACCOUNT });
  sandbox.env({ AWS_ENDPOINT_URL_STS: endpoint.url, AWS_REGION: "us-east-1" });
});
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
  await endpoint.close();
});

/** What keysmith's and v3's chains, each given `init`, resolve. */
async function bothResolve(init: NodeProviderChainInit & V3Init): Promise<{ ours: AwsCredentialIdentity; v3: AwsCredentialIdentity }> {
  const ours = await fromNodeProviderChain({ logger: silent, ...init })();
  const v3 = await v3FromNodeProviderChain({ logger: silent, ...init })();
  return { ours, v3 };
}

/** "Role/session for subject" for a web-identity session of the embedded endpoint, else the access key id. */
function identityOf({ accessKeyId }: AwsCredentialIdentity): string {
  const session = endpoint.roles.sessionOf(accessKeyId);
  return session ? `${session.arn.split("/").slice(1).join("/")} for ${session.webIdentitySubject}` : accessKeyId;
}

describe("web identity: webIdentityTokenFile, roleArn and roleSessionName", () => {
  const roles: Record<string, string> = {};

  beforeEach(() => {
    issuer ??= tokenIssuer(ISSUER);
    const provider = endpoint.roles.addOpenIdProvider({ issuer: ISSUER, audiences: [AUDIENCE], publicKey: issuer.publicKey });
    for (const roleName of ["Pod", "Other"]) roles[roleName] = endpoint.roles.create({ roleName, trustedPrincipals: [provider.arn], maxSessionDuration: 7200 }).arn;
  });

  /** A token file whose token's subject is `subject`. */
  const tokenFile = (subject: string) => sandbox.write(`tokens/${subject}`, issuer.token({ sub: subject, aud: AUDIENCE, exp: Math.floor(Date.now() / 1000) + 3600 }));
  /** Token files for subjects and role ARNs for role names, in place of the names the rows give. */
  const settings = (given: Record<string, string | undefined>): Record<string, string> =>
    Object.fromEntries(
      Object.entries(given).map(([name, value = ""]) => [name, /TOKEN_FILE|TokenFile/.test(name) ? tokenFile(value) : /ROLE_ARN|roleArn/.test(name) ? roles[value]! : value]),
    );

  it.each([
    { name: "the options alone", env: {}, init: { webIdentityTokenFile: "app", roleArn: "Pod", roleSessionName: "from-options" }, want: "Pod/from-options for app" },
    {
      name: "webIdentityTokenFile over AWS_WEB_IDENTITY_TOKEN_FILE",
      env: { AWS_WEB_IDENTITY_TOKEN_FILE: "env", AWS_ROLE_ARN: "Pod", AWS_ROLE_SESSION_NAME: "from-env" },
      init: { webIdentityTokenFile: "app" },
      want: "Pod/from-env for app",
    },
    {
      name: "roleArn over AWS_ROLE_ARN",
      env: { AWS_WEB_IDENTITY_TOKEN_FILE: "env", AWS_ROLE_ARN: "Other", AWS_ROLE_SESSION_NAME: "from-env" },
      init: { roleArn: "Pod" },
      want: "Pod/from-env for env",
    },
    {
      name: "roleSessionName over AWS_ROLE_SESSION_NAME",
      env: { AWS_WEB_IDENTITY_TOKEN_FILE: "env", AWS_ROLE_ARN: "Pod", AWS_ROLE_SESSION_NAME: "from-env" },
      init: { roleSessionName: "from-options" },
      want: "Pod/from-options for env",
    },
    {
      name: "the option's token file with the environment's role: configured",
      env: { AWS_ROLE_ARN: "Pod", AWS_ROLE_SESSION_NAME: "from-env" },
      init: { webIdentityTokenFile: "app" },
      want: "Pod/from-env for app",
    },
  ])("$name, as in v3", async ({ env, init, want }) => {
    sandbox.env(settings(env));
    const { ours, v3 } = await bothResolve(settings(init));
    expect([identityOf(ours), identityOf(v3)]).toEqual([want, want]);
  });

  it("a roleArn without a token file is not configured: the chain goes on to the next source, as v3's", async () => {
    const agent = await serve(startContainerAgent(servedCredentials("ASIACONTAINEREXAMPLE", "secret", "session", LATER), "container-token"));
    sandbox.env({ AWS_CONTAINER_CREDENTIALS_FULL_URI: `${agent.origin}/creds`, AWS_CONTAINER_AUTHORIZATION_TOKEN: "container-token" });
    const { ours, v3 } = await bothResolve({ roleArn: roles.Pod, roleSessionName: "unused" });
    expect([ours.accessKeyId, v3.accessKeyId]).toEqual(["ASIACONTAINEREXAMPLE", "ASIACONTAINEREXAMPLE"]);
  });

  /** A handler that goes to the embedded endpoint and keeps each request's form parameters. */
  function recordingHandler(sent: Array<Record<string, string>>) {
    const inner = new NodeHttpHandler();
    return {
      handle(request: HttpRequest, options?: HttpHandlerOptions) {
        sent.push(Object.fromEntries(new URLSearchParams(String(request.body))));
        return inner.handle(request, options);
      },
      destroy: () => inner.destroy(),
    };
  }
  const SESSION_POLICY = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}';
  const POLICY_ARN = "arn:aws:iam::aws:policy/ReadOnlyAccess";
  const sessionOptions = { providerId: "www.amazon.com", policyArns: [{ arn: POLICY_ARN }], policy: SESSION_POLICY, durationSeconds: 5400 };
  const lifetime = ({ expiration }: AwsCredentialIdentity) => Math.round((expiration!.getTime() - Date.now()) / 60_000) * 60;

  it("providerId, policyArns, policy and durationSeconds are sent with AssumeRoleWithWebIdentity, as v3 sends them", async () => {
    sandbox.env(settings({ AWS_WEB_IDENTITY_TOKEN_FILE: "env", AWS_ROLE_ARN: "Pod", AWS_ROLE_SESSION_NAME: "pod" }));
    const sent: Array<Record<string, string>> = [];
    const handler = recordingHandler(sent);
    const { ours, v3 } = await bothResolve({ ...sessionOptions, clientConfig: { requestHandler: handler } });
    handler.destroy();
    expect(sent).toHaveLength(2);
    expect(sent[0]).toEqual(sent[1]);
    expect(sent[0]).toMatchObject({ ProviderId: "www.amazon.com", "PolicyArns.member.1.arn": POLICY_ARN, Policy: SESSION_POLICY, DurationSeconds: "5400" });
    expect([lifetime(ours), lifetime(v3)]).toEqual([5400, 5400]);
  });

  it("they are not sent for a profile's web_identity_token_file, as in v3", async () => {
    sandbox.write(".aws/config", `[profile ci]\nweb_identity_token_file = ${tokenFile("ci")}\nrole_arn = ${roles.Pod}\nrole_session_name = ci\n`);
    const { ours, v3 } = await bothResolve({ profile: "ci", ...sessionOptions });
    expect([identityOf(ours), lifetime(ours), identityOf(v3), lifetime(v3)]).toEqual(["Pod/ci for ci", 3600, "Pod/ci for ci", 3600]);
  });
});

describe("the container endpoint: awsContainerCredentialsFullUri and the authorization options", () => {
  const TOKEN = "container-token";
  let first: LocalServer;
  let second: LocalServer;
  const rightToken = () => sandbox.write("right-token", TOKEN);
  const wrongToken = () => sandbox.write("wrong-token", "stale-token");

  beforeEach(async () => {
    first = await serve(startContainerAgent(servedCredentials("ASIAFIRSTEXAMPLE", "secret", "session", LATER), TOKEN));
    second = await serve(startContainerAgent(servedCredentials("ASIASECONDEXAMPLE", "secret", "session", LATER), TOKEN));
  });

  it.each([
    {
      name: "awsContainerCredentialsFullUri over AWS_CONTAINER_CREDENTIALS_FULL_URI",
      env: () => ({ AWS_CONTAINER_CREDENTIALS_FULL_URI: `${second.origin}/creds`, AWS_CONTAINER_AUTHORIZATION_TOKEN: TOKEN }),
      init: () => ({ awsContainerCredentialsFullUri: `${first.origin}/creds` }),
    },
    {
      name: "awsContainerAuthorizationToken over AWS_CONTAINER_AUTHORIZATION_TOKEN",
      env: () => ({ AWS_CONTAINER_CREDENTIALS_FULL_URI: `${first.origin}/creds`, AWS_CONTAINER_AUTHORIZATION_TOKEN: "stale-token" }),
      init: () => ({ awsContainerAuthorizationToken: TOKEN }),
    },
    {
      name: "awsContainerAuthorizationTokenFile over AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE",
      env: () => ({ AWS_CONTAINER_CREDENTIALS_FULL_URI: `${first.origin}/creds`, AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: wrongToken() }),
      init: () => ({ awsContainerAuthorizationTokenFile: rightToken() }),
    },
    {
      name: "a token file (here the variable's) over a token (here the option's)",
      env: () => ({ AWS_CONTAINER_CREDENTIALS_FULL_URI: `${first.origin}/creds`, AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: rightToken() }),
      init: () => ({ awsContainerAuthorizationToken: "stale-token" }),
    },
  ])("$name, as in v3", async ({ env, init }) => {
    sandbox.env(env());
    const { ours, v3 } = await bothResolve(init());
    expect([ours.accessKeyId, v3.accessKeyId]).toEqual(["ASIAFIRSTEXAMPLE", "ASIAFIRSTEXAMPLE"]);
  });

  it.each([
    { name: "a relative URI option", env: {}, settings: { awsContainerCredentialsRelativeUri: "/v2/credentials/opt" }, want: "http://169.254.170.2/v2/credentials/opt" },
    {
      name: "the relative URI option over AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
      env: { AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: "/env" },
      settings: { awsContainerCredentialsRelativeUri: "/opt" },
      want: "http://169.254.170.2/opt",
    },
    {
      // v3's fromHttp: a relative URI wins over a full one, wherever each comes from.
      name: "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI over the full URI option",
      env: { AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: "/env" },
      settings: { awsContainerCredentialsFullUri: "http://127.0.0.1:9/opt" },
      want: "http://169.254.170.2/env",
    },
    { name: "a full URI option that is not one", env: {}, settings: { awsContainerCredentialsFullUri: "not a url" }, want: /awsContainerCredentialsFullUri does not make a valid URL/ },
  ])("the URL asked (the ECS agent's is not reached from tests): $name", ({ env, settings, want }) => {
    sandbox.env(env);
    if (typeof want === "string") expect(containerCredentialsUrl(silent, settings).href).toBe(want);
    else expect(() => containerCredentialsUrl(silent, settings)).toThrow(want);
  });

  describe("beside the instance metadata service", () => {
    beforeEach(async () => {
      const imds = await serve(startInstanceMetadataService(servedCredentials("ASIAIMDSEXAMPLE", "secret", "session", LATER)));
      sandbox.env({ AWS_EC2_METADATA_DISABLED: undefined, AWS_EC2_METADATA_SERVICE_ENDPOINT: imds.origin });
    });

    it("an authorization token without a URI is not configured: the chain goes on to the instance, as v3's", async () => {
      const { ours, v3 } = await bothResolve({ awsContainerAuthorizationToken: TOKEN });
      expect([ours.accessKeyId, v3.accessKeyId]).toEqual(["ASIAIMDSEXAMPLE", "ASIAIMDSEXAMPLE"]);
    });

    it("a URI option without a variable: keysmith asks the container endpoint it names; v3 asks the instance (README, Deviations)", async () => {
      const { ours, v3 } = await bothResolve({ awsContainerCredentialsFullUri: `${first.origin}/creds`, awsContainerAuthorizationToken: TOKEN });
      expect([ours.accessKeyId, v3.accessKeyId]).toEqual(["ASIAFIRSTEXAMPLE", "ASIAIMDSEXAMPLE"]);
    });

    it("a URI option without a variable whose endpoint fails: the instance is not asked for another identity", async () => {
      const error = await failureOf(fromNodeProviderChain({ awsContainerCredentialsFullUri: `${first.origin}/creds`, awsContainerAuthorizationToken: "stale-token", maxRetries: 0 })());
      expect(error.message).toMatch(/container credentials endpoint: http:\/\/127\.0\.0\.1:\d+ failed once, last: HTTP 401/);
      expect(error.message).toMatch(/EC2 instance metadata service: not asked, because container credentials are configured/);
    });
  });

  it("where the endpoint an option names fails, v3 asks the variable's next; keysmith stops (README, Deviations)", async () => {
    sandbox.env({ AWS_CONTAINER_CREDENTIALS_FULL_URI: `${second.origin}/creds`, AWS_CONTAINER_AUTHORIZATION_TOKEN: TOKEN });
    const init = { logger: silent, awsContainerCredentialsFullUri: `${first.origin}/elsewhere`, maxRetries: 0 };
    expect((await v3FromNodeProviderChain(init)()).accessKeyId).toBe("ASIASECONDEXAMPLE");
    expect((await failureOf(fromNodeProviderChain(init)())).message).toMatch(/container credentials endpoint: http:\/\/127\.0\.0\.1:\d+ failed once, last: HTTP 404/);
    expect(second.requests).toHaveLength(1);
  });

  it("a role profile's credential_source = EcsContainer asks the endpoint the options name, as v3's", async () => {
    const base = endpoint.roles.create({ roleName: "TaskRole", trustedPrincipals: [] });
    const deploy = endpoint.roles.create({ roleName: "Deploy", trustedPrincipals: [base.arn] });
    const task = endpoint.roles.createSession(base.arn, { sessionName: "task" });
    const agent = await serve(startContainerAgent(servedCredentials(task.accessKeyId, task.secretAccessKey, task.sessionToken, task.expiration), TOKEN));
    sandbox.write(".aws/config", `[profile deploy]\nrole_arn = ${deploy.arn}\ncredential_source = EcsContainer\nrole_session_name = from-task\n`);
    sandbox.env({ AWS_CONTAINER_CREDENTIALS_FULL_URI: `${second.origin}/creds`, AWS_CONTAINER_AUTHORIZATION_TOKEN: TOKEN });
    const { ours, v3 } = await bothResolve({ profile: "deploy", awsContainerCredentialsFullUri: `${agent.origin}/creds` });
    const arns = [ours, v3].map(({ accessKeyId }) => endpoint.roles.sessionOf(accessKeyId)?.arn);
    expect(arns).toEqual([`arn:aws:sts::${ACCOUNT}:assumed-role/Deploy/from-task`, `arn:aws:sts::${ACCOUNT}:assumed-role/Deploy/from-task`]);
    expect(agent.requests).toHaveLength(2);
  });
});

describe("IAM Identity Center options: ssoClient and callerClientConfig reach v3's fromSSO, as in v3", () => {
  const START_URL = "https://corp.awsapps.com/start";
  const inAnHour = () => new Date(Date.now() + 3600_000);
  const ssoOptions = (startUrl: string) => ({ ssoStartUrl: startUrl, ssoRegion: "us-east-1", ssoAccountId: ACCOUNT, ssoRoleName: "Admin" });

  it("ssoClient is asked for the role credentials in place of the SSO client fromSSO would make", async () => {
    const startUrl = `${START_URL}/client-${Date.now()}`;
    writeSsoToken(sandbox, startUrl, startUrl, { accessToken: "sso-access-1", expiresAt: inAnHour() });
    const sent: unknown[] = [];
    const ssoClient = {
      async send(command: { input: unknown }) {
        sent.push(command.input);
        return { roleCredentials: { accessKeyId: "ASIASSOCLIENTEXAMPLE", secretAccessKey: "secret", sessionToken: "session", expiration: inAnHour().getTime() } };
      },
    };
    const { ours, v3 } = await bothResolve({ ...ssoOptions(startUrl), ssoClient: ssoClient as any });
    expect([ours.accessKeyId, v3.accessKeyId]).toEqual(["ASIASSOCLIENTEXAMPLE", "ASIASSOCLIENTEXAMPLE"]);
    expect(sent).toEqual([
      { accountId: ACCOUNT, roleName: "Admin", accessToken: "sso-access-1" },
      { accountId: ACCOUNT, roleName: "Admin", accessToken: "sso-access-1" },
    ]);
  });

  it("callerClientConfig lends the SSO client its logger", async () => {
    const federation = await startFederationServer(endpoint);
    try {
      const role = endpoint.roles.create({ roleName: "AWSReservedSSO_Admin", trustedPrincipals: [] }).arn;
      const startUrl = `${START_URL}/caller-${Date.now()}`;
      writeSsoToken(sandbox, startUrl, startUrl, { accessToken: "sso-access-2", expiresAt: inAnHour() });
      federation.acceptAccessToken("sso-access-2", { roleArn: role, sessionName: "carol" });
      sandbox.env({ AWS_ENDPOINT_URL_SSO: federation.origin });
      const logged: Record<string, string[]> = { ours: [], v3: [] };
      const loggerOf = (who: string) => ({ ...silent, info: (entry: { commandName?: string }) => void logged[who]!.push(String(entry.commandName)) });
      const ours = await fromNodeProviderChain({ ...ssoOptions(startUrl), callerClientConfig: { logger: loggerOf("ours") } })();
      const v3 = await v3FromNodeProviderChain({ ...ssoOptions(startUrl), callerClientConfig: { logger: loggerOf("v3"), region: async () => "us-east-1" } })();
      expect([ours, v3].map(({ accessKeyId }) => endpoint.roles.sessionOf(accessKeyId)?.sessionName)).toEqual(["carol", "carol"]);
      expect(logged).toEqual({ ours: ["GetRoleCredentialsCommand"], v3: ["GetRoleCredentialsCommand"] });
    } finally {
      await federation.close();
    }
  });
});

describe("types: v3's init and role assumers are taken", () => {
  it("a v3-typed init object, and each option as a literal", () => {
    const v3Init: V3Init = { webIdentityTokenFile: "/var/run/token", roleArn: `arn:aws:iam::${ACCOUNT}:role/r`, roleSessionName: "s" };
    expectTypeOf(fromNodeProviderChain).toBeCallableWith(v3Init);
    fromNodeProviderChain({
      webIdentityTokenFile: "/var/run/token",
      roleArn: `arn:aws:iam::${ACCOUNT}:role/r`,
      roleSessionName: "s",
      providerId: "www.amazon.com",
      policyArns: [{ arn: "arn:aws:iam::aws:policy/ReadOnlyAccess" }],
      policy: "{}",
      durationSeconds: 900,
      awsContainerCredentialsFullUri: "http://127.0.0.1/creds",
      awsContainerCredentialsRelativeUri: "/creds",
      awsContainerAuthorizationToken: "token",
      awsContainerAuthorizationTokenFile: "/var/run/token",
      callerClientConfig: { region: async () => "us-east-1" },
    });
    // What v3's init has that keysmith's lacks: v3's browser provider's two options, which its Node chain ignores too.
    expectTypeOf<Exclude<keyof V3Init, keyof NodeProviderChainInit>>().toEqualTypeOf<"credentialsFullUri" | "authorizationToken">();
  });

  it("v3's role assumers, with v3's parameter types, and keysmith's own", () => {
    type V3RoleAssumer = NonNullable<V3Init["roleAssumer"]>;
    type V3RoleAssumerWithWebIdentity = NonNullable<V3Init["roleAssumerWithWebIdentity"]>;
    const v3Assumer = async (source: AwsCredentialIdentity, params: Parameters<V3RoleAssumer>[1]) => ({ ...source, accessKeyId: params.RoleArn });
    const v3WebAssumer = async (params: Parameters<V3RoleAssumerWithWebIdentity>[0]) => ({ accessKeyId: params.RoleArn, secretAccessKey: params.WebIdentityToken });
    expectTypeOf(fromNodeProviderChain).toBeCallableWith({ roleAssumer: v3Assumer, roleAssumerWithWebIdentity: v3WebAssumer });
    expectTypeOf(fromNodeProviderChain).toBeCallableWith({ roleAssumer: getDefaultRoleAssumer(), roleAssumerWithWebIdentity: getDefaultRoleAssumerWithWebIdentity() });
    expectTypeOf<V3Init>().toExtend<NodeProviderChainInit>();
  });
});
