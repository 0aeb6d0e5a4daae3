/**
 * The HTTP side of the local endpoint: reads each request, authenticates it, routes it to an
 * action, applies injected faults and writes an AWS-shaped response. It answers every request,
 * however broken, with an AWS-style error rather than crashing.
 */
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { isIPv4, isIPv6, type AddressInfo, type Socket } from "node:net";
import type { StructureSchema } from "../contract.js";
import { claimedScope } from "../http/sigv4-authorization.js";
import { decodeForm, FormDecodeError } from "../protocol/form.js";
import { ACTIONS, UNMODELED_INPUTS, UNSIGNED_ACTIONS } from "./actions.js";
import { ServiceError } from "./errors.js";
import { FaultInjector, type FaultKind, type FaultRule, type LocalFaults } from "./faults.js";
import { errorXml, successXml } from "./responses.js";
import { Roles, type LocalRoles } from "./roles.js";
import type { LocalService, LocalServices, ServiceName } from "./services.js";
import { signatureDoesNotMatch, verifySigV4 } from "./sigv4-verify.js";
import { Store } from "./store.js";
import { validationMessage } from "./validate.js";

export interface LocalEndpointOptions {
  /** TCP port; 0 (the default) picks a free one. */
  port?: number;
  /**
   * The loopback address to listen on: 127.0.0.1 (the default, also for ""), another 127.x.x.x address, ::1 or
   * localhost. Any other address is refused unless `exposeBeyondLoopback` is set.
   */
  host?: string;
  /**
   * Listen on a `host` that is not a loopback address ("0.0.0.0", "::", a LAN address): every machine that can reach
   * it can then call the endpoint and its users' keys work there. Off by default; for a container or VM whose
   * tests run outside it.
   */
  exposeBeyondLoopback?: boolean;
  /** The 12-digit account every user and key belongs to. */
  accountId?: string;
  /**
   * The region whose STS the endpoint stands for, as `sts.REGION.amazonaws.com` does: STS requests signed for any
   * other region are refused with AWS's SignatureDoesNotMatch. Default us-east-1. A request whose Host is one of
   * AWS's STS host names (a test's request handler redirecting `sts.eu-west-2.amazonaws.com` here) is held to that
   * host's region instead, as AWS holds it. IAM is global and takes requests signed for us-east-1 only.
   */
  region?: string;
  /** Connections held open at once; one more is closed as it arrives. Default 128. */
  maxConnections?: number;
  /** How long a connection may take to send a request's headers before it is closed, in ms. Default 10,000. */
  headersTimeoutMs?: number;
  /** The clock, in ms since the epoch; inject one to make time-dependent tests exact. */
  now?: () => number;
  /** Seed of the generator behind probabilistic faults (`rate`). */
  faultSeed?: number;
}

export interface LocalUserCredentials {
  userName: string;
  accessKeyId: string;
  secretAccessKey: string;
}

export interface LocalSessionCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  expiration: Date;
}

export interface LocalAccessKeySummary {
  accessKeyId: string;
  status: "Active" | "Inactive";
  createDate: Date;
}

export interface LocalEndpointStats {
  /** Every HTTP request, including ones too broken to name an action. */
  requests: number;
  /** Requests per `Action` parameter, counted on arrival, before any check. */
  received: Record<string, number>;
  /** Actions that ran to completion, i.e. whose effects happened (a key was created, say). */
  executed: Record<string, number>;
  faultsFired: Record<FaultKind, number>;
  /**
   * The runs of each call, for calls that carry the SDKs' `amz-sdk-invocation-id` header (one id per call, sent
   * again with each of its retries), by that id. An action runs when the request reaches its handler, whether the
   * handler then succeeds or refuses (LimitExceeded, say): a non-idempotent call that runs twice has been executed
   * twice. The most recent 10,000 calls are kept.
   */
  invocations: Map<string, InvocationRuns>;
}

