import { hasTrait, Model, ModelError, shapeName, trait, UNIT, type Shape } from "./model.js";

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
  const sdkId = trait<{ sdkId?: string }>(service.traits, "aws.api#service")?.sdkId ?? shapeName(service.id);
  return { model, service, sdkId, operations, shapes, errors };
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
