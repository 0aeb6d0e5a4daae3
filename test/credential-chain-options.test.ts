// The options v3's fromNodeProviderChain takes beyond the profile, honoured: which shared files are read and whether
// afresh, how role and web-identity credentials are fetched (a function of the caller's, or STS clients with the
// caller's options and plugins, in the region v3 picks), and how the instance metadata service and the container
// endpoint are asked.
import { fromNodeProviderChain as v3FromNodeProviderChain } from "@aws-sdk/credential-providers";
import type { HttpRequest } from "@smithy/protocol-http";
import type { AwsCredentialIdentity, Pluggable } from "@smithy/types";
import { afterEach, describe, expect, it } from "vitest";
import { fromNodeProviderChain } from "../src/entries/credentials.js";
import { authorizationParts, captureHandler, type CannedResponse } from "./support/capture.js";
import { failureOf, useCredentialSandbox } from "./support/credential-sandbox.js";
import { servedCredentials, startLocalServer, type LocalServer } from "./support/credential-servers.js";

const sandbox = useCredentialSandbox();

const servers: LocalServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

const keys = (section: string, accessKeyId: string) => `[${section}]\naws_access_key_id = ${accessKeyId}\naws_secret_access_key = secret-of-${accessKeyId}\n`;
const ROLE = "arn:aws:iam::123456789012:role/deploy";
const ROLE_CREDENTIALS: AwsCredentialIdentity = { accessKeyId: "ASIAROLEEXAMPLE", secretAccessKey: "role-secret", sessionToken: "role-session", expiration: new Date("2030-01-01T00:00:00Z") };

/** STS's answer to AssumeRole or AssumeRoleWithWebIdentity with ROLE_CREDENTIALS. */
function stsAnswer(operation: string): CannedResponse {
  return {
    status: 200,
    body:
      `<${operation}Response><${operation}Result><Credentials><AccessKeyId>${ROLE_CREDENTIALS.accessKeyId}</AccessKeyId>` +
      `<SecretAccessKey>role-secret</SecretAccessKey><SessionToken>role-session</SessionToken><Expiration>2030-01-01T00:00:00Z</Expiration></Credentials>` +
      `<AssumedRoleUser><AssumedRoleId>AROAEXAMPLE:s</AssumedRoleId><Arn>arn:aws:sts::123456789012:assumed-role/deploy/s</Arn></AssumedRoleUser></${operation}Result></${operation}Response>`,
  };
}

/** The region of a signed request's SigV4 scope. */
const scopeRegion = (request: HttpRequest) => authorizationParts(request).credential.split("/")[2];

describe("the shared files", () => {
  it("filepath and configFilepath name the files read, as in v3", async () => {
    sandbox.write(".aws/credentials", keys("default", "AKIDHOMEEXAMPLE"));
    const init = { filepath: sandbox.write("app/credentials", keys("default", "AKIDAPPEXAMPLE")), configFilepath: sandbox.write("app/config", keys("profile dev", "AKIDAPPDEVEXAMPLE")) };
    expect((await fromNodeProviderChain(init)()).accessKeyId).toBe("AKIDAPPEXAMPLE");
    expect((await fromNodeProviderChain({ ...init, profile: "dev" })()).accessKeyId).toBe("AKIDAPPDEVEXAMPLE");
    expect((await v3FromNodeProviderChain({ ...init, profile: "dev" })()).accessKeyId).toBe("AKIDAPPDEVEXAMPLE");
  });

  it("ignoreCache reads them again; without it a process reads them once", async () => {
    const filepath = sandbox.write("app/credentials", keys("default", "AKIDFIRSTEXAMPLE"));
    expect((await fromNodeProviderChain({ filepath })()).accessKeyId).toBe("AKIDFIRSTEXAMPLE");
    sandbox.write("app/credentials", keys("default", "AKIDSECONDEXAMPLE"));
    expect((await fromNodeProviderChain({ filepath })()).accessKeyId).toBe("AKIDFIRSTEXAMPLE");
    expect((await fromNodeProviderChain({ filepath, ignoreCache: true })()).accessKeyId).toBe("AKIDSECONDEXAMPLE");
  });
});

