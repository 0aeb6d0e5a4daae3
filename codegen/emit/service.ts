import { literal, propertyKey } from "../model/names.js";
import { fileWriter, type EmitContext } from "./context.js";
import { errorsByCode, exceptionMembers, serviceExceptionName } from "./errors.js";

/** service.ts: what the runtime needs to know about the service at call time. */
export function emitService(ctx: EmitContext): string {
  const { plan } = ctx;
  const w = fileWriter(ctx);
  const errors = [...errorsByCode(plan.errors)].map(([code, error]) => {
    const name = w.import("./errors.js", ctx.name(error));
    const deserialize = exceptionMembers(error).length > 0 ? `, deserialize: ${w.import("./serde.js", `de_${name}`)}` : "";
    return `${propertyKey(code)}: { exception: ${name}${deserialize} }`;
  });
  w.doc([`${plan.sdkId} as the runtime sees it: version, signing name, endpoint rules, and its errors by wire code.`]);
  w.block(`export const service: ${w.importType(ctx.runtime(0), "QueryService")} =`, () => {
    w.line(`sdkId: ${literal(plan.sdkId)},`);
    w.line(`version: ${literal(plan.service.raw.version!)},`);
    w.line(`signingName: ${literal(plan.signingName)},`);
    w.line(`${w.import("./endpoints.js", "endpointSettings")},`);
    w.line(`${w.import("./endpoints.js", "resolveEndpoint")},`);
    w.object("errors: ", errors, ",");
    w.line(`ServiceException: ${w.import("./errors.js", serviceExceptionName(ctx))},`);
  }, "};");
  return w.toString();
}
