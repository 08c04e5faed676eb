import { recordReads } from '../../domain/audit/access-log.ts';
import type { AccessLog, AccessView } from '../../domain/audit/ports.ts';
import type { Actor } from '../../domain/shared/actor.ts';
import { DynamoAccessLog } from '../adapters/dynamodb/access-log.ts';
import { systemClock } from './clock.ts';
import { cursorCodec } from './http-deps.ts';
import { logger } from './observability.ts';
import { documents, storeConfig } from './store.ts';

const stored = new DynamoAccessLog(documents, storeConfig.tableName, cursorCodec);

/**
 * Composition root of the access records: the HTTP functions that read cases record each read here. A
 * reveal also writes one log line (`audit: "reveal"`, the person's subject, the case, the fields' count —
 * never a value) that the RevealsByPerson Contributor Insights rule counts per person (audit-trail.ts).
 */
export const accessLog: AccessLog = {
  async recordAccess(record) {
    await stored.recordAccess(record);
    if (record.view === 'REVEAL') {
      logger.info('personal data revealed', {
        audit: 'reveal',
        actorSub: record.actor.sub,
        caseId: record.caseId,
        fields: record.fieldsRevealed?.length ?? 0,
      });
    }
  },
  recordAccesses: (records) => stored.recordAccesses(records),
  listAccess: (caseId, page) => stored.listAccess(caseId, page),
};
export const auditDeps = { access: accessLog, clock: systemClock };

/** Records that the actor read these cases through this view (after the read succeeded). */
export const recordRead = (actor: Actor, caseIds: readonly string[], view: AccessView): Promise<void> =>
  recordReads(auditDeps, actor, caseIds, view);
