import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
}

export interface Reply {
  status: number;
  body: string;
}

export interface LocalServer {
  /** http://127.0.0.1:PORT */
  origin: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

/** An HTTP server on 127.0.0.1 that records each request and answers with `reply`. */
export async function startLocalServer(reply: (request: RecordedRequest, index: number) => Reply): Promise<LocalServer> {
  const requests: RecordedRequest[] = [];
  const server = createServer((req, res) => {
    const request = { method: req.method ?? "", path: req.url ?? "", headers: req.headers };
    requests.push(request);
    req.resume();
    req.on("end", () => {
      const { status, body } = reply(request, requests.length - 1);
      res.writeHead(status, { "content-type": "application/json" }).end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Temporary credentials as the container agent and IMDS serve them. */
export function servedCredentials(accessKeyId: string, secretAccessKey: string, sessionToken: string, expiration: Date) {
  return { Code: "Success", AccessKeyId: accessKeyId, SecretAccessKey: secretAccessKey, Token: sessionToken, Expiration: expiration.toISOString() };
}

/** A container credentials agent that serves `credentials` at /creds to requests carrying `authorization`. */
export function startContainerAgent(credentials: object, authorization: string, failuresFirst = 0): Promise<LocalServer> {
  return startLocalServer((request, index) => {
    if (index < failuresFirst) return { status: 500, body: "{}" };
    if (request.headers.authorization !== authorization) {
      return { status: 401, body: JSON.stringify({ Code: "AccessDenied", Message: "unauthorized request" }) };
    }
    if (request.path !== "/creds") return { status: 404, body: "{}" };
    return { status: 200, body: JSON.stringify(credentials) };
  });
}

export const IMDS_ROLE = "keysmith-test-role";
export const IMDS_TOKEN = "imds-session-token-1";

/** IMDSv2: PUT /latest/api/token hands out IMDS_TOKEN; the credential paths answer only requests that send it. */
export function startInstanceMetadataService(credentials: object): Promise<LocalServer> {
  const base = "/latest/meta-data/iam/security-credentials/";
  return startLocalServer((request) => {
    if (request.method === "PUT" && request.path === "/latest/api/token") {
      return request.headers["x-aws-ec2-metadata-token-ttl-seconds"] ? { status: 200, body: IMDS_TOKEN } : { status: 400, body: "" };
    }
    if (request.headers["x-aws-ec2-metadata-token"] !== IMDS_TOKEN) return { status: 401, body: "" };
    if (request.method === "GET" && request.path === base) return { status: 200, body: IMDS_ROLE };
    if (request.method === "GET" && request.path === base + IMDS_ROLE) return { status: 200, body: JSON.stringify(credentials) };
    return { status: 404, body: "" };
  });
}