export interface InvocationRuns {
  action: string;
  /** The request ids of the attempts that ran the action, in order. */
  requestIds: string[];
}

export interface LocalEndpoint {
  /** Base URL, e.g. "http://127.0.0.1:49152". */
  readonly url: string;
  readonly accountId: string;
  /** The region STS answers for (see `LocalEndpointOptions.region`). */
  readonly region: string;
  readonly stats: LocalEndpointStats;
  readonly faults: LocalFaults;
  /** IAM roles and OpenID Connect providers, for STS AssumeRole and AssumeRoleWithWebIdentity. */
  readonly roles: LocalRoles;
  /** Skew of the server clock against `now()`, in ms; affects signature time checks and `Date`. */
  clockOffsetMs: number;
  /**
   * Creates a user with one Active long-term (AKIA) key; with `{ accessKey: false }`, a user with none, whose first
   * key is then made with CreateAccessKey signed by another user's key, as an administrator makes it at AWS.
   */
  createUser(userName: string, options?: { accessKey?: true }): LocalUserCredentials;
  createUser(userName: string, options: { accessKey: false }): Pick<LocalUserCredentials, "userName">;
  /** Issues session (ASIA) credentials acting as `userName`; default lifetime 12 hours, as GetSessionToken. */
  createSessionCredentials(userName: string, options?: { durationSeconds?: number }): LocalSessionCredentials;
  /** The user's long-term keys, without secrets. */
  listAccessKeys(userName: string): LocalAccessKeySummary[];
  /** Stops listening and destroys every open connection, keep-alive ones included. */
  close(): Promise<void>;
}

/** Starts an embedded IAM/STS endpoint for `services` (see `src/entries/local.ts`) that checks SigV4 and answers like AWS. */
export async function startEndpoint(services: LocalServices, options: LocalEndpointOptions = {}): Promise<LocalEndpoint> {
  const host = listenHost(options);
  const endpoint = new Endpoint(services, options);
  await endpoint.listen(options.port ?? 0, host);
  return endpoint;
}

/** Loopback unless the caller chose, by name, to expose the endpoint; an empty host is no such choice. */
function listenHost({ host, exposeBeyondLoopback }: LocalEndpointOptions): string {
  if (host === undefined || host === "") return "127.0.0.1";
  if (!isLoopback(host) && exposeBeyondLoopback !== true) {
    throw new RangeError(
      `keysmith/local listens on loopback only, and host '${host}' is not a loopback address (127.x.x.x, ::1, localhost); ` +
        "pass exposeBeyondLoopback: true (keysmith-local: --expose-beyond-loopback) to let other machines reach it",
    );
  }
  return host;
}

function isLoopback(host: string): boolean {
  const address = host.toLowerCase();
  if (address === "localhost") return true;
  if (isIPv4(address)) return address.startsWith("127.");
  return isIPv6(address) && (address === "::1" || address === "0:0:0:0:0:0:0:1" || /^::ffff:127\./.test(address));
}

/** A URL clients can use: a wildcard address is reached on loopback, an IPv6 one goes in brackets. */
function urlOf({ address, port }: AddressInfo): string {
  const host = address === "0.0.0.0" ? "127.0.0.1" : address === "::" ? "::1" : address;
  return `http://${isIPv6(host) ? `[${host.replace("%", "%25")}]` : host}:${port}`;
}

