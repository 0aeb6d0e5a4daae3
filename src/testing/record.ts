import { mkdir, readdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { HttpResponse, type HttpRequest } from "@smithy/protocol-http";
import type { HttpHandlerOptions } from "@smithy/types";
import { readBodyText } from "../http/body.js";
import { header } from "../http/headers.js";
import { claimedScope, claimedSignature } from "../http/sigv4-authorization.js";
import type { HttpRequestHandler } from "../config/client-config.js";
import { decodeForm } from "../protocol/form.js";
import type { Fixture } from "./fixture.js";
import { maskFixture, schemasOf, type OperationSchemas } from "./masking.js";
import { bodyText } from "./replay.js";

/** Where recordings go: a callback, or a folder that gets one numbered file per exchange. */
export type RecordingTarget = { onRecord(fixture: Fixture): void | Promise<void> } | { dir: string };

// Framing, not content: the recorded body is whole text (and may have been masked to another length).
const FRAMING_HEADERS = new Set(["content-length", "transfer-encoding", "connection", "keep-alive"]);

/** What happens to an exchange that could not be recorded: by default, a process warning. */
export type RecordingFailed = (error: unknown, exchange: { service: string; operation: string }) => void;

/**
 * Wraps a real request handler: each request passes through, the response body is read and handed back to the
 * caller unchanged (as bytes), and the exchange is recorded as a fixture with its secrets masked (see `maskFixture`);
 * a request for an operation `schemas` does not know is refused before it is sent, as its secrets are unknown.
 * A recording holds `request` and `response` only: the handler sees the wire, not the command input, so
 * `input` and `expect` are for the user to add. Replay recordings with `replayHandler(await loadFixtures(dir))`.
 *
 * Once the request was sent, a failure to record (a folder that cannot be written, an `onRecord` that throws) never
 * fails the call: the service has acted, and CreateAccessKey's answer holds a secret that exists nowhere else. It
 * goes to `failed` instead.
 */
export function recordingHandler(inner: HttpRequestHandler, target: RecordingTarget, schemas: OperationSchemas, failed: RecordingFailed = warnNotRecorded) {
  const record = "dir" in target ? (fixture: Fixture) => writeNumbered(target.dir, fixture) : (fixture: Fixture) => target.onRecord(fixture);
  return {
    metadata: inner.metadata,
    destroy(): void {
      inner.destroy?.();
    },
    async handle(request: HttpRequest, options?: HttpHandlerOptions): Promise<{ response: HttpResponse }> {
      const pairs = decodeForm(bodyText(request.body));
      const operation = pairs.find(([name]) => name === "Action")?.[1];
      if (operation === undefined) throw new TypeError("recordingHandler records awsQuery requests, and this one has no Action pair in its body");
      const service = signingService(request);
      schemasOf(schemas, service, operation);
      const { response } = await inner.handle(request, options);
      const text = await readBodyText(response.body);
      try {
        await record(
          maskFixture(
            schemas,
            {
              source: `recorded from ${request.protocol}//${request.hostname}${request.port ? `:${request.port}` : ""}${request.path} at ${new Date().toISOString()}`,
              service,
              operation,
              request: { method: request.method, path: request.path, contentType: header(request.headers, "content-type") ?? "", body: pairs },
              response: { status: response.statusCode, headers: withoutFraming(response.headers), body: text },
            },
            sentCredentials(request),
          ),
        );
      } catch (error) {
        failed(error, { service, operation });
      }
      return {
        response: new HttpResponse({ statusCode: response.statusCode, reason: response.reason, headers: response.headers, body: new TextEncoder().encode(text) }),
      };
    },
  };
}

function warnNotRecorded(error: unknown, { service, operation }: { service: string; operation: string }): void {
  process.emitWarning(`keysmith/testing: the ${service} ${operation} exchange was not recorded (${(error as Error)?.message ?? error}); the call's own result was returned`, {
    code: "KEYSMITH_NOT_RECORDED",
  });
}

/** The service from the SigV4 credential scope (`Credential=AKID/20261123/us-east-1/iam/aws4_request`). */
function signingService(request: HttpRequest): string {
  const scope = claimedScope(header(request.headers, "authorization"));
  if (!scope) throw new TypeError("recordingHandler records SigV4-signed requests, and this one has no Authorization header with a credential scope");
  return scope.service;
}

/** What of the request's credentials a server could echo back: its signature and session token. */
function sentCredentials(request: HttpRequest): string[] {
  const authorization = header(request.headers, "authorization");
  return [claimedSignature(authorization), header(request.headers, "x-amz-security-token")].filter((value) => value !== undefined);
}

function withoutFraming(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !FRAMING_HEADERS.has(name.toLowerCase())));
}

/** Writes `NNN-service-Operation.json`, numbered after the highest number already in the folder. */
async function writeNumbered(dir: string, fixture: Fixture): Promise<void> {
  await mkdir(dir, { recursive: true });
  const taken = (await readdir(dir)).map((name) => Number(/^(\d+)-/.exec(name)?.[1] ?? 0));
  for (let number = Math.max(0, ...taken) + 1; ; number++) {
    const file = join(dir, `${String(number).padStart(3, "0")}-${fixture.service}-${fixture.operation}.json`);
    try {
      await writeFile(file, formatFixture(fixture), { flag: "wx" });
      return;
    } catch (error) {
      // Another recording took this number between readdir and write: try the next.
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
  }
}

// A JSON string, as JSON.stringify writes it.
const jsonString = String.raw`"(?:[^"\\]|\\.)*"`;
const pairOverLines = new RegExp(String.raw`\[\s*(${jsonString}),\s*(${jsonString})\s*\]`, "g");

/**
 * Indented JSON with each body pair on one line, `["Name", "value"]`, so that recordings read and diff well: a
 * fixture, or a cassette of them.
 */
export function formatFixture(fixture: object): string {
  return `${JSON.stringify(fixture, null, 2).replace(pairOverLines, "[$1, $2]")}\n`;
}
