import { v4 as randomUuid } from "@smithy/core/serde";
import { HttpRequest, type HttpResponse } from "@smithy/protocol-http";
import type { FinalizeRequestMiddleware, Logger, Provider, ResponseMetadata, RetryErrorInfo, RetryStrategyV2, RetryToken } from "@smithy/types";
import { checkedAbortSignal, listenForAbort, type CallerAbortSignal } from "../http/abort-signal.js";
import { abortError } from "../http/errors.js";
import { header } from "../http/headers.js";
import type { RetryMode } from "../config/client-config.js";
import { reportFailure } from "../config/failure-report.js";
import { callLogger } from "../config/guarded-logger.js";
import { settingValue } from "../config/setting-value.js";
import type { QueryOperation } from "../contract.js";
import { RateLimiter } from "./rate-limiter.js";

/** Wire codes that mean "slow down": the server refused the request before doing anything. */
const THROTTLING_CODES = new Set([
  "Throttling",
  "ThrottlingException",
  "ThrottledException",
  "RequestThrottledException",
  "TooManyRequestsException",
  "RequestThrottled",
  "RequestLimitExceeded",
  "BandwidthLimitExceeded",
  "SlowDown",
  "PriorRequestNotComplete",
  "EC2ThrottledException",
]);

/** Wire codes that mean the request was turned away before it was processed, without being a throttle. */
const UNPROCESSED_CODES = new Set(["ServiceUnavailable", "ServiceUnavailableException"]);

/** Transient server-side codes: worth a retry, but the request may have been processed. */
const TRANSIENT_CODES = new Set(["InternalFailure", "InternalError", "ServiceFailure", "RequestTimeout", "RequestTimeoutException"]);
const TRANSIENT_STATUS = new Set([500, 502, 503, 504]);

/** Transport errors that prove the request never reached the server. */
const NOT_SENT_ERRORS = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "ENETUNREACH", "EHOSTUNREACH", "ConnectTimeout"]);
/** Transport errors after which the request may or may not have been processed. */
const AMBIGUOUS_NETWORK_ERRORS = new Set(["ECONNRESET", "EPIPE", "ETIMEDOUT", "RequestTimeout", "UND_ERR_SOCKET"]);

/**
 * Which way the local clock is off when a server rejects the request's signing time: "behind" when the signature is
 * too old for the server, "ahead" when it is from the server's future.
 */
type SkewDirection = "behind" | "ahead" | "either";
/** Codes that say the signing time is outside the server's window (the EC2-style codes of other awsQuery services). */
const CLOCK_SKEW_CODES = new Map<string, SkewDirection>([
  ["RequestTimeTooSkewed", "either"],
  ["RequestExpired", "behind"],
  ["RequestInTheFuture", "ahead"],
]);
/**
 * Codes that say so only with the message AWS puts with them for a signing time out of its window, as IAM and STS do:
 * "Signature expired: 20261123T100000Z is now earlier than …", "Signature not yet current: … is still later than …".
 * A SignatureDoesNotMatch without it is a wrong key or a mangled request, whatever the Date.
 */
const SIGNATURE_CODES = new Set(["SignatureDoesNotMatch", "InvalidSignatureException"]);
const SIGNATURE_TIME_MESSAGES: ReadonlyArray<[RegExp, SkewDirection]> = [
  [/^Signature expired\b/, "behind"],
  [/^Signature not yet current\b/, "ahead"],
];
/** The local clock counts as skewed once it is this far from the server's. */
const SKEW_THRESHOLD_MS = 5 * 60_000;
/** The most the signing clock is moved: a server Date further off is a broken clock on one side, not skew to correct. */
const MAX_CLOCK_OFFSET_MS = 24 * 60 * 60_000;

// Backoff and quota as v3's standard mode has them since its 2026 retry behaviour (@smithy/core's retry config).
const BASE_DELAY_MS = 50;
const THROTTLING_BASE_DELAY_MS = 1_000;
const MAX_DELAY_MS = 20_000;
/** How much longer than its own backoff a retry waits when the response asks for a later one (`Retry-After`). */
const MAX_RETRY_AFTER_EXTRA_MS = 5_000;

