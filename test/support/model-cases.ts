// The cases a test over whole models runs: each operation of each service, and each modeled error with an operation
// that declares it (to send for it).
import { shapeName, type Shape } from "../../codegen/model/model.js";
import type { ServicePlan } from "../../codegen/model/walk.js";

interface Planned {
  readonly name: string;
  readonly plan: ServicePlan;
}

export function operationCases<S extends Planned>(services: readonly S[]): Array<{ service: S; operation: Shape; label: string }> {
  return services.flatMap((service) => service.plan.operations.map((operation) => ({ service, operation, label: `${service.name} ${shapeName(operation.id)}` })));
}

export function errorCases<S extends Planned>(services: readonly S[]): Array<{ service: S; error: Shape; operation: Shape; label: string }> {
  return services.flatMap((service) =>
    service.plan.errors.map((error) => ({
      service,
      error,
      operation: service.plan.operations.find((operation) => operation.raw.errors?.some((ref) => ref.target === error.id))!,
      label: `${service.name} ${shapeName(error.id)}`,
    })),
  );
}