const DEFAULT_ACCOUNT_ID = "123456789012";
/** Large enough for any real awsQuery body; small enough that a hostile client cannot eat memory. */
const MAX_BODY_BYTES = 1024 * 1024;
/** IAM is global and signs for us-east-1 in the aws partition; STS's default stands for sts.us-east-1.amazonaws.com. */
const IAM_SIGNING_REGION = "us-east-1";
const DEFAULT_STS_REGION = "us-east-1";
const REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;
/** Well above what a test's clients open (50 sockets each by default), well below what exhausts a process. */
const DEFAULT_MAX_CONNECTIONS = 128;
const DEFAULT_HEADERS_TIMEOUT_MS = 10_000;
/** GetSessionToken's default lifetime. */
const DEFAULT_SESSION_SECONDS = 12 * 60 * 60;
const FAULT_KINDS: FaultKind[] = ["throttling", "unavailable", "internalError", "delay", "reset", "malformed"];
/** Enough for any test's calls; bounds what a long-running `keysmith-local` keeps. */
const MAX_TRACKED_INVOCATIONS = 10_000;

/** One service as the endpoint uses it: what it was given, plus the inputs of the actions keysmith does not model. */
interface ServedService {
  name: ServiceName;
  version: string;
  namespace: string;
  inputs: Readonly<Record<string, StructureSchema>>;
}

interface XmlOutcome {
  kind: "xml";
  status: number;
  body: string;
  closeConnection?: boolean;
}
type Outcome = XmlOutcome | { kind: "raw"; status: number; body: string; headers: Record<string, string> } | { kind: "reset" };

class Endpoint implements LocalEndpoint {
  readonly accountId: string;
  readonly region: string;
  readonly stats: LocalEndpointStats;
  readonly faults: FaultInjector;
  readonly roles: Roles;
  clockOffsetMs = 0;
  url = "";

  private readonly services: Record<ServiceName, ServedService>;
  private readonly store: Store;
  private readonly now: () => number;
  private readonly server: Server;
  /** Wakes pending `delay` faults when the endpoint closes. */
  private readonly sleepers = new Set<() => void>();
  private closing: Promise<void> | undefined;

  constructor(services: LocalServices, options: LocalEndpointOptions) {
    this.accountId = options.accountId ?? DEFAULT_ACCOUNT_ID;
    if (!/^\d{12}$/.test(this.accountId)) throw new RangeError(`accountId must be 12 digits, got '${this.accountId}'`);
    this.region = options.region ?? DEFAULT_STS_REGION;
    if (!REGION.test(this.region)) throw new RangeError(`region must be a region name such as us-east-1, got '${this.region}'`);
    this.now = options.now ?? Date.now;
    this.store = new Store(this.accountId, () => this.serverNow());
    this.roles = new Roles(this.accountId, () => this.serverNow());
    this.faults = new FaultInjector(options.faultSeed ?? 1);

    const served = Object.values(ACTIONS).flatMap((actions) => Object.keys(actions));
    this.stats = {
      requests: 0,
      received: counters(served),
      executed: counters(served),
      faultsFired: Object.fromEntries(FAULT_KINDS.map((kind) => [kind, 0])) as Record<FaultKind, number>,
      invocations: new Map(),
    };
    this.services = { iam: servedService("iam", services.iam), sts: servedService("sts", services.sts) };
    const headersTimeout = positive(options.headersTimeoutMs ?? DEFAULT_HEADERS_TIMEOUT_MS, "headersTimeoutMs");
    this.server = createServer((req, res) => void this.handle(req, res));
    this.server.maxConnections = positive(options.maxConnections ?? DEFAULT_MAX_CONNECTIONS, "maxConnections");
    boundHeaderTime(this.server, headersTimeout);
  }

  listen(port: number, host: string): Promise<void> {
    return new Promise((resolve, reject) => {
      this.server.once("error", reject);
      this.server.listen(port, host, () => {
        this.server.off("error", reject);
        this.url = urlOf(this.server.address() as AddressInfo);
        resolve();
      });
    });
  }

