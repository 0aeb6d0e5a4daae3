import { hasTrait, Model, ModelError, shapeName, trait, UNIT, type MemberShape, type Shape, type Traits } from "./model.js";
import { hostPrefixOf } from "./host-prefix.js";
import { compare } from "./names.js";
import { paginationOf, type Pagination } from "./pagination.js";
import { isProtocolRelevant, knownTrait, OTHER_PROTOCOLS, TRAIT } from "./traits.js";
import { waitersOf, type Waiter } from "./waiters.js";

/** Everything the emitters need for one service, selected and ordered once so emitters stay simple. */
export interface ServicePlan {
  readonly model: Model;
  readonly service: Shape;
  /** The SDK id ("STS", "IAM"); clients and base exceptions are named after it. */
  readonly sdkId: string;
  /** The SigV4 signing name: the sigv4 trait's, else the endpoint prefix, else the SDK id in lower case. */
  readonly signingName: string;
  readonly operations: readonly Shape[];
  /** Every named shape the operations reach (structures, unions, lists, maps, enums), sorted by id. */
  readonly shapes: readonly Shape[];
  /** The error structures the operations and the service declare, sorted by name. */
  readonly errors: readonly Shape[];
  /** Shapes an input reaches: serialized, and validated before sending. */
  readonly inputShapes: ReadonlySet<string>;
  /** Shapes an output reaches: deserialized, and redacted in logs. */
  readonly outputShapes: ReadonlySet<string>;
  /** Shapes the members of errors reach: deserialized. */
  readonly errorShapes: ReadonlySet<string>;
  /** Lists and maps some member flattens (`@xmlFlattened`). */
  readonly flattened: ReadonlySet<string>;
  /** Operations sent unsigned: their auth list (`@auth`), else the service's, is empty. */
  readonly unsignedOperations: ReadonlySet<string>;
  /** The `@endpoint` host prefix of each operation that has one, checked. */
  readonly hostPrefixes: ReadonlyMap<string, string>;
  /** The pagination of each operation `@paginated` with tokens, checked. */
  readonly paginations: ReadonlyMap<string, Pagination>;
  /** The `@waitable` waiters of each operation that has some, checked; their names are unique in the service. */
  readonly waiters: ReadonlyMap<string, readonly Waiter[]>;
}

const NAMED_KINDS = new Set(["structure", "union", "list", "map", "enum", "intEnum"]);

