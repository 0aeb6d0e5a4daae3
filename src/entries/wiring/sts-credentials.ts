// What the credential chain (src/node/credentials/sts.ts) calls STS with: keysmith/sts's role assumers. Not a package
// entry point: the chain imports it with import() when a profile or the environment needs a role, since only
// src/entries/ may import generated/. Two names, imported by name, so that a bundler inlining the lazy import takes
// only them, not every export of keysmith/sts (an import() of the entry itself is a namespace, which keeps them all).
// Through keysmith/sts's entry module, the one users import: a bundler that inlines the lazy import then initializes
// the client one way (esbuild, reached through the generated index's `export *` instead, left the user's STSClient
// uninitialized).
export { getDefaultRoleAssumer, getDefaultRoleAssumerWithWebIdentity } from "../sts.js";