  createUser(userName: string, options?: { accessKey?: true }): LocalUserCredentials;
  createUser(userName: string, options: { accessKey: false }): Pick<LocalUserCredentials, "userName">;
  createUser(userName: string, { accessKey = true }: { accessKey?: boolean } = {}): LocalUserCredentials | Pick<LocalUserCredentials, "userName"> {
    if (typeof accessKey !== "boolean") throw new TypeError(`createUser: accessKey must be true or false, not a ${typeof accessKey}`);
    const invalid = validationMessage(this.services.iam.inputs.CreateUser!, new Map([["UserName", userName]]));
    if (invalid) throw new ServiceError(400, "ValidationError", invalid);
    this.store.createUser(userName);
    if (!accessKey) return { userName };
    const key = this.store.createAccessKey(userName);
    return { userName, accessKeyId: key.accessKeyId, secretAccessKey: key.secretAccessKey };
  }

  createSessionCredentials(userName: string, options: { durationSeconds?: number } = {}): LocalSessionCredentials {
    const seconds = options.durationSeconds ?? DEFAULT_SESSION_SECONDS;
    if (!(seconds > 0)) throw new RangeError(`durationSeconds must be positive, got ${seconds}`);
    const key = this.store.createSessionCredentials(userName, seconds);
    return {
      accessKeyId: key.accessKeyId,
      secretAccessKey: key.secretAccessKey,
      sessionToken: key.session!.token,
      expiration: new Date(key.session!.expiration),
    };
  }

  listAccessKeys(userName: string): LocalAccessKeySummary[] {
    return this.store.user(userName).keys.map((key) => ({
      accessKeyId: key.accessKeyId,
      status: key.status,
      createDate: new Date(key.createDate),
    }));
  }

  close(): Promise<void> {
    this.closing ??= new Promise((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
      for (const wake of this.sleepers) wake();
    });
    return this.closing;
  }

  private serverNow(): number {
    return this.now() + this.clockOffsetMs;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const requestId = randomUUID();
    this.stats.requests++;
    let outcome: Outcome;
    try {
      outcome = await this.process(req, requestId);
    } catch {
      // A bug or a vanished client; answer if anyone is still listening.
      outcome = xmlError(this.services.iam, new ServiceError(500, "InternalFailure", "The request processing has failed."), requestId);
    }
    try {
      this.deliver(req, res, outcome, requestId);
    } catch {
      // Only a `malformed` rule's own headers can be unwritable; drop the exchange rather than crash.
      req.socket.destroy();
    }
  }

  private async process(req: IncomingMessage, requestId: string): Promise<Outcome> {
    if (Number(req.headers["content-length"]) > MAX_BODY_BYTES) return tooLarge(this.services.iam, requestId);
    const body = await readBody(req, MAX_BODY_BYTES);
    if (body === undefined) return tooLarge(this.services.iam, requestId);

    const form = readForm(body.toString("utf8"));
    const action = form.params?.get("Action");
    if (action !== undefined) this.stats.received[action] = (this.stats.received[action] ?? 0) + 1;
    // Until the signature names the service, errors use the namespace the request most likely wants.
    let service = this.services[servedName(claimedScope(req.headers.authorization)?.service) ?? ownerOf(action) ?? "iam"];

    try {
      checkEnvelope(req);
      const unsigned = req.headers.authorization === undefined && action !== undefined && Object.hasOwn(UNSIGNED_ACTIONS, action);
      const verified = unsigned
        ? undefined
        : verifySigV4(
            { method: req.method ?? "", target: req.url ?? "/", rawHeaders: req.rawHeaders, body },
            (id) => this.store.findKey(id) ?? this.roles.findKey(id),
            this.serverNow(),
          );
      service = verified ? this.serviceForScope(verified.scope, req.headers.host, action) : this.services.sts;
      if (form.params === undefined) throw new ServiceError(400, "MalformedQueryString", form.error.message);
      const { params } = form;
      if (action === undefined) throw new ServiceError(400, "MissingAction", "Missing Action");
      const handler = Object.hasOwn(ACTIONS[service.name], action) ? ACTIONS[service.name][action] : undefined;
      const version = params.get("Version");
      if (!handler || version !== service.version) {
        throw new ServiceError(400, "InvalidAction", `Could not find operation ${action} for version ${version ?? "NO_VERSION_SPECIFIED"}`);
      }

      const before = await this.applyFault(this.faults.take(action, "beforeAction"), service, requestId);
      if (before) return before;
      const invalid = validationMessage(service.inputs[action]!, params);
      if (invalid) throw new ServiceError(400, "ValidationError", invalid);

      let result: Outcome;
      this.recordRun(req.headers["amz-sdk-invocation-id"], action, requestId);
      try {
        const context = { store: this.store, roles: this.roles, params };
        const fields = verified ? handler({ ...context, caller: verified.key }) : UNSIGNED_ACTIONS[action]!(context);
        this.stats.executed[action] = (this.stats.executed[action] ?? 0) + 1;
        result = { kind: "xml", status: 200, body: successXml(service.namespace, action, fields, requestId) };
      } catch (error) {
        if (!(error instanceof ServiceError)) throw error;
        result = xmlError(service, error, requestId);
      }
      return (await this.applyFault(this.faults.take(action, "afterAction"), service, requestId)) ?? result;
    } catch (error) {
      if (error instanceof ServiceError) return xmlError(service, error, requestId);
      throw error;
    }
  }