/** The retry quota, as in the SDKs' standard mode: retries spend tokens, successes earn them back. */
const INITIAL_RETRY_TOKENS = 500;
/** A clock-skew retry is ours alone (v3 counts it as transient): it corrects the request, so it costs nothing. */
const RETRY_COSTS = { transient: 14, throttling: 5, "clock-skew": 0 } as const;
/** What a call that needed no retry earns back; one that did earns back its last retry's cost. */
const NO_RETRY_INCREMENT = 1;

export type RetryDecision =
  | {
      retry: false;
      reason: string;
      /** A retry was held back (the operation is not idempotent, the clock too far off to correct): worth a warning. */
      heldBack?: true;
    }
  | { retry: true; kind: "throttling" | "transient" | "clock-skew"; serverTime?: number };

export interface RetryConfig {
  maxAttempts: Provider<number>;
  retryMode: Provider<RetryMode>;
  /** The user's v3 strategy, in place of the attempts' limit, the quota, the backoff and adaptive mode. */
  retryStrategy?: Provider<RetryStrategyV2>;
  systemClockOffset: number;
  disableClockSkewCorrection: Provider<boolean>;
  logger: Logger;
}

/** Shared by every call of one client, like the official SDK's retry strategy. */
export class RetryQuota {
  private tokens = INITIAL_RETRY_TOKENS;

  take(cost: number): boolean {
    if (this.tokens < cost) return false;
    this.tokens -= cost;
    return true;
  }

  refund(amount: number): void {
    this.tokens = Math.min(INITIAL_RETRY_TOKENS, this.tokens + amount);
  }
}

/**
 * Decides whether an error deserves another attempt. Non-idempotent operations are retried only when the error
 * proves nothing happened on the server; a clock-skew rejection is retried once, after correcting the clock.
 */
export function classifyError(error: unknown, safeToRetry: boolean, now: number, clockOffset: number): RetryDecision {
  const e = error as ClassifiedError | undefined;
  const status = e?.$metadata?.httpStatusCode;
  if (status !== undefined) return classifyResponseError(e!, status, safeToRetry, now, clockOffset);
  const code = e?.code ?? e?.name;
  if (code === undefined) return { retry: false, reason: "not an error we know" };
  if (code === "AbortError") return { retry: false, reason: "aborted" };
  if (NOT_SENT_ERRORS.has(code)) return { retry: true, kind: "transient" };
  if (AMBIGUOUS_NETWORK_ERRORS.has(code) || e!.name === "TimeoutError") {
    return safeToRetry
      ? { retry: true, kind: "transient" }
      : { retry: false, heldBack: true, reason: `${code} after sending: the request may have been processed, and this operation is not idempotent` };
  }
  return { retry: false, reason: `${code} is not retryable` };
}

interface ClassifiedError {
  name?: string;
  message?: string;
  code?: string;
  /** The wire code: set only on errors read from an AWS error document. */
  Code?: string;
  $metadata?: ResponseMetadata;
  $response?: HttpResponse;
  /** Set by the classes of errors the model marks @retryable: `{}`, or `{ throttling: true }` for a throttle. */
  $retryable?: { throttling?: boolean };
}

/**
 * An error that came with a response. Only an AWS error document's own code proves the service turned the request
 * away; a status without one (a proxy's HTML page, an empty 503 or 429) may have been sent after the request was
 * forwarded and processed, so it counts as ambiguous. An error document whose code the model marks @retryable
 * (the exception carries `$retryable`) is the service's word that a retry is safe, so it is retried for every
 * operation, as a throttle when the trait says so; `$retryable` without a document proves nothing.
 */
