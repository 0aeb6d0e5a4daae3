// Every class an entry exports is named as it is exported (what `error.constructor.name`, stack traces of subclasses
// and test runners show), in each pre-bundled build of the package: esbuild names a class whose body refers to itself
// `_Name` in a bundle, which keysmith's build renames back (scripts/class-names.ts). Prints, per build, the classes it
// checked and those named otherwise (and what a client's and a command's middleware stacks and the request a
// middleware sees are instances of, if not what smithy makes them); and, per Node build, how the exception classes
// and a user's subclass of one relate.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const dist = new URL("../node_modules/keysmith/dist/", import.meta.url);
const require = createRequire(import.meta.url);
const { exports } = JSON.parse(readFileSync(new URL("../package.json", dist), "utf8"));
const entries = Object.keys(exports).filter((key) => key !== "./package.json" && !key.includes("*")).map((key) => key.slice("./".length));
const builds = {
  esm: (entry) => import(new URL(`esm/${entry}.js`, dist)),
  bundler: (entry) => import(new URL(`bundler/${entry}.js`, dist)),
  browser: (entry) => import(new URL(`browser/${entry}.js`, dist)),
  cjs: (entry) => require(fileURLToPath(new URL(`cjs/${entry}.cjs`, dist))),
};
const isClass = (value) => typeof value === "function" && /^class\b/.test(Function.prototype.toString.call(value));

/** The request a client's middleware gets at the build step (smithy's HttpRequest), the call stopped there. */
async function requestSeen(IAMClient, CreateAccessKeyCommand) {
  const client = new IAMClient({ region: "us-east-1", credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" } });
  let request;
  client.middlewareStack.add((next, context) => async (args) => {
    request = args.request;
    throw new Error("stopped before sending");
  }, { step: "build" });
  await client.send(new CreateAccessKeyCommand({})).catch(() => {});
  return request;
}

const names = {};
for (const [build, load] of Object.entries(builds)) {
  const checked = [];
  const misnamed = [];
  for (const entry of entries) {
    for (const [exported, value] of Object.entries(await load(entry))) {
      if (!isClass(value)) continue;
      checked.push(`${entry}.${exported}`);
      if (value.name !== exported) misnamed.push(`${entry}.${exported} is named ${value.name}`);
    }
  }
  // What inspecting a client, a command or a request in a middleware shows of the objects: keysmith's class of the
  // stack and smithy's of the request, named as in their source.
  const { IAMClient, CreateAccessKeyCommand } = await load("iam");
  const held = [
    { holder: "IAMClient's middlewareStack", value: new IAMClient({}).middlewareStack, want: "VersionedStack" },
    { holder: "CreateAccessKeyCommand's middlewareStack", value: new CreateAccessKeyCommand({}).middlewareStack, want: "VersionedStack" },
    { holder: "the request a middleware sees", value: await requestSeen(IAMClient, CreateAccessKeyCommand), want: "HttpRequest" },
  ];
  for (const { holder, value, want } of held) if (value?.constructor.name !== want) misnamed.push(`${holder} is a ${value?.constructor.name}`);
  names[build] = { checked, misnamed };
}

const errors = {};
for (const build of ["esm", "cjs"]) {
  const { IAMServiceException, NoSuchEntityException } = await builds[build]("iam");
  class KeyGone extends NoSuchEntityException {}
  const relations = (error, ownClass) => ({
    ownPrototype: Object.getPrototypeOf(error) === ownClass.prototype && error instanceof ownClass,
    noSuchEntity: error instanceof NoSuchEntityException,
    serviceException: error instanceof IAMServiceException,
    name: error.name,
  });
  errors[build] = {
    modeled: relations(new NoSuchEntityException({ message: "gone", $metadata: {} }), NoSuchEntityException),
    base: relations(new IAMServiceException({ name: "Throttling", $fault: "client", message: "slow down", $metadata: {} }), IAMServiceException),
    subclassed: relations(new KeyGone({ message: "gone", $metadata: {} }), KeyGone),
  };
}
console.log(JSON.stringify({ names, errors }));
