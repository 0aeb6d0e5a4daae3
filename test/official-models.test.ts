// Our models say what AWS's say, shape for shape, and the generator reads AWS's full-size models too.
import { describe, expect, it } from "vitest";
import { generate } from "../codegen/generate.js";
import { hasShared, readProjectJson, readSharedJson, sharedSkipReason } from "./support/shared.js";

if (!hasShared) console.warn(sharedSkipReason);

/** Traits that are ours to write: prose, and endpoint rules (AWS's copies in ../shared have theirs removed). */
const OWN_TRAITS = new Set(["smithy.api#documentation", "smithy.rules#endpointRuleSet", "smithy.rules#endpointTests"]);

/**
 * Where our model deliberately says more than AWS's, with the value it says. Retry safety the runtime reads from the
 * model: reading a key's account changes nothing; setting a key's status twice leaves it as setting it once. And the
 * operation sent unsigned: AWS's Smithy model does not say so, the official SDKs add it (v3 sends
 * AssumeRoleWithWebIdentity with its noAuth scheme), and botocore's model marks it `authtype: none`.
 */
const ADDED_TRAITS: Record<string, Record<string, unknown>> = {
  "com.amazonaws.sts#GetAccessKeyInfo": { "smithy.api#readonly": {} },
  "com.amazonaws.sts#AssumeRoleWithWebIdentity": { "smithy.api#auth": [] },
  "com.amazonaws.iam#UpdateAccessKey": { "smithy.api#idempotent": {} },
};

/**
 * What AWS changed after the copy in ../shared was taken (April 2025), in AWS's current definitions (documentation
 * aside): shapes added, members added, traits added or changed, errors added to an operation. Each is applied to that
 * copy before comparing, after checking that the copy still lacks it, so an entry leaves this list when ../shared is
 * refreshed. The installed official clients confirm the members, their kinds and the retryable error
 * (test/model-drift.test.ts); the ranges and lengths are from AWS's current model.
 */
interface Newer {
  shape: string;
  added?: object;
  members?: Record<string, object>;
  traits?: Record<string, unknown>;
  errors?: string[];
  why: string;
}

const SESSION_TOKEN_SIZES = "AWS added the session token's size, asked for and returned with its share of the limit";
const asked = { MinimumSessionTokenSize: { target: "com.amazonaws.sts#minimumSessionTokenSizeType" } };
const returned = { SessionTokenUtilization: { target: "com.amazonaws.sts#sessionTokenUtilizationType" }, SessionTokenSize: { target: "com.amazonaws.sts#sessionTokenSizeType" } };

const NEWER: Newer[] = [
  { shape: "com.amazonaws.iam#statusType", members: { Expired: { target: "smithy.api#Unit", traits: { "smithy.api#enumValue": "Expired" } } }, why: "IAM's statusType gained Expired" },
  { shape: "com.amazonaws.iam#UpdateAccessKey", errors: ["com.amazonaws.iam#InvalidInputException"], why: "AWS lists InvalidInput for UpdateAccessKey now" },
  { shape: "com.amazonaws.sts#AssumeRoleRequest", members: asked, why: SESSION_TOKEN_SIZES },
  { shape: "com.amazonaws.sts#AssumeRoleResponse", members: returned, why: SESSION_TOKEN_SIZES },
  { shape: "com.amazonaws.sts#AssumeRoleWithWebIdentityRequest", members: asked, why: SESSION_TOKEN_SIZES },
  { shape: "com.amazonaws.sts#AssumeRoleWithWebIdentityResponse", members: returned, why: SESSION_TOKEN_SIZES },
  { shape: "com.amazonaws.sts#minimumSessionTokenSizeType", added: { type: "integer", traits: { "smithy.api#range": { min: 0, max: 4096 } } }, why: SESSION_TOKEN_SIZES },
  { shape: "com.amazonaws.sts#sessionTokenUtilizationType", added: { type: "integer", traits: { "smithy.api#range": { min: 0 } } }, why: SESSION_TOKEN_SIZES },
  { shape: "com.amazonaws.sts#sessionTokenSizeType", added: { type: "integer", traits: { "smithy.api#range": { min: 0 } } }, why: SESSION_TOKEN_SIZES },
  { shape: "com.amazonaws.sts#IDPCommunicationErrorException", traits: { "smithy.api#retryable": {} }, why: "AWS marks it retryable" },
  { shape: "com.amazonaws.sts#ProvidedContextsListType", traits: { "smithy.api#length": { min: 1, max: 5 } }, why: "AWS takes 1 to 5 contexts now (the copy: 0 to 5)" },
];

/** AWS's entries and the newer ones, in our order (which the generated code follows), then any we lack. */
function merged<T>(ourOrder: readonly string[], theirs: Record<string, T>, newer: Record<string, T>): Record<string, T> {
  const names = [...new Set([...ourOrder, ...Object.keys(theirs), ...Object.keys(newer)])].filter((name) => Object.hasOwn(theirs, name) || Object.hasOwn(newer, name));
  return Object.fromEntries(names.map((name) => [name, Object.hasOwn(theirs, name) ? theirs[name]! : newer[name]!]));
}

