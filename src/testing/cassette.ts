/**
 * One test's use of a cassette, in the mode the environment chose (see modes.ts): record the exchanges with the
 * live endpoint, replay them offline, or verify them against the live endpoint. The test gives the cassette's
 * request handler to its clients and calls `done()` when it ends (`useCassette` does both for vitest and Jest).
 */
import { mkdir, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import type { HttpRequest, HttpResponse } from "@smithy/protocol-http";
import type { AwsCredentialIdentity, HttpHandlerOptions } from "@smithy/types";
import type { HttpRequestHandler } from "../config/client-config.js";
import { NodeHttpHandler } from "../http/node-handler.js";
import { loadCassette, type Cassette, type Fixture } from "./fixture.js";
import { NetworkRefusedError, refuseNetwork } from "./lockdown.js";
import { sameMembers } from "./match.js";
import { fixtureModeFromEnvironment, reachesNetwork, type FixtureMode } from "./modes.js";
import type { OperationSchemas } from "./masking.js";
import { formatFixture, recordingHandler, type RecordingFailed } from "./record.js";
import { compareRequest, FixtureMismatchError, replayHandler, type FixtureDifference } from "./replay.js";
import { CassetteDriftError, compareResponses, type Drift } from "./verify.js";

export interface CassetteOptions {
  /** Default: `KEYSMITH_FIXTURES`, else `replay`. */
  mode?: FixtureMode;
  /** What reaches the live endpoint in record and verify modes; default a keep-alive node:http(s) handler, closed by `done()`. */
  live?: HttpRequestHandler;
  /** The operations whose `@sensitive` members recordings mask; `keysmith/testing` passes keysmith's own. */
  schemas?: OperationSchemas;
}

/** One test's cassette, open. */
export interface CassetteSession {
  readonly file: string;
  readonly mode: FixtureMode;
  /** True when requests reach the live endpoint (record, verify): the time to start it and create its users. */
  readonly live: boolean;
  /** The request handler to give every client of the test. */
  readonly requestHandler: HttpRequestHandler;
  /**
   * Client settings to spread into a client's configuration: the cassette's request handler and, when live, what
   * `live()` returns (endpoint, credentials); offline, stand-in credentials instead, since nothing is sent.
   */
  clientConfig<Live extends object = object>(live?: () => Live): Live & { requestHandler: HttpRequestHandler; credentials?: AwsCredentialIdentity };
  /**
   * A value of the test's live setup that its requests carry (the id of a user's first key, say): `live()` when
   * live, stored in the cassette on record, read back from it on replay. Never pass a secret.
   */
  value(name: string, live: () => string | Promise<string>): Promise<string>;
  /**
   * Ends the test's use of the cassette. Record: writes the file. Replay: fails if a recorded exchange was not
   * requested. Lockdown: also fails if a connection was refused. Verify: fails with every drift found.
   */
  done(): Promise<void>;
}

/** A request that does not match its exchange, one request too many, or exchanges left unrequested at the end. */
export class CassetteMismatchError extends Error {
  override readonly name = "CassetteMismatchError";

  constructor(
    readonly cassette: string,
    summary: string,
    readonly differences: readonly FixtureDifference[],
  ) {
    super(
      `${summary}:\n${differences.map((d) => `  - ${d.what}: expected ${d.expected}, actual ${d.actual}`).join("\n")}\n` +
        "If the code is meant to do this now, record the cassette again (KEYSMITH_FIXTURES=record) and review the diff.",
    );
  }
}

// Replayed requests go nowhere, so any credentials sign them; these spare a CI run the credential chain.
const STAND_IN_CREDENTIALS: AwsCredentialIdentity = { accessKeyId: "AKIDREPLAYEXAMPLE", secretAccessKey: "replayed-requests-are-never-sent" };

/** Opens the cassette at `file` for one test. Replay, lockdown and verify read it, and fail clearly when it is missing. */
export async function openCassette(file: string, options: CassetteOptions = {}): Promise<CassetteSession> {
  const mode = options.mode ?? fixtureModeFromEnvironment();
  const recorded = mode === "record" ? { exchanges: [] } : await readCassette(file, mode);
  return new OpenCassette(file, mode, recorded, options.live, options.schemas ?? {});
}

async function readCassette(file: string, mode: FixtureMode): Promise<Cassette> {
  try {
    return await loadCassette(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    throw new Error(`KEYSMITH_FIXTURES=${mode} needs the cassette ${file}, and there is none: record it once with KEYSMITH_FIXTURES=record`);
  }
}

class OpenCassette implements CassetteSession {
  readonly live: boolean;
  readonly requestHandler: HttpRequestHandler;
  private readonly values: Record<string, string>;
  private readonly ownLive: NodeHttpHandler | undefined;
  /** Record: the exchanges by request number. */
  private readonly exchanges: Array<Fixture | undefined> = [];
  private readonly drifts: Drift[] = [];
  /** Exchanges whose recording failed; the calls got their results, and `done()` fails the test. */
  private readonly notRecorded: string[] = [];
  private readonly lockdown: (() => string[]) | undefined;
  private requests = 0;
  private mismatched = false;
  private ended = false;

  constructor(
    readonly file: string,
    readonly mode: FixtureMode,
    private readonly recorded: Cassette,
    live: HttpRequestHandler | undefined,
    private readonly schemas: OperationSchemas,
  ) {
    this.live = reachesNetwork(mode);
    this.values = { ...recorded.values };
    this.ownLive = this.live && live === undefined ? new NodeHttpHandler() : undefined;
    const liveHandler = (live ?? this.ownLive)!;
    const replay = replayHandler(recorded.exchanges);
    const handle =
      mode === "record"
        ? (request: HttpRequest, options?: HttpHandlerOptions) => this.record(liveHandler, request, options)
        : mode === "verify"
          ? (request: HttpRequest, options?: HttpHandlerOptions) => this.verify(liveHandler, request, options)
          : (request: HttpRequest) => this.replay(replay, request);
    // Clients destroy their handler when they are destroyed; the cassette's lives until done().
    this.requestHandler = { metadata: { handlerProtocol: "http/1.1" }, handle, destroy() {} } as HttpRequestHandler;
    this.lockdown = mode === "lockdown" ? refuseNetwork() : undefined;
  }

  clientConfig<Live extends object = object>(live?: () => Live): Live & { requestHandler: HttpRequestHandler; credentials?: AwsCredentialIdentity } {
    if (this.live) return { ...(live?.() as Live), requestHandler: this.requestHandler };
    return { credentials: STAND_IN_CREDENTIALS, requestHandler: this.requestHandler } as unknown as Live & { requestHandler: HttpRequestHandler };
  }

  async value(name: string, live: () => string | Promise<string>): Promise<string> {
    if (this.live) {
      const value = await live();
      if (typeof value !== "string") throw new TypeError(`cassette value ${name} must be a string, got ${typeof value}`);
      this.values[name] = value;
      return value;
    }
    const value = this.values[name];
    if (value === undefined) throw new Error(`${this.file} holds no value ${name}: record the cassette again (KEYSMITH_FIXTURES=record)`);
    return value;
  }

  async done(): Promise<void> {
    if (this.ended) return;
    this.ended = true;
    this.ownLive?.destroy();
    const refused = this.lockdown?.() ?? [];
    if (this.notRecorded.length > 0) {
      throw new Error(`${this.file}: ${this.notRecorded.join("; ")}. The calls got their results; the cassette was not ${this.mode === "record" ? "written" : "verified"}.`);
    }
    if (this.mode === "record") return this.write();
    if (this.mode === "verify") return this.reportDrift();
    if (refused.length > 0) throw new NetworkRefusedError(refused.join(", "));
    const total = this.recorded.exchanges.length;
    if (!this.mismatched && this.requests < total) {
      const unsent = this.recorded.exchanges.slice(this.requests).map((fixture, index) => `exchange ${this.requests + index + 1} (${fixture.operation})`);
      throw new CassetteMismatchError(this.file, `the test made ${this.requests} of the ${total} requests ${this.file} recorded`, [
        { what: "request count", expected: requestCount(total), actual: `${requestCount(this.requests)}; not sent: ${unsent.join(", ")}` },
      ]);
    }
  }

  private async replay(replay: ReturnType<typeof replayHandler>, request: HttpRequest): Promise<{ response: HttpResponse }> {
    const number = ++this.requests;
    try {
      return await replay.handle(request);
    } catch (error) {
      if (!(error instanceof FixtureMismatchError)) throw error;
      this.mismatched = true;
      const exchange = this.recorded.exchanges[number - 1];
      const summary = exchange
        ? `request ${number} does not match exchange ${number} (${exchange.operation}) of ${this.file}`
        : `request ${number} is one more than the ${this.recorded.exchanges.length} exchanges of ${this.file}`;
      throw new CassetteMismatchError(this.file, summary, error.differences);
    }
  }

  private async record(live: HttpRequestHandler, request: HttpRequest, options?: HttpHandlerOptions): Promise<{ response: HttpResponse }> {
    const index = this.requests++;
    return recordingHandler(live, { onRecord: (fixture) => void (this.exchanges[index] = fixture) }, this.schemas, this.failedToRecord(index + 1)).handle(request, options);
  }

  /** Sends the request live, as signed by the client, and compares what comes back with the recording. */
  private async verify(live: HttpRequestHandler, request: HttpRequest, options?: HttpHandlerOptions): Promise<{ response: HttpResponse }> {
    const number = ++this.requests;
    const recorded = this.recorded.exchanges[number - 1];
    const drift = (what: string, recordedValue: string, liveValue: string, operation = recorded?.operation ?? "") =>
      this.drifts.push({ exchange: number, operation, what, recorded: recordedValue, live: liveValue });
    const requestDifferences = recorded ? compareRequest(recorded.request, request, sameMembers) : [];
    for (const d of requestDifferences) drift(`request ${d.what}`, d.expected, d.actual);
    let answered: Fixture | undefined;
    const result = await recordingHandler(live, { onRecord: (fixture) => void (answered = fixture) }, this.schemas, this.failedToRecord(number)).handle(request, options);
    if (recorded === undefined) {
      drift("request count", requestCount(this.recorded.exchanges.length), `request ${number}`, answered?.operation);
    } else if (answered && requestDifferences.length === 0) {
      for (const d of compareResponses(recorded.response, answered.response)) drift(d.what, d.recorded, d.live);
    }
    return result;
  }

  private failedToRecord(number: number): RecordingFailed {
    return (error, { service, operation }) => void this.notRecorded.push(`exchange ${number} (${service} ${operation}) could not be recorded: ${(error as Error)?.message ?? error}`);
  }

  private async write(): Promise<void> {
    const exchanges = this.exchanges.filter((fixture) => fixture !== undefined);
    const cassette: Cassette = Object.keys(this.values).length > 0 ? { values: this.values, exchanges } : { exchanges };
    await mkdir(dirname(this.file), { recursive: true });
    await writeFile(this.file, formatFixture(cassette));
  }

  private reportDrift(): void {
    const total = this.recorded.exchanges.length;
    if (this.requests < total) {
      const missing = this.recorded.exchanges[this.requests]!;
      this.drifts.push({ exchange: this.requests + 1, operation: missing.operation, what: "request count", recorded: requestCount(total), live: requestCount(this.requests) });
    }
    if (this.drifts.length > 0) throw new CassetteDriftError(this.file, this.drifts);
  }
}

function requestCount(count: number): string {
  return `${count} request${count === 1 ? "" : "s"}`;
}
