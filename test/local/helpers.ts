// Raw, independently signed requests against the local endpoint: @smithy/signature-v4 signs,
// node:http sends, fast-xml-parser reads. Nothing from keysmith's own runtime is involved.
import { Sha256 } from "@aws-crypto/sha256-js";
import { HttpRequest } from "@smithy/protocol-http";
import { SignatureV4 } from "@smithy/signature-v4";
import { XMLParser } from "fast-xml-parser";
import http from "node:http";
import net from "node:net";

export interface TestCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export interface CallOptions {
  credentials?: TestCredentials;
  /** Signing service; defaults to the service that owns the action. */
  service?: string;
  region?: string;
  /** Defaults to the service's API version; null leaves Version out. */
  version?: string | null;
  signingDate?: Date;
  /** Replaces the whole form body (Action, Version and params are then ignored). */
  rawBody?: string;
  /** Extra headers, signed along with the rest. */
  headers?: Record<string, string>;
  /** Query parameters, signed and sent after `/?`. */
  query?: Record<string, string>;
  /** Sign without the Host header (node still sends one). */
  unsignedHost?: boolean;
  /** Changes the request after signing, to model tampering in transit. */
  tamper?: (request: { headers: Record<string, string>; body: string }) => void;
  agent?: http.Agent;
}

export interface CallResult {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  /** The parsed body; values stay strings, the xmlns attribute is `@_xmlns`. */
  xml: any;
}

const IAM_ACTIONS = new Set(["CreateUser", "CreateAccessKey", "UpdateAccessKey"]);
const VERSIONS: Record<string, string> = { iam: "2010-05-08", sts: "2011-06-15" };
export const IAM_NS = "https://iam.amazonaws.com/doc/2010-05-08/";
export const STS_NS = "https://sts.amazonaws.com/doc/2011-06-15/";

const parser = new XMLParser({ ignoreAttributes: false, parseTagValue: false });

function serviceOf(action: string): string {
  return IAM_ACTIONS.has(action) ? "iam" : "sts";
}

/** RFC 3986 form encoding, as AWS SDKs write awsQuery bodies. */
export function formEncode(params: Record<string, string>): string {
  const encode = (text: string) =>
    encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return Object.entries(params)
    .map(([name, value]) => `${encode(name)}=${encode(value)}`)
    .join("&");
}

export async function call(
  url: string,
  action: string,
  params: Record<string, string> = {},
  options: CallOptions = {},
): Promise<CallResult> {
  const service = options.service ?? serviceOf(action);
  const version = options.version === undefined ? VERSIONS[serviceOf(action)] : options.version;
  const body =
    options.rawBody ?? formEncode({ Action: action, ...(version === null ? {} : { Version: version! }), ...params });
  const request = await sign(url, body, service, options);
  return send(url, request, options.agent);
}

export async function sign(
  url: string,
  body: string,
  service: string,
  options: CallOptions,
): Promise<{ method: string; path: string; headers: Record<string, string>; body: string }> {
  const target = new URL(url);
  const headers: Record<string, string> = {
    "content-type": "application/x-www-form-urlencoded; charset=utf-8",
    ...(options.unsignedHost ? {} : { host: target.host }),
    ...options.headers,
  };
  const unsigned = new HttpRequest({
    method: "POST",
    protocol: target.protocol,
    hostname: target.hostname,
    port: Number(target.port),
    path: "/",
    query: options.query ?? {},
    headers,
    body,
  });
  const path = options.query ? `/?${formEncode(options.query)}` : "/";
  const request = { method: "POST", path, headers, body };
  if (options.credentials) {
    const signer = new SignatureV4({
      service,
      region: options.region ?? "us-east-1",
      credentials: options.credentials,
      sha256: Sha256,
    });
    const signed = await signer.sign(unsigned, options.signingDate ? { signingDate: options.signingDate } : {});
    request.headers = { ...(signed.headers as Record<string, string>) };
  }
  options.tamper?.(request);
  return request;
}

function send(
  url: string,
  request: { method: string; path: string; headers: Record<string, string>; body: string },
  agent?: http.Agent,
): Promise<CallResult> {
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    const outgoing = http.request(
      {
        host: target.hostname,
        port: Number(target.port),
        method: request.method,
        path: request.path,
        headers: request.headers,
        agent: agent ?? false,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("error", reject);
        response.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          let xml: unknown;
          try {
            xml = parser.parse(text);
          } catch {
            xml = undefined;
          }
          resolve({ status: response.statusCode ?? 0, headers: response.headers, body: text, xml });
        });
      },
    );
    outgoing.on("error", reject);
    outgoing.end(request.body);
  });
}

/** The `<Error>` of an ErrorResponse, plus its namespace and request id. */
export function errorOf(result: CallResult): { Type: string; Code: string; Message: string; xmlns: string; RequestId: string } {
  const envelope = result.xml?.ErrorResponse;
  if (!envelope) throw new Error(`not an ErrorResponse (${result.status}): ${result.body}`);
  return { ...envelope.Error, xmlns: envelope["@_xmlns"], RequestId: envelope.RequestId };
}

/** Sends raw bytes and returns whatever comes back until the server closes or `ms` pass. */
export function rawExchange(url: string, bytes: string, ms = 1000): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname, () => socket.write(bytes));
    let received = "";
    socket.on("data", (chunk) => (received += chunk.toString("latin1")));
    socket.on("close", () => resolve(received));
    socket.on("error", reject);
    socket.setTimeout(ms, () => socket.end());
  });
}
