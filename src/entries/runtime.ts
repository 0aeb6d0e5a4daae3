// keysmith/runtime: what generated clients import, for users who generate their own.
export * from "../runtime.js";