describe("role and web-identity credentials", () => {
  const roleProfile = () => sandbox.write(".aws/config", `[profile deploy]\nrole_arn = ${ROLE}\nsource_profile = base\nrole_session_name = session\n${keys("profile base", "AKIDBASEEXAMPLE")}`);

  it("roleAssumer fetches a role profile's credentials instead of STS, given the source's and AssumeRole's input", async () => {
    roleProfile();
    const calls: Array<[string, object]> = [];
    const roleAssumer = async (source: AwsCredentialIdentity, params: object) => {
      calls.push([source.accessKeyId, params]);
      return ROLE_CREDENTIALS;
    };
    expect(await fromNodeProviderChain({ profile: "deploy", roleAssumer })()).toEqual(ROLE_CREDENTIALS);
    expect(calls).toEqual([["AKIDBASEEXAMPLE", expect.objectContaining({ RoleArn: ROLE, RoleSessionName: "session" })]]);
  });

  it("roleAssumerWithWebIdentity fetches web-identity credentials instead of STS, given the token", async () => {
    sandbox.env({ AWS_WEB_IDENTITY_TOKEN_FILE: sandbox.write("token", "the-oidc-token"), AWS_ROLE_ARN: ROLE, AWS_ROLE_SESSION_NAME: "pod" });
    const calls: object[] = [];
    const roleAssumerWithWebIdentity = async (params: object) => {
      calls.push(params);
      return ROLE_CREDENTIALS;
    };
    expect(await fromNodeProviderChain({ roleAssumerWithWebIdentity })()).toEqual(ROLE_CREDENTIALS);
    expect(calls).toEqual([expect.objectContaining({ RoleArn: ROLE, RoleSessionName: "pod", WebIdentityToken: "the-oidc-token" })]);
  });

  it("clientConfig and clientPlugins reach the STS client: its region, its handler, and middleware on its stack", async () => {
    roleProfile();
    const handler = captureHandler(stsAnswer("AssumeRole"));
    const tagging: Pluggable<any, any> = {
      applyToStack: (stack) =>
        stack.add(
          (next) => (args: any) => {
            args.request.headers["x-plugin"] = "seen";
            return next(args);
          },
          { step: "build", name: "tagging" },
        ),
    };
    const provider = fromNodeProviderChain({ profile: "deploy", clientConfig: { region: "eu-central-1", requestHandler: handler }, clientPlugins: [tagging] });
    expect((await provider()).accessKeyId).toBe(ROLE_CREDENTIALS.accessKeyId);
    const [request] = handler.requests;
    expect([request!.hostname, scopeRegion(request!), request!.headers["x-plugin"]]).toEqual(["sts.eu-central-1.amazonaws.com", "eu-central-1", "seen"]);
  });

  it("calls STS in the region of the profile the chain started from at every hop, as v3 does", async () => {
    sandbox.write(
      ".aws/config",
      `[profile top]\nrole_arn = ${ROLE}\nsource_profile = middle\nregion = us-east-2\n` +
        `[profile middle]\nrole_arn = arn:aws:iam::123456789012:role/middle\nsource_profile = base\nregion = eu-west-1\n${keys("profile base", "AKIDBASEEXAMPLE")}`,
    );
    const handler = captureHandler(stsAnswer("AssumeRole"));
    await fromNodeProviderChain({ profile: "top", clientConfig: { requestHandler: handler } })();
    expect(handler.requests.map(scopeRegion)).toEqual(["us-east-2", "us-east-2"]);
  });
});

describe("the instance metadata service and the container endpoint", () => {
  /** IMDSv1 only: no session tokens are handed out. */
  async function imdsV1Only(): Promise<LocalServer> {
    const base = "/latest/meta-data/iam/security-credentials/";
    const server = await startLocalServer((request) => {
      if (request.method === "PUT") return { status: 403, body: "" };
      if (request.path === base) return { status: 200, body: "instance-role" };
      if (request.path === `${base}instance-role`) return { status: 200, body: JSON.stringify(servedCredentials("ASIAIMDSV1EXAMPLE", "imds-secret", "imds-session", new Date("2030-01-01T00:00:00Z"))) };
      return { status: 404, body: "" };
    });
    servers.push(server);
    sandbox.env({ AWS_EC2_METADATA_DISABLED: undefined, AWS_EC2_METADATA_SERVICE_ENDPOINT: server.origin });
    return server;
  }

  it("ec2MetadataV1Disabled refuses IMDSv1, which the chain falls back to without it", async () => {
    await imdsV1Only();
    expect((await fromNodeProviderChain()()).accessKeyId).toBe("ASIAIMDSV1EXAMPLE");
    expect((await failureOf(fromNodeProviderChain({ ec2MetadataV1Disabled: true })())).message).toMatch(/EC2 instance metadata service: .*v1 fallback has been blocked/);
  });

  it("so does a role profile's credential_source = Ec2InstanceMetadata, which v3 also gives the chain's options", async () => {
    const imds = await imdsV1Only();
    sandbox.write(".aws/config", `[profile deploy]\nrole_arn = ${ROLE}\ncredential_source = Ec2InstanceMetadata\n`);
    const ours = await failureOf(fromNodeProviderChain({ profile: "deploy", ec2MetadataV1Disabled: true })());
    const theirs = await failureOf(v3FromNodeProviderChain({ profile: "deploy", ec2MetadataV1Disabled: true })());
    expect(ours.message).toMatch(/v1 fallback has been blocked/);
    // v3's chain says only that no source gave credentials. Neither asked for the role's credentials with IMDSv1.
    expect(theirs.message).toBe("Could not load credentials from any providers");
    expect(imds.requests.filter((request) => request.method === "GET")).toEqual([]);
  });

  it("maxRetries bounds the container endpoint's tries", async () => {
    const agent = await startLocalServer(() => ({ status: 500, body: "{}" }));
    servers.push(agent);
    sandbox.env({ AWS_CONTAINER_CREDENTIALS_FULL_URI: `${agent.origin}/creds` });
    await failureOf(fromNodeProviderChain({ maxRetries: 0 })());
    expect(agent.requests).toHaveLength(1);
  });
});
