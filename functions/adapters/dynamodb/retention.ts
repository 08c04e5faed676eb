/**
 * How long the cases table keeps what is only operational (DynamoDB TTL on `expiresAt`, epoch seconds;
 * the table design names the attribute). Case items, events, clocks and handoff records are the record and
 * carry none. Each period and its reason: docs/operations.md, "What expires".
 */
export const RETENTION = {
  /**
   * An acknowledged reminder: off the desk list's OPEN view already; kept a quarter for the desk's
   * "acknowledged" view and questions about who acknowledged what. The deadline itself stays on the case
   * (its clock, and the CLOCK_EXPIRED event); the clock's stage, not this item, keeps it from being raised
   * again once the item is gone.
   */
  acknowledgedReminderSeconds: 90 * 24 * 3600,
  /** How far a shard's sweep got: only its own retries read it, within minutes; two days covers any. */
  shardProgressSeconds: 2 * 24 * 3600,
} as const;

/** `seconds` after the ISO instant `from`, in epoch seconds (what DynamoDB TTL reads). */
export function expiresAfter(from: string, seconds: number): number {
  return Math.floor(Date.parse(from) / 1000) + seconds;
}