  /**
   * The credential scope picks the service, as the host name does at AWS, and must name, exactly, the region that
   * service answers for: IAM us-east-1; STS the region of the AWS host name the request was sent to (a test that
   * redirects sts.eu-west-2.amazonaws.com here), else the endpoint's own.
   */
  private serviceForScope(scope: { region: string; service: string }, host: string | undefined, action: string | undefined): ServedService {
    const name = servedName(scope.service);
    if (name === undefined) throw signatureDoesNotMatch(`Credential should be scoped to correct service: '${ownerOf(action) ?? "iam"}'.`);
    const region = name === "iam" ? IAM_SIGNING_REGION : (stsHostRegion(host) ?? this.region);
    if (scope.region !== region) throw signatureDoesNotMatch(`Credential should be scoped to a valid region, not '${scope.region}'.`);
    return this.services[name];
  }

  private recordRun(invocationId: string | string[] | undefined, action: string, requestId: string): void {
    if (typeof invocationId !== "string") return;
    const { invocations } = this.stats;
    let runs = invocations.get(invocationId);
    if (runs === undefined) {
      if (invocations.size >= MAX_TRACKED_INVOCATIONS) invocations.delete(invocations.keys().next().value!);
      invocations.set(invocationId, (runs = { action, requestIds: [] }));
    }
    runs.requestIds.push(requestId);
  }

  /** The response a fault replaces the normal one with; undefined to carry on (a delay). */
  private async applyFault(rule: FaultRule | undefined, service: ServedService, requestId: string): Promise<Outcome | undefined> {
    if (!rule) return undefined;
    this.stats.faultsFired[rule.kind]++;
    switch (rule.kind) {
      case "throttling":
        return xmlError(service, new ServiceError(400, "Throttling", "Rate exceeded"), requestId);
      case "unavailable":
        return xmlError(
          service,
          new ServiceError(503, "ServiceUnavailable", "The request has failed due to a temporary failure of the server."),
          requestId,
        );
      case "internalError":
        return xmlError(
          service,
          new ServiceError(
            500,
            service.name === "iam" ? "ServiceFailure" : "InternalFailure",
            "The request processing has failed because of an unknown error, exception or failure.",
          ),
          requestId,
        );
      case "delay":
        return (await this.sleep(rule.ms)) ? undefined : { kind: "reset" };
      case "reset":
        return { kind: "reset" };
      case "malformed":
        return { kind: "raw", status: rule.status ?? 200, body: rule.body, headers: rule.headers ?? {} };
    }
  }

