/**
 * The default bounds of one attempt. AWS answers these calls in well under a second; the bounds are there so that a
 * server or proxy that never finishes (a byte every few seconds, an unanswered connect) cannot hold a call forever.
 */
/** From sending the request to the response's last byte, connecting included. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;
/** To open the connection (TCP, and TLS for https). */
export const DEFAULT_CONNECTION_TIMEOUT_MS = 10_000;

/** The longest delay a timer can wait: beyond it Node and browsers fire at once. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** A timeout option, or a TypeError naming it and the rule. */
export function checkedTimeout(name: string, value: number): number {
  if (typeof value === "number" && value >= 1 && value <= MAX_TIMER_MS) return value;
  throw new TypeError(`${name} must be a number of milliseconds from 1 to ${MAX_TIMER_MS} (got ${typeof value === "string" ? JSON.stringify(value) : String(value)})`);
}