/** AWS's model as of ../shared with what AWS changed since, checking that the copy still lacks each change. */
function upToDate(theirs: any, ours: any): any {
  const current = structuredClone(theirs);
  const namespace = Object.keys(ours.shapes)[0]!.split("#")[0];
  for (const { shape: id, added, members = {}, traits = {}, errors = [] } of NEWER) {
    if (id.split("#")[0] !== namespace) continue;
    const shape = current.shapes[id];
    const stale = `${id}: ../shared's model has it now: remove it from NEWER`;
    if (added) {
      expect(shape, stale).toBeUndefined();
      current.shapes[id] = added;
      continue;
    }
    for (const member of Object.keys(members)) expect(Object.keys(shape.members), stale).not.toContain(member);
    for (const [trait, value] of Object.entries(traits)) expect(shape.traits?.[trait], stale).not.toEqual(value);
    const errorRefs = (targets: string[]) => Object.fromEntries(targets.map((target) => [target, { target }]));
    const theirErrors = errorRefs((shape.errors ?? []).map((ref: { target: string }) => ref.target));
    for (const error of errors) expect(Object.keys(theirErrors), stale).not.toContain(error);
    const our = ours.shapes[id];
    if (Object.keys(members).length > 0) shape.members = merged(Object.keys(our.members), shape.members, members);
    shape.traits = { ...shape.traits, ...traits };
    if (errors.length > 0) shape.errors = Object.values(merged(our.errors.map((ref: { target: string }) => ref.target), theirErrors, errorRefs(errors)));
  }
  return current;
}

function comparable(id: string, shape: any): any {
  const strip = (traits: Record<string, unknown> = {}, added: Record<string, unknown> = {}) =>
    Object.fromEntries(Object.entries(traits).filter(([name]) => !OWN_TRAITS.has(name) && !Object.hasOwn(added, name)));
  const { operations: _ops, ...rest } = shape;
  const out: any = { ...rest, traits: strip(shape.traits, ADDED_TRAITS[id]) };
  if (shape.members) out.members = Object.fromEntries(Object.entries(shape.members).map(([name, member]: [string, any]) => [name, { ...member, traits: strip(member.traits) }]));
  return out;
}

const services = [
  { name: "sts", operations: ["AssumeRole", "AssumeRoleWithWebIdentity", "GetAccessKeyInfo"] },
  { name: "iam", operations: ["CreateAccessKey", "UpdateAccessKey"] },
];

describe.skipIf(!hasShared).each(services)("model/$name.json against AWS's model", ({ name, operations }) => {
  const ours = readProjectJson(`model/${name}.json`);
  let theirsCache: any;
  /** AWS's model as of ../shared, with what AWS changed since. */
  const theirsModel = () => (theirsCache ??= upToDate(readSharedJson(`aws-models/${name}.json`), ours));

  it.each(Object.keys(ours.shapes))("%s matches AWS's shape (names, targets, traits other than documentation)", (id) => {
    const theirs = theirsModel();
    expect(theirs.shapes[id], `${id} is not in AWS's model`).toBeDefined();
    expect(comparable(id, ours.shapes[id])).toEqual(comparable(id, theirs.shapes[id]));
  });

  it("lists operations that AWS's service has", () => {
    const theirs = theirsModel();
    const serviceId = Object.keys(ours.shapes).find((id) => ours.shapes[id].type === "service")!;
    const theirOperations = theirs.shapes[serviceId].operations.map((ref: { target: string }) => ref.target);
    expect(theirOperations).toEqual(expect.arrayContaining(ours.shapes[serviceId].operations.map((ref: { target: string }) => ref.target)));
    expect(ours.shapes[serviceId].operations.map((ref: { target: string }) => ref.target.split("#")[1]).sort()).toEqual(operations);
  });

  it("generates the same client from AWS's full model as from ours, but for prose and endpoint rules", () => {
    const withoutProse = (ast: any) => {
      const copy = structuredClone(ast);
      for (const [id, shape] of Object.entries<any>(copy.shapes)) {
        for (const traits of [shape.traits, ...Object.values<any>(shape.members ?? {}).map((m) => m.traits)]) {
          if (traits) for (const name of OWN_TRAITS) delete traits[name];
        }
        if (ADDED_TRAITS[id]) shape.traits = { ...shape.traits, ...ADDED_TRAITS[id] };
      }
      return copy;
    };
    const options = { runtime: "keysmith/runtime", source: `${name}.json`, operations };
    const fromOurs = generate(withoutProse(ours), options);
    const fromTheirs = generate(withoutProse(theirsModel()), options);
    expect([...fromTheirs.keys()].sort()).toEqual([...fromOurs.keys()].sort());
    for (const [path, contents] of fromOurs) {
      if (path === "endpoints.ts") continue;
      expect(fromTheirs.get(path), path).toBe(contents);
    }
  });
});
