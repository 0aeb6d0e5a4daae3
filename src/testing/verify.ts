/**
 * Drift detection: a live response compared with the recorded one by structure, not by value. What must be the
 * same: the status, the error code, the response element, and every member (by its element path) with its kind
 * of value. Values are ignored — request ids, keys, dates and messages differ on every run — except the error
 * code, which is what the client maps to an exception.
 */
import { parseXmlDocument, type XmlValue } from "../protocol/xml.js";
import type { FixtureResponse } from "./fixture.js";
import { MASK } from "./masking.js";

/** One way a live exchange differs from its recording. */
export interface Drift {
  /** The exchange's number in the cassette, from 1. */
  readonly exchange: number;
  /** The recorded exchange's operation (the live request's, for a request beyond the recording). */
  readonly operation: string;
  /**
   * What differs: `status`, `error code`, `response element`, `body`, `member A.B` (present on one side only),
   * `type of A.B`, `request …` (the request the code sent, by name and order of its pairs), `request count`.
   */
  readonly what: string;
  readonly recorded: string;
  readonly live: string;
}

/** The drifts a verification found, every one of them. */
export class CassetteDriftError extends Error {
  override readonly name = "CassetteDriftError";

  constructor(
    readonly cassette: string,
    readonly drifts: readonly Drift[],
  ) {
    super(
      `the live endpoint no longer answers as ${cassette} recorded:\n` +
        drifts.map((d) => `  - exchange ${d.exchange} (${d.operation}), ${d.what}: recorded ${d.recorded}, live ${d.live}`).join("\n") +
        "\nIf the change is expected, record the cassette again (KEYSMITH_FIXTURES=record) and review the diff.",
    );
  }
}

/** A value's kind as its text shows it: what a member's type amounts to on the wire. */
type Kind = "boolean" | "number" | "timestamp" | "text" | "structure";

/** A member's shape: its kind (undefined for an empty or masked value, which fits any kind), and its members. */
interface Shape {
  kind: Kind | undefined;
  members?: Map<string, Shape>;
}

type ResponseDrift = Pick<Drift, "what" | "recorded" | "live">;

/** Every structural difference between a recorded response and a live one. */
export function compareResponses(recorded: FixtureResponse, live: FixtureResponse): ResponseDrift[] {
  const before = readDocument(recorded.body);
  const after = readDocument(live.body);
  const drifts: ResponseDrift[] = [];
  if (recorded.status !== live.status) drifts.push({ what: "status", recorded: String(recorded.status), live: String(live.status) });
  const [recordedCode, liveCode] = [errorCode(before), errorCode(after)];
  if (recordedCode !== liveCode) drifts.push({ what: "error code", recorded: recordedCode ?? "none", live: liveCode ?? "none" });
  if (drifts.length > 0) return drifts;
  if (typeof before === "string" || typeof after === "string") {
    if (typeof before !== typeof after) drifts.push({ what: "body", recorded: describeDocument(before), live: describeDocument(after) });
    return drifts;
  }
  if (before.name !== after.name) return [{ what: "response element", recorded: before.name, live: after.name }];
  compareShapes(shapeOf(before.value), shapeOf(after.value), "", drifts);
  return drifts;
}

type Document = { name: string; value: XmlValue } | string;

/** The parsed body, or why it is not XML. */
function readDocument(body: string): Document {
  try {
    return parseXmlDocument(body);
  } catch (error) {
    return (error as Error).message;
  }
}

function describeDocument(document: Document): string {
  return typeof document === "string" ? `no XML (${document})` : `XML <${document.name}>`;
}

/** The code of an awsQuery error document, in either envelope (`Error`, or `Errors/Error`). */
function errorCode(document: Document): string | undefined {
  if (typeof document === "string" || document.name !== "ErrorResponse") return undefined;
  const error = child(child(document.value, "Errors") ?? document.value, "Error");
  const code = child(error, "Code");
  return typeof code === "string" ? code : undefined;
}

function child(value: XmlValue | undefined, name: string): XmlValue | undefined {
  if (value === undefined || typeof value === "string" || Array.isArray(value)) return undefined;
  return Object.hasOwn(value, name) ? value[name] : undefined;
}

function shapeOf(value: XmlValue): Shape {
  if (Array.isArray(value)) return value.map(shapeOf).reduce(merge);
  if (typeof value === "string") return { kind: kindOf(value) };
  const members = new Map<string, Shape>();
  for (const [name, member] of Object.entries(value)) {
    // Attributes (xmlns among them) and the text beside child elements are not members.
    if (!name.startsWith("@") && name !== "#text") members.set(name, shapeOf(member));
  }
  if (members.size === 0) return { kind: kindOf(typeof value["#text"] === "string" ? value["#text"] : "") };
  return { kind: "structure", members };
}

/** The shape of a repeated element: the members of every item, so that an item with a new member shows. */
function merge(a: Shape, b: Shape): Shape {
  if (a.kind === undefined) return b;
  if (b.kind !== "structure" || a.kind !== "structure") return a;
  const members = new Map(a.members);
  for (const [name, shape] of b.members!) members.set(name, members.has(name) ? merge(members.get(name)!, shape) : shape);
  return { kind: "structure", members };
}

const BOOLEAN = /^(?:true|false)$/;
const NUMBER = /^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[-+]\d{2}:?\d{2})$/;

function kindOf(text: string): Kind | undefined {
  const value = text.trim();
  if (value === "" || value === MASK) return undefined;
  if (BOOLEAN.test(value)) return "boolean";
  if (NUMBER.test(value)) return "number";
  if (TIMESTAMP.test(value)) return "timestamp";
  return "text";
}

function compareShapes(recorded: Shape, live: Shape, path: string, drifts: ResponseDrift[]): void {
  if (recorded.kind === undefined || live.kind === undefined) return;
  if (recorded.kind !== live.kind) {
    drifts.push({ what: `type of ${path}`, recorded: recorded.kind, live: live.kind });
    return;
  }
  if (recorded.members === undefined || live.members === undefined) return;
  for (const [name, shape] of recorded.members) {
    const at = path === "" ? name : `${path}.${name}`;
    const other = live.members.get(name);
    if (other === undefined) drifts.push({ what: `member ${at}`, recorded: shape.kind ?? "empty", live: "absent" });
    else compareShapes(shape, other, at, drifts);
  }
  for (const [name, shape] of live.members) {
    if (!recorded.members.has(name)) drifts.push({ what: `member ${path === "" ? name : `${path}.${name}`}`, recorded: "absent", live: shape.kind ?? "empty" });
  }
}