  /** Resolves true after `ms`, or false as soon as the endpoint closes. */
  private sleep(ms: number): Promise<boolean> {
    if (this.closing) return Promise.resolve(false);
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.sleepers.delete(wake);
        resolve(false);
      };
      const timer = setTimeout(() => {
        this.sleepers.delete(wake);
        resolve(true);
      }, ms);
      this.sleepers.add(wake);
    });
  }

  private deliver(req: IncomingMessage, res: ServerResponse, outcome: Outcome, requestId: string): void {
    if (res.destroyed || res.headersSent) return;
    if (outcome.kind === "reset") {
      req.socket.destroy();
      return;
    }
    // Node would stamp its own clock; AWS's Date is how clients notice skew, so use the server's.
    const date = new Date(this.serverNow()).toUTCString();
    if (outcome.kind === "raw") {
      // Header names are case-insensitive: the rule's own headers replace the defaults.
      const headers = new Map([["content-type", "text/xml"], ["date", date]]);
      for (const [name, value] of Object.entries(outcome.headers)) headers.set(name.toLowerCase(), value);
      res.writeHead(outcome.status, Object.fromEntries(headers));
      res.end(outcome.body);
      return;
    }
    const headers: Record<string, string | number> = {
      "Content-Type": "text/xml",
      "Content-Length": Buffer.byteLength(outcome.body),
      "x-amzn-RequestId": requestId,
      Date: date,
    };
    if (outcome.closeConnection) headers.Connection = "close";
    res.writeHead(outcome.status, headers);
    res.end(outcome.body);
  }
}

/**
 * Closes a connection that takes longer than `ms` to send a request's headers: from when it opens, and again from
 * each response until the next request arrives. Node's own `headersTimeout` is not used: it never fires when the
 * server runs in a worker thread (as under vitest), where an endpoint for tests often runs.
 */
function boundHeaderTime(server: Server, ms: number): void {
  const deadlines = new WeakMap<Socket, NodeJS.Timeout>();
  const arm = (socket: Socket) => {
    clearTimeout(deadlines.get(socket));
    deadlines.set(socket, setTimeout(() => socket.destroy(), ms).unref());
  };
  server.on("connection", (socket: Socket) => {
    arm(socket);
    socket.once("close", () => clearTimeout(deadlines.get(socket)));
  });
  server.on("request", (req: IncomingMessage, res: ServerResponse) => {
    clearTimeout(deadlines.get(req.socket));
    res.once("finish", () => !req.socket.destroyed && arm(req.socket));
  });
}

/** Method, path and media type: what AWS's front door checks before it looks at a signature. */
function checkEnvelope(req: IncomingMessage): void {
  if (req.method !== "POST") {
    throw new ServiceError(405, "MethodNotAllowed", `The HTTP method ${req.method} is not allowed; awsQuery requests are POST /.`);
  }
  const path = (req.url ?? "").split("?")[0];
  if (path !== "/") throw new ServiceError(404, "NotFound", `No resource at ${path}; awsQuery requests are POST /.`);
  const mediaType = (req.headers["content-type"] ?? "").split(";")[0]!.trim().toLowerCase();
  if (mediaType !== "application/x-www-form-urlencoded") {
    throw new ServiceError(
      415,
      "UnsupportedMediaType",
      `Content-Type must be application/x-www-form-urlencoded, got '${req.headers["content-type"] ?? ""}'.`,
    );
  }
}

/** The modeled inputs and the unmodeled ones, each checked to be readable from form parameters. */
function servedService(name: ServiceName, service: LocalService): ServedService {
  const inputs: Record<string, StructureSchema> = { ...UNMODELED_INPUTS[name] };
  for (const [action, operation] of Object.entries(service.operations)) inputs[action] = operation.inputSchema ?? { name: `${action}Request`, members: {} };
  for (const action of Object.keys(ACTIONS[name])) {
    const input = inputs[action];
    if (input === undefined) throw new Error(`keysmith/local: no input schema for ${name} ${action}`);
    inputs[action] = formReadable(action, input);
  }
  return { name, version: service.version, namespace: service.xmlNamespace, inputs };
}

