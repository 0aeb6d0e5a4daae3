// What the instance-metadata source takes from @smithy/credential-provider-imds, in a module of its own that the source
// imports on first use: named re-exports let a bundler, which inlines the import(), leave out the package's other
// providers (a whole-module import() keeps every export).
export { fromInstanceMetadata } from "@smithy/credential-provider-imds";