function classifyResponseError(e: ClassifiedError, status: number, safeToRetry: boolean, now: number, clockOffset: number): RetryDecision {
  const wireCode = e.Code;
  if (wireCode !== undefined) {
    const skew = skewDirection(wireCode, e.message);
    if (skew !== undefined) {
      const decision = clockSkewDecision(e.$response, skew, now, clockOffset);
      if (decision !== undefined) return decision;
    }
    if (THROTTLING_CODES.has(wireCode) || status === 429) return { retry: true, kind: "throttling" };
    if (UNPROCESSED_CODES.has(wireCode)) return { retry: true, kind: "transient" };
    if (e.$retryable) return { retry: true, kind: e.$retryable.throttling ? "throttling" : "transient" };
  }
  const code = wireCode ?? e.name ?? `HTTP ${status}`;
  if (status === 429 || TRANSIENT_CODES.has(code) || TRANSIENT_STATUS.has(status) || e.$retryable) {
    if (safeToRetry) return { retry: true, kind: status === 429 ? "throttling" : "transient" };
    const what = wireCode === undefined ? `HTTP ${status} without an AWS error document` : `${code} (HTTP ${status})`;
    return { retry: false, heldBack: true, reason: `${what} may come after the request was processed, and this operation is not idempotent` };
  }
  return { retry: false, reason: `${code} is not retryable` };
}

/** The way the clock is off when the code (and for a signature code, the message) says the signing time was wrong. */
function skewDirection(wireCode: string, message: string | undefined): SkewDirection | undefined {
  if (SIGNATURE_CODES.has(wireCode)) return SIGNATURE_TIME_MESSAGES.find(([pattern]) => pattern.test(message ?? ""))?.[1];
  return CLOCK_SKEW_CODES.get(wireCode);
}

/**
 * A retry with the clock set to the server's Date, when that Date is usable: fresh (no `Age`, so not from a cache),
 * off from the signing clock by more than the threshold, in the direction the error names, and within a day of the
 * local clock. Undefined when the error is to be judged as any other.
 */
function clockSkewDecision(response: HttpResponse | undefined, skew: SkewDirection, now: number, clockOffset: number): RetryDecision | undefined {
  const date = header(response?.headers, "date");
  if (date === undefined || header(response?.headers, "age") !== undefined) return undefined;
  const serverTime = Date.parse(date);
  const off = serverTime - (now + clockOffset);
  if (Number.isNaN(serverTime) || Math.abs(off) <= SKEW_THRESHOLD_MS) return undefined;
  if ((skew === "behind" && off < 0) || (skew === "ahead" && off > 0)) return undefined;
  if (Math.abs(serverTime - now) > MAX_CLOCK_OFFSET_MS) {
    return { retry: false, heldBack: true, reason: `the server's Date (${date}) is more than a day from the local clock: not corrected; check the system clock` };
  }
  return { retry: true, kind: "clock-skew", serverTime };
}

/** Whether the service, or anything in front of it, asked the client to slow down: what the rate limiter heeds. */
export function isThrottle(error: unknown): boolean {
  const e = error as ClassifiedError | undefined;
  if (e?.$metadata?.httpStatusCode === undefined) return false;
  return e.$metadata.httpStatusCode === 429 || THROTTLING_CODES.has(e.Code ?? e.name ?? "") || e.$retryable?.throttling === true;
}

/**
 * The wait before a retry: the backoff, or longer when the response asked for a later retry, but never more than
 * `MAX_RETRY_AFTER_EXTRA_MS` beyond the backoff, so a server cannot park a call.
 */
export function retryDelay(backoff: number, retryAfterMs: number | undefined): number {
  return retryAfterMs === undefined ? backoff : Math.max(backoff, Math.min(retryAfterMs, backoff + MAX_RETRY_AFTER_EXTRA_MS));
}

/**
 * How long the response asks the client to wait, in milliseconds: `Retry-After` in seconds or as an HTTP date, or
 * `x-amz-retry-after` in milliseconds, as v3 reads them. Undefined when there is none or it cannot be read.
 */
