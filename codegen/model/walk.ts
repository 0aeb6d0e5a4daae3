import { hasTrait, Model, ModelError, shapeName, trait, UNIT, type MemberShape, type Shape } from "./model.js";

/** Everything the emitters need for one service, selected and ordered once so emitters stay simple. */
export interface ServicePlan {
  readonly model: Model;
  readonly service: Shape;
  /** The SDK id ("STS", "IAM"); clients and base exceptions are named after it. */
  readonly sdkId: string;
  readonly operations: readonly Shape[];
  /** Every named shape the operations reach (structures, unions, lists, maps, enums), sorted by id. */
  readonly shapes: readonly Shape[];
  /** The error structures the operations and the service declare, sorted by name. */
  readonly errors: readonly Shape[];
}

const AWS_QUERY = "aws.protocols#awsQuery";
const PROTOCOL_TRAITS = [
  "aws.protocols#awsJson1_0",
  "aws.protocols#awsJson1_1",
  "aws.protocols#restJson1",
  "aws.protocols#restXml",
  "aws.protocols#ec2Query",
  "smithy.protocols#rpcv2Cbor",
];

/** Picks the service, checks it speaks awsQuery, and collects the operations asked for with their shape closure. */
export function planService(model: Model, operationNames?: readonly string[]): ServicePlan {
  const services = model.services();
  if (services.length !== 1) {
    throw new ModelError(`expected exactly one service shape in the model, found ${services.length}${services.length ? `: ${services.map((s) => s.id).join(", ")}` : ""}`);
  }
  const service = services[0]!;
  if (!hasTrait(service.traits, AWS_QUERY)) {
    const other = PROTOCOL_TRAITS.find((id) => hasTrait(service.traits, id));
    throw new ModelError(
      other
        ? `protocol ${other} is not supported; keysmith generates awsQuery clients`
        : `service ${service.id} has no aws.protocols#awsQuery trait; keysmith generates awsQuery clients`,
    );
  }
  if (!service.raw.version) throw new ModelError(`service ${service.id} has no version; awsQuery sends it with every request`);
  const available = serviceOperations(model, service);
  let operations = available;
  if (operationNames !== undefined) {
    const byName = new Map(available.map((op) => [shapeName(op.id), op]));
    operations = operationNames.map((name) => {
      const operation = byName.get(name);
      if (operation === undefined) {
        throw new ModelError(`unknown operation ${JSON.stringify(name)}: ${service.id} has no such operation`);
      }
      return operation;
    });
  }
  operations = [...operations].sort((a, b) => compare(shapeName(a.id), shapeName(b.id)));

  const reached = new Map<string, Shape>();
  const errorIds = new Set<string>((service.raw.errors ?? []).map((ref) => ref.target));
  const visit = (id: string) => {
    if (reached.has(id) || id === UNIT) return;
    const shape = model.shape(id);
    if (!["structure", "union", "list", "map", "enum", "intEnum"].includes(shape.type)) return;
    reached.set(id, shape);
    for (const member of shape.members.values()) visit(member.target);
    for (const member of [shape.member, shape.key, shape.value]) if (member) visit(member.target);
  };
  for (const operation of operations) {
    for (const ref of [operation.raw.input, operation.raw.output]) if (ref) visit(ref.target);
    for (const ref of operation.raw.errors ?? []) errorIds.add(ref.target);
  }
  for (const id of errorIds) visit(id);
  const shapes = [...reached.values()].sort((a, b) => compare(a.id, b.id));
  const errors = [...errorIds].map((id) => model.shape(id)).sort((a, b) => compare(shapeName(a.id), shapeName(b.id)));
  for (const error of errors) {
    if (!hasTrait(error.traits, "smithy.api#error")) throw new ModelError(`shape ${error.id} is listed as an error but has no smithy.api#error trait`);
  }
  checkSupported(model, operations, shapes);
  const sdkId = trait<{ sdkId?: string }>(service.traits, "aws.api#service")?.sdkId ?? shapeName(service.id);
  return { model, service, sdkId, operations, shapes, errors };
}

/**
 * Refuses what a generated awsQuery client could not honour, naming the shape: refusing beats a client that sends
 * requests the service does not expect.
 */
function checkSupported(model: Model, operations: readonly Shape[], shapes: readonly Shape[]): void {
  for (const operation of operations) {
    if (hasTrait(operation.traits, "smithy.api#endpoint")) {
      throw new ModelError(`operation ${operation.id} has a host prefix (smithy.api#endpoint), which keysmith does not support`);
    }
    for (const field of ["input", "output"] as const) {
      const ref = operation.raw[field];
      if (ref && model.shape(ref.target).type !== "structure") throw new ModelError(`operation ${operation.id} ${field} ${ref.target} is not a structure`);
    }
  }
  for (const shape of shapes) {
    const members: Array<[string, MemberShape]> = [...shape.members];
    for (const field of ["member", "key", "value"] as const) if (shape[field]) members.push([field, shape[field]]);
    for (const [name, member] of members) {
      const target = model.shape(member.target);
      if (target.type === "document") throw new ModelError(`member ${shape.id}$${name} targets a document (${target.id}), which awsQuery cannot carry`);
      if (hasTrait(target.traits, "smithy.api#streaming")) throw new ModelError(`member ${shape.id}$${name} targets a stream (${target.id}), which awsQuery cannot carry`);
    }
  }
}

/** The service's operations, its resources' operations included. */
function serviceOperations(model: Model, service: Shape): Shape[] {
  const found = new Map<string, Shape>();
  const visitResource = (id: string) => {
    const resource = model.shape(id);
    for (const field of ["create", "put", "read", "update", "delete", "list"]) {
      const ref = resource.raw[field] as { target: string } | undefined;
      if (ref) found.set(ref.target, model.shape(ref.target));
    }
    for (const ref of [...(resource.raw.operations ?? []), ...((resource.raw.collectionOperations as Array<{ target: string }>) ?? [])]) {
      found.set(ref.target, model.shape(ref.target));
    }
    for (const ref of resource.raw.resources ?? []) visitResource(ref.target);
  };
  for (const ref of service.raw.operations ?? []) found.set(ref.target, model.shape(ref.target));
  for (const ref of service.raw.resources ?? []) visitResource(ref.target);
  return [...found.values()];
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
