import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";

/**
 * One recorded exchange with an AWS query service: the request a call must send and the response it gets back,
 * stored as one JSON file. Written by hand from AWS's published samples, or by `recordingHandler` from real
 * traffic (which leaves out `input` and `expect`).
 */
export interface Fixture {
  /** Where the exchange comes from: an AWS documentation page, a real error seen from a service, a recording. */
  source: string;
  /** The service's signing name, e.g. `sts` or `iam`. */
  service: string;
  /** The operation, as in the body's `Action` pair, e.g. `CreateAccessKey`. */
  operation: string;
  /** The command input that produces `request`; absent in recordings, which only see the wire. */
  input?: Record<string, unknown>;
  request: FixtureRequest;
  response: FixtureResponse;
  /** What the client makes of `response`; absent in recordings. */
  expect?: FixtureExpectation;
}

export interface FixtureRequest {
  method: string;
  /** The path, without a query string: awsQuery sends its parameters in the body. */
  path: string;
  /** Compared without parameters such as `; charset=utf-8`. */
  contentType: string;
  /**
   * The form body's pairs, decoded, in order. A value equal to `MASK` stands for a secret that was not recorded
   * and matches any value.
   */
  body: Array<[string, string]>;
}

export interface FixtureResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * What the client returns or throws. Outputs are compared in their JSON form (see `fixtureOutput`): a timestamp
 * is its `toISOString()`, e.g. `"2015-03-09T18:39:23.411Z"`, and members that are undefined are absent.
 */
export type FixtureExpectation = { output: FixtureOutput } | { error: FixtureError };

export interface FixtureOutput {
  [member: string]: unknown;
  $metadata: { httpStatusCode: number; requestId?: string };
}

export interface FixtureError {
  name: string;
  $fault: "client" | "server";
  message: string;
  httpStatusCode: number;
  requestId?: string;
}

/**
 * The JSON form of a command's output, as `expect.output` holds it: the members as `JSON.stringify` writes them
 * (a Date becomes its `toISOString()`) and, of `$metadata`, the status code and request id.
 */
export function fixtureOutput(output: { $metadata: { httpStatusCode?: number; requestId?: string } }): FixtureOutput {
  const { $metadata, ...members } = output;
  return { ...JSON.parse(JSON.stringify(members)), $metadata: withoutUndefined({ httpStatusCode: $metadata.httpStatusCode, requestId: $metadata.requestId }) };
}

/** The parts of a thrown service error that `expect.error` holds. */
export function fixtureError(error: { name: string; $fault?: string; message: string; $metadata?: { httpStatusCode?: number; requestId?: string } }): FixtureError {
  return withoutUndefined({
    name: error.name,
    $fault: error.$fault,
    message: error.message,
    httpStatusCode: error.$metadata?.httpStatusCode,
    requestId: error.$metadata?.requestId,
  }) as FixtureError;
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined)) as T;
}

/** A fixture file that does not have the shape of a `Fixture`; lists every problem with its path. */
export class FixtureFormatError extends Error {
  override readonly name = "FixtureFormatError";

  constructor(
    readonly file: string,
    readonly problems: readonly string[],
  ) {
    super(`${file} is not a valid fixture:\n${problems.map((problem) => `  - ${problem}`).join("\n")}`);
  }
}