export function retryAfter(response: HttpResponse | undefined, now: number): number | undefined {
  const seconds = header(response?.headers, "retry-after")?.trim();
  if (seconds !== undefined) {
    if (/^\d+(?:\.\d+)?$/.test(seconds)) return Number(seconds) * 1000;
    const date = Date.parse(seconds);
    return Number.isNaN(date) ? undefined : date - now;
  }
  const milliseconds = Number(header(response?.headers, "x-amz-retry-after") ?? Number.NaN);
  return Number.isNaN(milliseconds) ? undefined : milliseconds;
}

/** Full jitter: a random delay up to an exponentially growing cap. */
export function backoffDelay(attempt: number, kind: "throttling" | "transient", random: () => number = Math.random): number {
  const base = kind === "throttling" ? THROTTLING_BASE_DELAY_MS : BASE_DELAY_MS;
  return Math.floor(random() * Math.min(MAX_DELAY_MS, base * 2 ** (attempt - 1)));
}

/**
 * Tells the user's strategy of a success. Its failure is reported once (`KEYSMITH_RETRY_STRATEGY_FAILED`) and the call
 * answers: the request has run, and it is neither failed nor tried again for a strategy's bookkeeping (v3 fails it).
 */
function recordSuccess(strategy: RetryStrategyV2, token: RetryToken): void {
  try {
    strategy.recordSuccess(token);
  } catch (error) {
    reportFailure(strategy, "the retryStrategy's recordSuccess()", error, "KEYSMITH_RETRY_STRATEGY_FAILED");
  }
}

/**
 * Retries around everything after it: signing, sending and reading the response. Standard mode, and "legacy" as the
 * official SDK takes it, is standard; adaptive mode also waits for the client's rate limiter before every attempt.
 * Each attempt carries v3's amz-sdk-invocation-id (one per call) and amz-sdk-request (`attempt=N; max=M`).
 */
