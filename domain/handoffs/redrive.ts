import type { Actor } from '../shared/actor.ts';
import type { DestinationKind } from '../shared/destinations.ts';
import { ForbiddenError } from '../shared/errors.ts';
import type { DeadLetters } from './ports.ts';

/**
 * An admin sends the messages parked in a dead-letter queue back through the pipeline, after fixing what
 * made them fail (a partner's endpoint, a registry entry). Handoffs delivered meanwhile are skipped by
 * the consumers' guards.
 */
export async function redriveDeadLetters(
  actor: Actor,
  deadLetters: DeadLetters,
  kind: DestinationKind,
  limit: number,
): Promise<{ kind: DestinationKind; moved: number }> {
  if (actor.role !== 'admin') throw new ForbiddenError('only an admin redrives a dead-letter queue');
  return { kind, moved: await deadLetters.redrive(kind, limit) };
}
