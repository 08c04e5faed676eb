import { DestinationDirectory } from '../adapters/directory.ts';
import { DynamoConsultationRepository } from '../adapters/dynamodb/consultation-repository.ts';
import { DynamoPostDirectory } from '../adapters/dynamodb/post-directory.ts';
import { cursorCodec } from './http-deps.ts';
import { documents, storeConfig } from './store.ts';

/**
 * Composition root of the consultation handlers: the repository on the cases table, with signed list
 * cursors and, for the writing handlers, the idempotency table for command receipts. Once per container.
 */
export function consultationRepository(options: { readonly receiptsTable?: string } = {}) {
  return new DynamoConsultationRepository(documents, storeConfig.tableName, cursorCodec, options);
}

/**
 * Recording names a post only, never a partner: the post directory, each post found remembered for the
 * container's life (posts are never removed), as filing does (create-case.ts).
 */
export const postDirectory = () =>
  new DestinationDirectory(
    async () => new DynamoPostDirectory(documents, storeConfig.tableName, null),
    () => Promise.reject(new Error('consultations name no court or arbitration institute')),
  );
