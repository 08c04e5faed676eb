import { createHash } from 'node:crypto';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { Case } from '../../domain/case/model.ts';
import { CommandAlreadyDone, type CommandReceipt } from '../../domain/case/ports.ts';
import type { Actor } from '../../domain/shared/actor.ts';
import { logger } from '../shared/observability.ts';
import { HttpError } from './errors.ts';
import type { HttpEvent } from './request.ts';

type Result = APIGatewayProxyStructuredResultV2;

/** Where receipts are read back; they are written by the repository, in the command's own transaction. */
export interface IdempotencySettings {
  readonly receipts: { find(id: string): Promise<CommandReceipt | null> };
  readonly ttlSeconds: number;
}

export const sha256 = (text: string) => createHash('sha256').update(text).digest('base64url');

const reused = () =>
  new HttpError(
    422,
    'IDEMPOTENCY_KEY_REUSED',
    'this Idempotency-Key was already used with a different request',
  );

/**
 * Carries out a command at most once per `Idempotency-Key`. Without the header the command simply runs.
 * With it:
 * - the key is scoped to the caller's subject, role and post and to the route and path, so it never
 *   answers for another user, another post or another case;
 * - the command is validated first (`validate` throws the 400), and only the validated command is hashed;
 * - a live receipt for the key answers at once: the first response if the command is the same, 422 if not;
 * - otherwise the command runs and its receipt is stored in the same transaction as its effect (`atMostOnce`).
 */
export async function once<T = Case>(
  event: HttpEvent,
  actor: Actor,
  settings: IdempotencySettings,
  command: {
    readonly validate: () => unknown;
    readonly execute: (receipt?: (next: T) => CommandReceipt) => Promise<T>;
    readonly respond: (c: T) => Result;
  },
): Promise<Result> {
  const key = event.headers?.['idempotency-key'];
  if (key === undefined) return command.respond(await command.execute());
  return atMostOnce(settings, {
    id: sha256([actor.sub, actor.role, actor.postId, event.routeKey, event.rawPath, key].join('\n')),
    fingerprint: sha256(JSON.stringify(command.validate())),
    ttlSeconds: settings.ttlSeconds,
    reused,
    execute: command.execute,
    respond: command.respond,
  });
}

/**
 * The receipt mechanism under `once` and the partner callbacks' `webhook-id`: a live receipt with `id`
 * answers at once (its first response if the fingerprint matches, `reused()` if not); otherwise the command
 * runs and its receipt — the response it will give — is stored in the same transaction as its effect, so a
 * retry gets the first answer and a crash leaves no half state. A concurrent duplicate loses that
 * transaction and gets the winner's answer.
 */
export async function atMostOnce<T = Case>(
  settings: Pick<IdempotencySettings, 'receipts'>,
  command: {
    readonly id: string;
    readonly fingerprint: string;
    readonly ttlSeconds: number;
    readonly reused: () => HttpError;
    readonly execute: (receipt: (next: T) => CommandReceipt) => Promise<T>;
    readonly respond: (c: T) => Result;
  },
): Promise<Result> {
  const { id, fingerprint } = command;
  const replay = (receipt: CommandReceipt): Result => {
    if (receipt.fingerprint !== fingerprint) throw command.reused();
    logger.info('idempotent replay');
    return JSON.parse(receipt.result) as Result;
  };
  const held = await settings.receipts.find(id);
  if (held) return replay(held);
  try {
    const c = await command.execute((next) => ({
      id,
      fingerprint,
      result: JSON.stringify(command.respond(next)),
      expiresAt: Math.floor(Date.now() / 1000) + command.ttlSeconds,
    }));
    return command.respond(c);
  } catch (error) {
    if (!(error instanceof CommandAlreadyDone)) throw error;
    const winner = await settings.receipts.find(id);
    if (!winner) throw new HttpError(409, 'REQUEST_IN_PROGRESS', 'the same request is in progress');
    return replay(winner);
  }
}
