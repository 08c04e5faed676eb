import { recordReads } from '../../domain/audit/access-log.ts';
import type { AccessView } from '../../domain/audit/ports.ts';
import type { Actor } from '../../domain/shared/actor.ts';
import { DynamoAccessLog } from '../adapters/dynamodb/access-log.ts';
import { systemClock } from './clock.ts';
import { cursorCodec } from './http-deps.ts';
import { documents, storeConfig } from './store.ts';

/** Composition root of the access records: the HTTP functions that read cases record each read here. */
export const accessLog = new DynamoAccessLog(documents, storeConfig.tableName, cursorCodec);
export const auditDeps = { access: accessLog, clock: systemClock };

/** Records that the actor read these cases through this view (after the read succeeded). */
export const recordRead = (actor: Actor, caseIds: readonly string[], view: AccessView): Promise<void> =>
  recordReads(auditDeps, actor, caseIds, view);
