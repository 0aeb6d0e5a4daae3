import { HttpResponse, type HttpRequest } from "@smithy/protocol-http";
import { header } from "../http/headers.js";
import { decodeForm } from "../protocol/form.js";
import type { Fixture, FixtureRequest } from "./fixture.js";
import { sameValues, type PairMatch } from "./match.js";

/** One way a request differs from the recorded one. */
export interface FixtureDifference {
  /**
   * What differs: `method`, `path`, `query`, `content type`, `body`, `request count`, `body pair UserName` (a changed
   * value), or `body pair 3` (a missing or an extra pair, numbered in the list that has it).
   */
  readonly what: string;
  readonly expected: string;
  readonly actual: string;
}

/** A request that does not match its fixture, or one more than were recorded. Lists every difference. */
export class FixtureMismatchError extends Error {
  override readonly name = "FixtureMismatchError";

  constructor(
    /** The fixture the request was compared with (its source), or undefined when none was left. */
    readonly fixture: string | undefined,
    readonly differences: readonly FixtureDifference[],
  ) {
    super(
      `${fixture === undefined ? "no fixture left" : `request does not match the fixture from ${fixture}`}:\n` +
        differences.map((d) => `  - ${d.what}: expected ${d.expected}, actual ${d.actual}`).join("\n"),
    );
  }
}

/**
 * A smithy request handler that plays recorded exchanges back: each request must match the next fixture's
 * request (method, path, content type, body pairs in order), and gets that fixture's response. A request that
 * differs, or one more than were recorded, fails with a `FixtureMismatchError` and gets no response.
 */
export function replayHandler(fixtures: Fixture | readonly Fixture[]) {
  const queue = Array.isArray(fixtures) ? [...fixtures] : [fixtures as Fixture];
  let served = 0;
  return {
    metadata: { handlerProtocol: "http/1.1" },
    /** How many fixtures have been played back so far. */
    get served(): number {
      return served;
    },
    async handle(request: HttpRequest): Promise<{ response: HttpResponse }> {
      const fixture = queue[served];
      if (fixture === undefined) {
        throw new FixtureMismatchError(undefined, [
          { what: "request count", expected: `${queue.length} request${queue.length === 1 ? "" : "s"}`, actual: `request ${served + 1}, ${describeAction(request)}` },
        ]);
      }
      const differences = compareRequest(fixture.request, request);
      if (differences.length > 0) throw new FixtureMismatchError(fixture.source, differences);
      served++;
      const { status, headers, body } = fixture.response;
      return { response: new HttpResponse({ statusCode: status, headers: { ...headers }, body: new TextEncoder().encode(body) }) };
    },
  };
}

/** Every difference between a recorded request and an actual one; `match` says when a pair's value matches (see match.ts). */
export function compareRequest(expected: FixtureRequest, request: HttpRequest, match: PairMatch = sameValues): FixtureDifference[] {
  const differences: FixtureDifference[] = [];
  const differ = (what: string, want: string, got: string) => {
    if (want !== got) differences.push({ what, expected: want, actual: got });
  };
  differ("method", expected.method, request.method);
  differ("path", expected.path, request.path);
  const query = Object.keys(request.query ?? {});
  if (query.length > 0) differences.push({ what: "query", expected: "none", actual: query.join(", ") });
  differ("content type", mediaType(expected.contentType), mediaType(header(request.headers, "content-type") ?? "none"));
  let actualPairs: Array<[string, string]>;
  try {
    actualPairs = decodeForm(bodyText(request.body));
  } catch (cause) {
    differences.push({ what: "body", expected: "a form body", actual: (cause as Error).message });
    return differences;
  }
  differences.push(...comparePairs(expected.body, actualPairs, match));
  return differences;
}

/**
 * The pairs' differences, from an alignment of the two lists (longest common subsequence), so that one missing
 * or extra pair is reported as that, not as a shift of every pair after it. A missing and an extra pair of the
 * same name at the same place are one changed value.
 */
function comparePairs(expected: Array<[string, string]>, actual: Array<[string, string]>, match: PairMatch): FixtureDifference[] {
  const same = (e: [string, string], a: [string, string]) => e[0] === a[0] && match(e[0], e[1], a[1]);
  const common: number[][] = Array.from({ length: expected.length + 1 }, () => new Array<number>(actual.length + 1).fill(0));
  for (let i = expected.length - 1; i >= 0; i--) {
    for (let j = actual.length - 1; j >= 0; j--) {
      common[i]![j] = same(expected[i]!, actual[j]!) ? common[i + 1]![j + 1]! + 1 : Math.max(common[i + 1]![j]!, common[i]![j + 1]!);
    }
  }
  const differences: FixtureDifference[] = [];
  let i = 0;
  let j = 0;
  while (i < expected.length || j < actual.length) {
    const e = expected[i];
    const a = actual[j];
    if (e && a && same(e, a)) {
      i++;
      j++;
    } else if (e && a && e[0] === a[0] && common[i + 1]![j + 1] === common[i]![j]) {
      differences.push({ what: `body pair ${e[0]}`, expected: JSON.stringify(e[1]), actual: JSON.stringify(a[1]) });
      i++;
      j++;
    } else if (e && (!a || common[i + 1]![j]! >= common[i]![j + 1]!)) {
      differences.push({ what: `body pair ${i + 1}`, expected: formatPair(e), actual: "missing" });
      i++;
    } else {
      differences.push({ what: `body pair ${j + 1}`, expected: "none", actual: formatPair(a!) });
      j++;
    }
  }
  return differences;
}

function formatPair([name, value]: [string, string]): string {
  return `${name}=${JSON.stringify(value)}`;
}

/** The media type alone, lower case: `application/x-www-form-urlencoded; charset=utf-8` compares as its first part. */
function mediaType(contentType: string): string {
  return contentType.split(";")[0]!.trim().toLowerCase();
}

/** A request body as text: awsQuery clients send the form as a string, other clients may send bytes. */
export function bodyText(body: unknown): string {
  if (body === undefined || body === null) return "";
  if (typeof body === "string") return body;
  if (body instanceof Uint8Array) return new TextDecoder().decode(body);
  throw new TypeError(`a request body must be a string or bytes to be compared or recorded, got ${Object.prototype.toString.call(body)}`);
}

function describeAction(request: HttpRequest): string {
  try {
    const action = decodeForm(bodyText(request.body)).find(([name]) => name === "Action");
    return action ? `Action=${action[1]}` : `${request.method} ${request.path}`;
  } catch {
    return `${request.method} ${request.path}`;
  }
}
