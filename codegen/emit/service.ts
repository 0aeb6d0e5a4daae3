import { shapeName, trait } from "../model/model.js";
import { literal, propertyKey } from "../model/names.js";
import type { EmitContext } from "./context.js";
import { exceptionMembers, serviceExceptionName } from "./errors.js";

/** service.ts: what the runtime needs to know about the service at call time. */
export function emitService(ctx: EmitContext): string {
  const { plan } = ctx;
  const base = serviceExceptionName(ctx);
  const signingName =
    trait<{ name?: string }>(plan.service.traits, "aws.auth#sigv4")?.name ??
    trait<{ endpointPrefix?: string }>(plan.service.traits, "aws.api#service")?.endpointPrefix ??
    plan.sdkId.toLowerCase();
  const version = plan.service.raw.version;
  if (!version) throw new Error(`service ${plan.service.id} has no version; awsQuery sends it with every request`);
  const errorNames = plan.errors.map((error) => ctx.name(error));
  const deserializers = plan.errors.filter((error) => exceptionMembers(error).length > 0).map((error) => `de_${ctx.name(error)}`);
  const entries = plan.errors.map((error) => {
    const code = trait<{ code?: string }>(error.traits, "aws.protocols#awsQueryError")?.code ?? shapeName(error.id);
    const name = ctx.name(error);
    const deserialize = exceptionMembers(error).length > 0 ? `, deserialize: de_${name}` : "";
    return `    ${propertyKey(code)}: { exception: ${name}${deserialize} },\n`;
  });
  return (
    ctx.header +
    `\nimport type { QueryService } from ${literal(ctx.runtime(0))};\n` +
    `import { endpointBuiltIns, resolveEndpoint } from "./endpoints.js";\n` +
    `import { ${[base, ...errorNames].sort().join(", ")} } from "./errors.js";\n` +
    (deserializers.length ? `import { ${deserializers.sort().join(", ")} } from "./serde.js";\n` : "") +
    `\n/** ${plan.sdkId} as the runtime sees it: version, signing name, endpoint rules, and its errors by wire code. */\n` +
    `export const service: QueryService = {\n` +
    `  sdkId: ${literal(plan.sdkId)},\n` +
    `  version: ${literal(version)},\n` +
    `  signingName: ${literal(signingName)},\n` +
    `  endpointBuiltIns,\n` +
    `  resolveEndpoint,\n` +
    `  errors: {\n${entries.join("")}  },\n` +
    `  ServiceException: ${base},\n` +
    `};\n`
  );
}