/**
 * The part of an input schema the actions read from plain form parameters: strings, enums and numbers. An optional
 * list or structure (AssumeRole's Tags, PolicyArns) is not read by any action, so it is left unchecked; a required
 * one would need the form read as the client wrote it, so it is refused at start.
 */
function formReadable(action: string, input: StructureSchema): StructureSchema {
  const members: Record<string, StructureSchema["members"][string]> = {};
  for (const [member, schema] of Object.entries(input.members)) {
    if (schema.type === "string" || schema.type === "enum" || schema.type === "number") members[member] = schema;
    else if (schema.required) throw new Error(`keysmith/local: ${action} ${member} is a required ${schema.type}; only string, enum and number members are read`);
  }
  return { ...input, members };
}

/** The parameters, first occurrence of a name winning, or why the body is not a form. */
function readForm(text: string): { params: Map<string, string>; error?: undefined } | { params?: undefined; error: FormDecodeError } {
  try {
    const params = new Map<string, string>();
    for (const [name, value] of decodeForm(text)) if (!params.has(name)) params.set(name, value);
    return { params };
  } catch (error) {
    if (error instanceof FormDecodeError) return { error };
    throw error;
  }
}

/** The region in an AWS STS host name: `sts.eu-west-2.amazonaws.com`, `sts-fips.…`, dual-stack `sts.….api.aws`. */
const STS_HOST = /^sts(?:-fips)?\.([a-z]{2}(?:-[a-z]+)+-\d+)\.(?:amazonaws\.com|api\.aws)$/;

/** The region a request to STS at `host` must be signed for at AWS, when `host` is one of AWS's STS host names. */
function stsHostRegion(host: string | undefined): string | undefined {
  const name = host?.replace(/:\d+$/, "").toLowerCase();
  if (name === "sts.amazonaws.com") return IAM_SIGNING_REGION; // the global endpoint signs for us-east-1
  return name === undefined ? undefined : STS_HOST.exec(name)?.[1];
}

function positive(value: number, option: string): number {
  if (!Number.isInteger(value) || value < 1) throw new RangeError(`${option} must be a whole number of at least 1, got ${value}`);
  return value;
}

/** Counters keyed by caller-chosen names, so no prototype: "constructor" is just another name. */
function counters(names: string[]): Record<string, number> {
  return Object.assign(Object.create(null) as Record<string, number>, Object.fromEntries(names.map((name) => [name, 0])));
}

function servedName(signingName: string | undefined): ServiceName | undefined {
  return signingName === "iam" || signingName === "sts" ? signingName : undefined;
}

function ownerOf(action: string | undefined): ServiceName | undefined {
  if (action === undefined) return undefined;
  return (Object.keys(ACTIONS) as ServiceName[]).find((name) => Object.hasOwn(ACTIONS[name], action));
}

function xmlError(service: ServedService, error: ServiceError, requestId: string): XmlOutcome {
  return { kind: "xml", status: error.status, body: errorXml(service.namespace, error, requestId) };
}

/** The rest of an oversized body is never read, so the connection cannot be reused. */
function tooLarge(service: ServedService, requestId: string): Outcome {
  const error = new ServiceError(413, "RequestEntityTooLarge", `Request body exceeds ${MAX_BODY_BYTES} bytes.`);
  return { ...xmlError(service, error, requestId), closeConnection: true };
}

/** The whole body, or undefined once it passes `limit` bytes. Rejects if the client goes away. */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) {
        chunks.push(chunk);
        return;
      }
      req.off("data", onData);
      req.resume(); // keep draining, discarding, so node can finish the exchange
      resolve(undefined);
    };
    req.on("data", onData);
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
    req.on("close", () => {
      if (!req.complete) reject(new Error("client closed the connection mid-request"));
    });
  });
}
