/**
 * What each HTTP handler touches, read from its code (test/infra checks the two still agree):
 * - `health` imports nothing from a composition root and touches no storage;
 * - `get-case`, `list-cases`, `get-history`, `list-handoffs` only read cases (GetItem; Query on the table
 *   or on the list indexes);
 * - `create-case`, `apply-action` and `retry-handoff` write cases in transactions (`create-case` also bumps
 *   the per-post counter, `retry-handoff` first finds the handoff on its index) and keep Idempotency-Key
 *   records;
 * - `redrive-dead-letters` touches no table: it moves messages from a dead-letter queue back to its queue.
 * Every handler that uses the core composition root (`functions/shared/container.ts`) reads the cursor
 * secret at cold start, because the config requires it.
 */
export interface HandlerAccess {
  readonly cases: 'none' | 'read' | 'write';
  readonly idempotency: boolean;
  /** Moves dead letters back to their queue, for every handoff kind. */
  readonly redriveDeadLetters: boolean;
}

const NONE: HandlerAccess = { cases: 'none', idempotency: false, redriveDeadLetters: false };
const READ: HandlerAccess = { cases: 'read', idempotency: false, redriveDeadLetters: false };
const WRITE: HandlerAccess = { cases: 'write', idempotency: true, redriveDeadLetters: false };

export const HTTP_HANDLER_ACCESS: Readonly<Record<string, HandlerAccess>> = {
  health: NONE,
  'create-case': WRITE,
  'list-cases': READ,
  'get-case': READ,
  'apply-action': WRITE,
  'get-history': READ,
  'list-handoffs': READ,
  'retry-handoff': WRITE,
  'redrive-dead-letters': { ...NONE, redriveDeadLetters: true },
};
