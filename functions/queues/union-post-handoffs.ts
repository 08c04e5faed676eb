import type { HandoffDeps } from '../../domain/handoffs/ports.ts';
import type { ReminderTransfer } from '../../domain/reminders/ports.ts';
import { DynamoReminderStore } from '../adapters/dynamodb/reminder-repository.ts';
import { backgroundHandler } from '../shared/background.ts';
import { handoffQueues } from '../shared/pipeline.ts';
import { documents, repositories, storeConfig } from '../shared/store.ts';
import { useCaseDeps } from '../shared/use-case-deps.ts';
import { createUnionPostConsumer } from './consumers.ts';

const repos = repositories();
// The case's open reminders follow it to the receiving post (domain/handoffs/take-over-transfer.ts).
const reminders = new DynamoReminderStore(documents, storeConfig.tableName, null);
const deps = async (): Promise<HandoffDeps> => {
  const withReminders: HandoffDeps & { reminders: ReminderTransfer } = {
    ...(await useCaseDeps(repos)),
    reminders,
  };
  return withReminders;
};

/** The union-post queue → the receiving post's inbox (see consumers.ts). */
export const handler = backgroundHandler(createUnionPostConsumer({ deps, queues: handoffQueues }));