/** Picks the service, checks it speaks awsQuery, and collects the operations asked for with their shape closure. */
export function planService(model: Model, operationNames?: readonly string[]): ServicePlan {
  const services = model.services();
  if (services.length !== 1) {
    throw new ModelError(`expected exactly one service shape in the model, found ${services.length}${services.length ? `: ${services.map((s) => s.id).join(", ")}` : ""}`);
  }
  const service = services[0]!;
  if (!hasTrait(service.traits, TRAIT.awsQuery)) {
    const other = OTHER_PROTOCOLS.find((protocol) => hasTrait(service.traits, protocol));
    throw new ModelError(
      other
        ? `protocol ${other.id} is not supported; keysmith generates awsQuery clients`
        : `service ${service.id} has no ${TRAIT.awsQuery.id} trait; keysmith generates awsQuery clients`,
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

  const errorIds = new Set<string>((service.raw.errors ?? []).map((ref) => ref.target));
  for (const operation of operations) for (const ref of operation.raw.errors ?? []) errorIds.add(ref.target);
  const errors = [...errorIds].map((id) => model.shape(id)).sort((a, b) => compare(shapeName(a.id), shapeName(b.id)));
  for (const error of errors) {
    if (!hasTrait(error.traits, TRAIT.error)) throw new ModelError(`shape ${error.id} is listed as an error but has no ${TRAIT.error.id} trait`);
  }
  const inputs = operations.flatMap((operation) => (operation.raw.input ? [operation.raw.input.target] : []));
  const outputs = operations.flatMap((operation) => (operation.raw.output ? [operation.raw.output.target] : []));
  const errorMembers = errors.flatMap((error) => [...error.members.values()].map((member) => member.target));
  const reached = closure(model, [...inputs, ...outputs, ...errorIds]);
  checkSupported(model, service, operations, reached);

  const named = (ids: Iterable<string>) => new Set([...ids].filter((id) => NAMED_KINDS.has(model.shape(id).type)));
  const shapes = [...named(reached.keys())].map((id) => model.shape(id)).sort((a, b) => compare(a.id, b.id));
  const flattened = new Set<string>();
  for (const shape of shapes) for (const member of shape.members.values()) if (hasTrait(member.traits, TRAIT.xmlFlattened)) flattened.add(member.target);
  return {
    model,
    service,
    sdkId: sdkIdOf(service),
    signingName: trait<{ name?: string }>(service.traits, TRAIT.sigv4)?.name ?? endpointPrefixOf(service),
    operations,
    shapes,
    errors,
    inputShapes: named(closure(model, inputs).keys()),
    outputShapes: named(closure(model, outputs).keys()),
    errorShapes: named(closure(model, errorMembers).keys()),
    flattened,
    unsignedOperations: new Set(operations.filter((operation) => authSchemesOf(service, operation)?.length === 0).map((operation) => operation.id)),
    hostPrefixes: new Map(operations.flatMap((operation) => {
      const prefix = hostPrefixOf(model, operation);
      return prefix === undefined ? [] : [[operation.id, prefix] as const];
    })),
    paginations: new Map(operations.flatMap((operation) => {
      const pagination = paginationOf(model, service, operation);
      return pagination === undefined ? [] : [[operation.id, pagination] as const];
    })),
    waiters: waitersByOperation(operations, errors),
  };
}

/** Each operation's waiters; two of one name would be two `waitUntil<Name>` functions. */
function waitersByOperation(operations: readonly Shape[], errors: readonly Shape[]): Map<string, readonly Waiter[]> {
  const byOperation = new Map<string, readonly Waiter[]>();
  const named = new Map<string, string>();
  for (const operation of operations) {
    const waiters = waitersOf(operation, errors);
    for (const { name } of waiters) {
      const other = named.get(name);
      if (other !== undefined) throw new ModelError(`waiter ${name} is defined by both ${other} and ${operation.id}; a service's waiter names are unique`);
      named.set(name, operation.id);
    }
    if (waiters.length > 0) byOperation.set(operation.id, waiters);
  }
  return byOperation;
}

/**
 * The schemes an operation may be signed with: its `@auth` list, else the service's; undefined when neither has one,
 * and the service's SigV4 applies.
 */
function authSchemesOf(service: Shape, operation: Shape): readonly string[] | undefined {
  return trait<string[]>(operation.traits, TRAIT.auth) ?? trait<string[]>(service.traits, TRAIT.auth);
}

function sdkIdOf(service: Shape): string {
  return trait<{ sdkId?: string }>(service.traits, TRAIT.service)?.sdkId ?? shapeName(service.id);
}

/** The first label of the service's host names: `aws.api#service`'s endpointPrefix, else the SDK id in lower case. */
export function endpointPrefixOf(service: Shape): string {
  return trait<{ endpointPrefix?: string }>(service.traits, TRAIT.service)?.endpointPrefix ?? sdkIdOf(service).toLowerCase();
}

/** Every shape the roots reach through their members, the roots and scalars included, by id in the order reached. */
function closure(model: Model, roots: readonly string[]): Map<string, Shape> {
  const reached = new Map<string, Shape>();
  const visit = (id: string) => {
    if (reached.has(id) || id === UNIT) return;
    const shape = model.shape(id);
    reached.set(id, shape);
    for (const [, member] of membersOf(shape)) visit(member.target);
  };
  roots.forEach(visit);
  return reached;
}

/** A shape's members: by name (structures, unions, enums), a list's `member`, a map's `key` and `value`. */
function membersOf(shape: Shape): Array<[string, MemberShape]> {
  const members: Array<[string, MemberShape]> = [...shape.members];
  for (const field of ["member", "key", "value"] as const) if (shape[field]) members.push([field, shape[field]]);
  return members;
}

/**
 * Refuses what a generated awsQuery client could not honour, naming the shape: refusing beats a client that sends
 * requests the service does not expect. Every trait of the service, the operations and the shapes they reach is
 * looked up in the trait table.
 */
function checkSupported(model: Model, service: Shape, operations: readonly Shape[], reached: ReadonlyMap<string, Shape>): void {
  checkTraits(`service ${service.id}`, service.traits);
  for (const operation of operations) {
    checkTraits(`operation ${operation.id}`, operation.traits);
    const schemes = authSchemesOf(service, operation);
    if (schemes !== undefined && schemes.length > 0 && !schemes.includes(TRAIT.sigv4.id)) {
      throw new ModelError(`operation ${operation.id} may be signed only with ${schemes.join(", ")}; keysmith signs with ${TRAIT.sigv4.id}`);
    }
    for (const field of ["input", "output"] as const) {
      const ref = operation.raw[field];
      if (ref && model.shape(ref.target).type !== "structure") throw new ModelError(`operation ${operation.id} ${field} ${ref.target} is not a structure`);
    }
  }
  const checked = new Set<string>();
  for (const shape of reached.values()) {
    if (!checked.has(shape.id)) checkTraits(`shape ${shape.id}`, shape.traits);
    checked.add(shape.id);
    for (const [name, member] of membersOf(shape)) {
      const where = `member ${shape.id}$${name}`;
      const target = model.shape(member.target);
      if (target.type === "document") throw new ModelError(`${where} targets a document (${target.id}), which awsQuery cannot carry`);
      checkTraits(where, member.traits);
      if (!checked.has(target.id)) checkTraits(`${where} targets ${target.id}, which`, target.traits);
      checked.add(target.id);
    }
  }
}

function checkTraits(where: string, traits: Traits): void {
  for (const id of Object.keys(traits)) {
    const known = knownTrait(id);
    if (known === undefined && isProtocolRelevant(id)) {
      throw new ModelError(`${where} has ${id}, a trait keysmith-codegen does not know: codegen/model/traits.ts must say how to handle it`);
    }
    if (known !== undefined && "refused" in known.handling) throw new ModelError(`${where} has ${id}: ${known.handling.refused}`);
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
