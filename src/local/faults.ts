/**
 * Fault injection for tests: rules that make the endpoint fail the way AWS sometimes does, before
 * the action runs or after it (the ambiguous case where the work happened but the caller never
 * hears so). Probabilistic rules draw from a seeded generator so a test run is repeatable.
 */

export type FaultKind = "throttling" | "unavailable" | "internalError" | "delay" | "reset" | "malformed";

interface FaultRuleBase {
  /** Only requests for this action; any action when absent. */
  action?: string;
  /** How many times the fault fires before it retires (default 1; Infinity allowed). */
  times?: number;
  /** Probability (0..1) that a matching request gets the fault; always when absent. */
  rate?: number;
}

interface AfterActionOption {
  /** Fire after the action ran, so its effects (a created key, say) are real. Default false. */
  afterAction?: boolean;
}

/** One fault rule, as passed to `server.faults.add`. */
export type FaultRule = FaultRuleBase &
  (
    | { kind: "throttling" } // 400 Throttling "Rate exceeded", before the action
    | { kind: "unavailable" } // 503 ServiceUnavailable, before the action
    | ({ kind: "internalError" } & AfterActionOption) // 500 ServiceFailure (IAM) / InternalFailure (STS)
    | ({ kind: "delay"; ms: number } & AfterActionOption) // wait, then carry on normally
    | ({ kind: "reset" } & AfterActionOption) // destroy the socket, no response
    | ({
        kind: "malformed";
        /** Sent verbatim, whatever it is. */
        body: string;
        /** Default 200. */
        status?: number;
        /** Extra or replacement headers; Content-Type defaults to text/xml. */
        headers?: Record<string, string>;
      } & AfterActionOption)
  );

/** A live rule, to inspect or withdraw it. */
export interface FaultHandle {
  /** How many times it has fired. */
  readonly fired: number;
  /** How many more times it may fire. */
  readonly remaining: number;
  remove(): void;
}

/** The part of the injector tests see as `server.faults`. */
export interface LocalFaults {
  add(rule: FaultRule): FaultHandle;
  clear(): void;
}

export type FaultPhase = "beforeAction" | "afterAction";

interface ActiveRule {
  rule: FaultRule;
  fired: number;
  remaining: number;
}

export class FaultInjector implements LocalFaults {
  private rules: ActiveRule[] = [];
  private readonly random: () => number;

  constructor(seed: number) {
    this.random = xorshift32(seed);
  }

  add(rule: FaultRule): FaultHandle {
    const times = rule.times ?? 1;
    if (!(times === Infinity || (Number.isInteger(times) && times > 0))) {
      throw new RangeError(`fault times must be a positive integer or Infinity, got ${times}`);
    }
    if (rule.rate !== undefined && !(rule.rate >= 0 && rule.rate <= 1)) {
      throw new RangeError(`fault rate must be between 0 and 1, got ${rule.rate}`);
    }
    if (rule.kind === "delay" && !(rule.ms >= 0)) throw new RangeError(`delay ms must be >= 0, got ${rule.ms}`);
    // Node refuses to write a status outside 100..999, which would surface mid-request instead.
    if (rule.kind === "malformed" && rule.status !== undefined && !(Number.isInteger(rule.status) && rule.status >= 100 && rule.status <= 999)) {
      throw new RangeError(`malformed status must be an integer in 100..999, got ${rule.status}`);
    }
    const active: ActiveRule = { rule, fired: 0, remaining: times };
    this.rules.push(active);
    return {
      get fired() {
        return active.fired;
      },
      get remaining() {
        return active.remaining;
      },
      remove: () => this.retire(active),
    };
  }

  clear(): void {
    for (const active of this.rules) active.remaining = 0;
    this.rules = [];
  }

  /**
   * The fault to apply to this request at this phase, if any: the first matching rule that fires.
   * At most one fault per phase keeps combined rules predictable.
   */
  take(action: string, phase: FaultPhase): FaultRule | undefined {
    for (const active of this.rules) {
      const { rule } = active;
      if (rule.action !== undefined && rule.action !== action) continue;
      if (phaseOf(rule) !== phase) continue;
      // Draw only for candidate rules, so unrelated traffic does not shift the sequence.
      if (rule.rate !== undefined && this.random() >= rule.rate) continue;
      active.fired++;
      active.remaining--;
      if (active.remaining <= 0) this.retire(active);
      return rule;
    }
    return undefined;
  }

  private retire(active: ActiveRule): void {
    active.remaining = 0;
    this.rules = this.rules.filter((candidate) => candidate !== active);
  }
}

function phaseOf(rule: FaultRule): FaultPhase {
  return "afterAction" in rule && rule.afterAction ? "afterAction" : "beforeAction";
}

/** xorshift32: deterministic for a seed and plenty random for test traffic. */
function xorshift32(seed: number): () => number {
  // Zero is xorshift's one fixed point, so it is swapped for an arbitrary odd constant.
  let state = seed >>> 0 || 0x9e3779b9;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state / 2 ** 32;
  };
}