export function retryMiddleware(config: RetryConfig, quota: RetryQuota): FinalizeRequestMiddleware<any, any> {
  let rateLimiter: RateLimiter | undefined;
  return (next, context) => async (args) => {
    const maxAttempts = await settingValue(config.maxAttempts);
    const strategy = config.retryStrategy && (await settingValue(config.retryStrategy));
    const limiter = !strategy && (await settingValue(config.retryMode)) === "adaptive" ? (rateLimiter ??= new RateLimiter()) : undefined;
    const { operation } = context as { operation?: QueryOperation<object, object> };
    // Checked before the first attempt, so that a request handler of the user's never sees a signal nobody can listen to.
    const abortSignal = checkedAbortSignal((context as { abortSignal?: CallerAbortSignal }).abortSignal);
    const safeToRetry = operation?.safeToRetry ?? false;
    let totalRetryDelay = 0;
    let skewRetried = false;
    let lastRetryCost: number | undefined;
    // v3 asks for the first token with the scope of its partition_id, which nothing sets.
    let token: RetryToken | undefined = strategy && (await untilAborted(strategy.acquireInitialRetryToken(""), abortSignal));
    // One id for the call, kept across its attempts, so that the server's logs tie the retries together.
    const invocationId = randomUuid();
    for (let attempt = 1; ; attempt++) {
      const request = HttpRequest.isInstance(args.request) ? HttpRequest.clone(args.request) : args.request;
      if (HttpRequest.isInstance(request)) {
        request.headers["amz-sdk-invocation-id"] = invocationId;
        request.headers["amz-sdk-request"] = `attempt=${attempt}; max=${maxAttempts}`;
      }
      try {
        const wait = limiter?.reserve();
        if (wait) await sleep(wait, abortSignal);
        const result = await next({ ...args, request });
        limiter?.record(false);
        if (strategy) recordSuccess(strategy, token!);
        else quota.refund(lastRetryCost ?? NO_RETRY_INCREMENT);
        setAttempts(result.output, attempt, totalRetryDelay);
        return result;
      } catch (error) {
        setAttempts(error, attempt, totalRetryDelay);
        const decision = classifyError(error, safeToRetry, Date.now(), config.systemClockOffset);
        limiter?.record(isThrottle(error));
        if (!decision.retry) {
          if (decision.heldBack) callLogger(config.logger).warn(`${operation?.name ?? "the call"} not retried: ${decision.reason}`);
          throw error;
        }
        if (!strategy && attempt >= maxAttempts) throw error;
        if (decision.kind === "clock-skew") {
          // With correction disabled the clock stays as it is, and so the error stands, as in v3.
          if (skewRetried || (await settingValue(config.disableClockSkewCorrection))) throw error;
          skewRetried = true;
          config.systemClockOffset = decision.serverTime! - Date.now();
          callLogger(config.logger).warn(`clock skew detected: adjusting the signing clock by ${config.systemClockOffset} ms and retrying`);
          lastRetryCost = RETRY_COSTS["clock-skew"];
          continue;
        }
        let delay: number;
        if (strategy) {
          token = await untilAborted(strategy.refreshRetryTokenForRetry(token!, strategyErrorInfo(error, decision.kind)), abortSignal).catch((refusal: unknown) => {
            // An abort while the strategy waited ends the call; a refusal leaves the error it was asked about.
            if (!abortSignal?.aborted || (refusal as Error | undefined)?.name !== "AbortError") throw error;
            setAttempts(refusal, attempt, totalRetryDelay);
            throw refusal;
          });
          // smithy's strategies wait inside refreshRetryTokenForRetry and say how long in $retryLog, as v3 counts it.
          totalRetryDelay += (token as { $retryLog?: { acquisitionDelay?: number } }).$retryLog?.acquisitionDelay ?? 0;
          delay = token.getRetryDelay();
        } else {
          lastRetryCost = RETRY_COSTS[decision.kind];
          if (!quota.take(lastRetryCost)) throw error;
          delay = retryDelay(backoffDelay(attempt, decision.kind), retryAfter((error as ClassifiedError).$response, Date.now()));
        }
        const waitStarted = Date.now();
        if (delay > 0) await sleep(delay, abortSignal).catch((abort: unknown) => {
          // An abort ends the wait: the call waited until then, not the whole delay.
          setAttempts(abort, attempt, totalRetryDelay + Math.min(delay, Date.now() - waitStarted));
          throw abort;
        });
        totalRetryDelay += delay;
      }
    }
  };
}

/** Outputs and errors say how many attempts they took; transport errors get a `$metadata` for it, as in v3. */
function setAttempts(target: unknown, attempts: number, totalRetryDelay: number): void {
  if (typeof target !== "object" || target === null) return;
  const holder = target as { $metadata?: ResponseMetadata };
  holder.$metadata = Object.assign(holder.$metadata ?? {}, { attempts, totalRetryDelay });
}

/** What a v3 strategy is told of an error keysmith would retry, as v3 tells it: the kind, and when the server asked to be retried. */
function strategyErrorInfo(error: unknown, kind: "throttling" | "transient"): RetryErrorInfo {
  const now = Date.now();
  const after = retryAfter((error as ClassifiedError | undefined)?.$response, now);
  return { error: error as RetryErrorInfo["error"], errorType: kind === "throttling" ? "THROTTLING" : "TRANSIENT", ...(after !== undefined && { retryAfterHint: new Date(now + after) }) };
}

/** The promise's outcome, or the caller's abort if that comes first. */
function untilAborted<T>(promise: Promise<T>, signal: CallerAbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  return new Promise((resolve, reject) => {
    const stopListening = listenForAbort(signal, () => reject(abortError(signal)));
    promise.then(resolve, reject).finally(stopListening);
    if (signal.aborted) reject(abortError(signal));
  });
}

function sleep(ms: number, signal: CallerAbortSignal | undefined): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  // The timer goes with the wait, however it ends: an abort, or a signal that cannot be listened to, frees the process.
  return untilAborted(new Promise<void>((resolve) => (timer = setTimeout(resolve, ms))), signal).finally(() => clearTimeout(timer));
}
