// Our models say what AWS's say, shape for shape, and the generator reads AWS's full-size models too.
import { describe, expect, it } from "vitest";
import { generate } from "../codegen/generate.js";
import { hasShared, readProjectJson, readSharedJson, sharedSkipReason } from "./support/shared.js";

if (!hasShared) console.warn(sharedSkipReason);

/** Traits that are ours to write: prose, and endpoint rules (AWS's copies in ../shared have theirs removed). */
const OWN_TRAITS = new Set(["smithy.api#documentation", "smithy.rules#endpointRuleSet", "smithy.rules#endpointTests"]);

/**
 * Where our model deliberately says more than AWS's: retry safety the runtime reads from the model. Reading a
 * key's account changes nothing; setting a key's status twice leaves it as setting it once.
 */
const ADDED_TRAITS: Record<string, string[]> = {
  "com.amazonaws.sts#GetAccessKeyInfo": ["smithy.api#readonly"],
  "com.amazonaws.iam#UpdateAccessKey": ["smithy.api#idempotent"],
};

/**
 * Where our model follows AWS's current definitions and the copy in ../shared is older: members AWS added since, as
 * the installed official clients have them (IAM's statusType gained Expired; @aws-sdk/client-iam's StatusType has it).
 */
const NEWER_MEMBERS: Record<string, string[]> = {
  "com.amazonaws.iam#statusType": ["Expired"],
};

function comparable(id: string, shape: any): any {
  const strip = (traits: Record<string, unknown> = {}, added: string[] = []) =>
    Object.fromEntries(Object.entries(traits).filter(([name]) => !OWN_TRAITS.has(name) && !added.includes(name)));
  const { operations: _ops, ...rest } = shape;
  const out: any = { ...rest, traits: strip(shape.traits, ADDED_TRAITS[id]) };
  if (shape.members) {
    const newer = NEWER_MEMBERS[id] ?? [];
    out.members = Object.fromEntries(Object.entries(shape.members).filter(([name]) => !newer.includes(name)).map(([name, member]: [string, any]) => [name, { ...member, traits: strip(member.traits) }]));
  }
  return out;
}

const services = [
  { name: "sts", operations: ["AssumeRole", "AssumeRoleWithWebIdentity", "GetAccessKeyInfo"] },
  { name: "iam", operations: ["CreateAccessKey", "UpdateAccessKey"] },
];

describe.skipIf(!hasShared).each(services)("model/$name.json against AWS's model", ({ name, operations }) => {
  const ours = readProjectJson(`model/${name}.json`);
  let theirsCache: any;
  const theirsModel = () => (theirsCache ??= readSharedJson(`aws-models/${name}.json`));

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
        for (const added of ADDED_TRAITS[id] ?? []) shape.traits = { ...shape.traits, [added]: {} };
      }
      return copy;
    };
    const options = { runtime: "keysmith/runtime", source: `${name}.json`, operations };
    const fromOurs = generate(withoutProse(ours), options);
    const current = withoutProse(theirsModel());
    for (const [id, members] of Object.entries(NEWER_MEMBERS)) {
      const shape = current.shapes[id];
      if (shape === undefined) continue;
      const all = { ...shape.members, ...Object.fromEntries(members.map((member) => [member, withoutProse(ours).shapes[id].members[member]])) };
      shape.members = Object.fromEntries(Object.keys(withoutProse(ours).shapes[id].members).map((member) => [member, all[member]]));
    }
    const fromTheirs = generate(current, options);
    expect([...fromTheirs.keys()].sort()).toEqual([...fromOurs.keys()].sort());
    for (const [path, contents] of fromOurs) {
      if (path === "endpoints.ts") continue;
      expect(fromTheirs.get(path), path).toBe(contents);
    }
  });
});
