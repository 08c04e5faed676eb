import { randomUUID } from 'node:crypto';
import { KMSClient } from '@aws-sdk/client-kms';
import * as z from 'zod/mini';
import type { DuplicateDeps, DuplicateHasher } from '../../domain/sealing/duplicates.ts';
import { KmsMac, LocalMac } from '../adapters/crypto/mac.ts';
import { DynamoDuplicateStore } from '../adapters/dynamodb/duplicate-store.ts';
import { systemClock } from './clock.ts';
import { parseEnvironment } from './env.ts';
import { cursorCodec } from './http-deps.ts';
import { withoutSdkLogging } from './sdk.ts';
import { documents, storeConfig } from './store.ts';

/**
 * Composition root of duplicate filings: the HMAC key in KMS (`DUPLICATE_KEY_ARN`) or, locally, a key of the
 * local stack's run (`DUPLICATE_LOCAL_KEY`, base64); the store on the cases table.
 */
const DuplicateEnvironment = z.object({
  AWS_REGION: z._default(z.string().check(z.minLength(1)), 'us-east-1'),
  DUPLICATE_KEY_ARN: z.optional(z.string().check(z.minLength(1))),
  DUPLICATE_LOCAL_KEY: z.optional(z.string().check(z.minLength(43))),
});

export function hasherFrom(env: Record<string, string | undefined> = process.env): DuplicateHasher {
  const config = parseEnvironment(DuplicateEnvironment, env, 'duplicates');
  if (config.DUPLICATE_KEY_ARN) {
    return new KmsMac(
      withoutSdkLogging(new KMSClient({ region: config.AWS_REGION })),
      config.DUPLICATE_KEY_ARN,
    );
  }
  if (config.DUPLICATE_LOCAL_KEY) return new LocalMac(Buffer.from(config.DUPLICATE_LOCAL_KEY, 'base64'));
  throw new Error('invalid duplicates configuration: DUPLICATE_KEY_ARN: required');
}

/** The store, and the hasher configured on first use (the review routes never hash, and need no key). */
export function duplicateDeps(): DuplicateDeps {
  let hasher: DuplicateHasher | undefined;
  return {
    hasher: {
      hash: (inputs) => {
        hasher ??= hasherFrom();
        return hasher.hash(inputs);
      },
    },
    store: new DynamoDuplicateStore(documents, storeConfig.tableName, cursorCodec),
    clock: systemClock,
    newId: randomUUID,
  };
}
