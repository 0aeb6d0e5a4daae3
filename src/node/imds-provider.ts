// What the instance-metadata source and the defaults mode's region take from @smithy/credential-provider-imds, in a
// module of their own that they import on first use: named re-exports let a bundler, which inlines the import(),
// leave out the package's other providers (a whole-module import() keeps every export).
export { fromInstanceMetadata, getInstanceMetadataEndpoint, httpRequest } from "@smithy/credential-provider-imds";
