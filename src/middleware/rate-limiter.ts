/**
 * The client-side rate limiter of the SDKs' adaptive retry mode: a token bucket that stays open until the service
 * throttles, then refills at a rate that CUBIC congestion control sets — cut to 70 % of the measured sending rate on
 * each throttle, grown back along a cubic curve after it. One per client, shared by its calls.
 */

/** The share of the rate kept after a throttle. */
const BETA = 0.7;
/** How fast the rate grows back (the cubic curve's scale). */
const SCALE = 0.4;
/** The weight of the latest half-second when smoothing the measured sending rate. */
const SMOOTHING = 0.8;
const MIN_FILL_RATE = 0.5;
const MIN_CAPACITY = 1;

export class RateLimiter {
  private enabled = false;
  private tokens = 0;
  private capacity = MIN_CAPACITY;
  /** Tokens per second. */
  private fillRate = MIN_FILL_RATE;
  private lastRefill: number | undefined;

  /** Sends per second, smoothed over half-second buckets. */
  private measuredRate = 0;
  private sendsInBucket = 0;
  private bucketStart: number;

  /** The sending rate when the last throttle came, and when it came. */
  private rateAtThrottle = 0;
  private lastThrottle: number;

  /** `now` gives seconds; tests pass their own clock. */
  constructor(private readonly now: () => number = () => Date.now() / 1000) {
    this.bucketStart = Math.floor(this.now());
    this.lastThrottle = this.now();
  }

  /**
   * Takes a token for an attempt about to be sent and says how many milliseconds to wait first: 0 until the first
   * throttle. A token not there yet is taken on credit, so concurrent calls queue in order instead of racing.
   */
  reserve(): number {
    if (!this.enabled) return 0;
    this.refill();
    this.tokens -= 1;
    return this.tokens >= 0 ? 0 : Math.ceil((-this.tokens / this.fillRate) * 1000);
  }

  /** Adjusts the rate after an attempt's outcome: throttled or not. */
  record(throttled: boolean): void {
    const now = this.now();
    this.measure(now);
    let rate: number;
    if (throttled) {
      this.rateAtThrottle = this.enabled ? Math.min(this.measuredRate, this.fillRate) : this.measuredRate;
      this.lastThrottle = now;
      this.enabled = true;
      rate = this.rateAtThrottle * BETA;
    } else {
      // The curve passes through the rate at the last throttle `window` seconds after it, flat there, steep beyond.
      const window = Math.cbrt((this.rateAtThrottle * (1 - BETA)) / SCALE);
      rate = SCALE * (now - this.lastThrottle - window) ** 3 + this.rateAtThrottle;
    }
    rate = Math.min(rate, 2 * this.measuredRate);
    this.refill();
    this.fillRate = Math.max(rate, MIN_FILL_RATE);
    this.capacity = Math.max(rate, MIN_CAPACITY);
    this.tokens = Math.min(this.tokens, this.capacity);
  }

  private refill(): void {
    const now = this.now();
    if (this.lastRefill !== undefined) this.tokens = Math.min(this.capacity, this.tokens + (now - this.lastRefill) * this.fillRate);
    this.lastRefill = now;
  }

  private measure(now: number): void {
    const bucket = Math.floor(now * 2) / 2;
    this.sendsInBucket++;
    if (bucket > this.bucketStart) {
      const rate = this.sendsInBucket / (bucket - this.bucketStart);
      this.measuredRate = rate * SMOOTHING + this.measuredRate * (1 - SMOOTHING);
      this.sendsInBucket = 0;
      this.bucketStart = bucket;
    }
  }
}
