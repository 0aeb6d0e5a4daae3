// What the profile reader takes from @smithy/shared-ini-file-loader, in a module of its own that it imports on first use:
// named re-exports let a bundler, which inlines the import(), leave out the package's SSO token and other readers.
export { getHomeDir, getProfileName, loadSharedConfigFiles, readFile } from "@smithy/shared-ini-file-loader";