/** Checks parsed JSON against the fixture format; `file` names it in the error. */
export function parseFixture(json: unknown, file: string): Fixture {
  const problems: string[] = [];
  const object = (value: unknown, path: string): Record<string, unknown> => {
    if (typeof value === "object" && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
    problems.push(`${path} must be an object`);
    return {};
  };
  const string = (value: unknown, path: string) => {
    if (typeof value !== "string" || value === "") problems.push(`${path} must be a non-empty string`);
  };
  const fixture = object(json, "fixture");
  string(fixture.source, "source");
  string(fixture.service, "service");
  string(fixture.operation, "operation");
  if (fixture.input !== undefined) object(fixture.input, "input");
  const request = object(fixture.request, "request");
  string(request.method, "request.method");
  string(request.path, "request.path");
  string(request.contentType, "request.contentType");
  const pairs = request.body;
  if (!Array.isArray(pairs) || !pairs.every((pair) => Array.isArray(pair) && pair.length === 2 && pair.every((part) => typeof part === "string"))) {
    problems.push("request.body must be a list of [name, value] string pairs");
  }
  const response = object(fixture.response, "response");
  if (!Number.isInteger(response.status)) problems.push("response.status must be an integer");
  const headers = object(response.headers, "response.headers");
  for (const [name, value] of Object.entries(headers)) if (typeof value !== "string") problems.push(`response.headers.${name} must be a string`);
  if (typeof response.body !== "string") problems.push("response.body must be a string");
  if (fixture.expect !== undefined) {
    const expect = object(fixture.expect, "expect");
    const keys = Object.keys(expect);
    if (keys.length !== 1 || (keys[0] !== "output" && keys[0] !== "error")) problems.push("expect must hold exactly one of output or error");
    else if (keys[0] === "output") object(object(expect.output, "expect.output").$metadata, "expect.output.$metadata");
    else {
      const error = object(expect.error, "expect.error");
      string(error.name, "expect.error.name");
      if (error.$fault !== "client" && error.$fault !== "server") problems.push('expect.error.$fault must be "client" or "server"');
      if (typeof error.message !== "string") problems.push("expect.error.message must be a string");
      if (!Number.isInteger(error.httpStatusCode)) problems.push("expect.error.httpStatusCode must be an integer");
    }
  }
  if (problems.length > 0) throw new FixtureFormatError(file, problems);
  return json as Fixture;
}

/**
 * The ordered exchanges of one test — a key rotation is a create, a look-up and a deactivation — stored as one JSON
 * file and replayed in order. A file holding a single fixture reads as a cassette of that one exchange.
 */
export interface Cassette {
  /**
   * Values of the test's live setup that its requests carry (say, the id of a key the test's user was created
   * with), recorded so that a replay sends the same. Never secrets.
   */
  values?: Record<string, string>;
  exchanges: Fixture[];
}

/** Checks parsed JSON against the cassette format, or the fixture format for a single exchange; `file` names it in the error. */
export function parseCassette(json: unknown, file: string): Cassette {
  if (typeof json !== "object" || json === null || Array.isArray(json) || !("exchanges" in json)) return { exchanges: [parseFixture(json, file)] };
  const { values, exchanges } = json as { values?: unknown; exchanges: unknown };
  const problems: string[] = [];
  if (values !== undefined && (typeof values !== "object" || values === null || Array.isArray(values) || !Object.values(values).every((value) => typeof value === "string"))) {
    problems.push("values must be an object of strings");
  }
  if (!Array.isArray(exchanges)) problems.push("exchanges must be a list of fixtures");
  else {
    exchanges.forEach((exchange, index) => {
      try {
        parseFixture(exchange, file);
      } catch (error) {
        if (!(error instanceof FixtureFormatError)) throw error;
        problems.push(...error.problems.map((problem) => `exchanges[${index}].${problem}`));
      }
    });
  }
  if (problems.length > 0) throw new FixtureFormatError(file, problems);
  return json as Cassette;
}

async function readJson(file: string): Promise<unknown> {
  const text = await readFile(file, "utf8");
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new FixtureFormatError(file, [`not JSON: ${(cause as Error).message}`]);
  }
}

/** Reads one fixture file. */
export async function loadFixture(file: string): Promise<Fixture> {
  return parseFixture(await readJson(file), file);
}

/** Reads one cassette file (or a single fixture, as a cassette of one exchange). */
export async function loadCassette(file: string): Promise<Cassette> {
  return parseCassette(await readJson(file), file);
}

/**
 * Reads every exchange of the `*.json` fixtures and cassettes in a folder, in file-name order (recordings are
 * numbered, so that is call order) and, within a cassette, in its order. `file` names the file, and for a cassette
 * of several exchanges the exchange's number after `#`.
 */
export async function loadFixtures(dir: string): Promise<Array<Fixture & { file: string }>> {
  const names = (await readdir(dir)).filter((name) => name.endsWith(".json")).sort();
  const cassettes = await Promise.all(names.map((name) => loadCassette(join(dir, name))));
  return cassettes.flatMap(({ exchanges }, index) =>
    exchanges.map((fixture, number) => ({ ...fixture, file: exchanges.length === 1 ? names[index]! : `${names[index]}#${number + 1}` })),
  );
}
